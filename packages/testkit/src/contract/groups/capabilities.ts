import {
  AuthenticationError,
  cheapestPlan,
  type Host,
  OPTIONAL_CAPABILITIES,
  type OptionalCapability,
  type ProvisionerV1,
  UnsupportedError,
} from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { describeError, ensure, rejectionOf } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { ContractFake } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';
import { extraCapabilityChecks } from './capabilities-more.js';

const GROUP = 'capabilities';
const OPTIONAL = OPTIONAL_CAPABILITIES;

function method<K extends OptionalCapability | 'deleteOrphan'>(
  provisioner: ProvisionerV1,
  name: K,
): NonNullable<ProvisionerV1[K]> {
  const found = provisioner[name];
  ensure(typeof found === 'function', `The plugin declares ${name} but the provisioner has no ${name}().`);
  return (found as (...args: unknown[]) => unknown).bind(provisioner) as NonNullable<ProvisionerV1[K]>;
}

function sameIds(actual: readonly Host[], expected: readonly string[], what: string): void {
  const ids = actual.map((host) => host.id).sort();
  const wanted = [...expected].sort();
  ensure(
    ids.length === wanted.length && ids.every((id, index) => id === wanted[index]),
    `${what} returned [${ids.join(', ')}]; expected [${wanted.join(', ')}].`,
  );
}

/**
 * How the orphans check ages the fake's secondary resources: the contract fake's
 * `ageSecondaryResources`, or `undefined` when the config says why the cloud can tell no age.
 * Anything else (neither, both, or a reason that is no sentence) fails before any request.
 */
function orphanAging<Settings>(
  config: ContractConfig<Settings>,
  contract: ContractFake,
): ((ms: number) => void) | undefined {
  const reason = config.orphanAgeUnknown;
  const aging = contract.ageSecondaryResources;
  if (reason === undefined) {
    ensure(
      aging !== undefined,
      "The plugin declares orphans, but its contract fake has no ageSecondaryResources(ms): give it one (it moves the fake's stored creation times back) so the suite checks that a resource younger than ORPHAN_MIN_AGE_MS is never an orphan, or, for a cloud whose resources carry no creation time, say why in the contract config's orphanAgeUnknown.",
    );
    return aging?.bind(contract);
  }
  ensure(
    aging === undefined,
    'The contract config sets orphanAgeUnknown, but the contract fake has ageSecondaryResources(ms): the cloud can tell an age, so remove orphanAgeUnknown.',
  );
  ensure(
    reason.trim().length >= 20,
    `orphanAgeUnknown must say why the cloud's resources carry no creation time, in a sentence; got ${JSON.stringify(reason)}.`,
  );
  return undefined;
}

/** Each declared optional capability works; undeclared ones are absent. */
export function capabilityChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const plugin = config.plugin;
  const declared = plugin.capabilities;
  const checks: ContractCheck[] = [];
  const add = (
    capability: string,
    isDeclared: boolean | undefined,
    name: string,
    run: ContractCheck['run'],
  ) =>
    checks.push(
      isDeclared
        ? defineCheck(GROUP, name, run)
        : skippedCheck(GROUP, name, `${capability} not declared by the plugin`),
    );

  add('list', declared.list, 'list filters by owner and tags', async (context) => {
    const harness = new ContractHarness(config, context);
    const provisioner = harness.provisioner();
    const list = method(provisioner, 'list');
    const a = await provisioner.provision(
      harness.spec('contract-a', { owner: 'alpha', tags: { team: 'red' } }),
    );
    const b = await provisioner.provision(
      harness.spec('contract-b', { owner: 'alpha', tags: { team: 'blue' } }),
    );
    const c = await provisioner.provision(
      harness.spec('contract-c', { owner: 'beta', tags: { team: 'red' } }),
    );
    sameIds(await list(), [a.id, b.id, c.id], 'list()');
    sameIds(await list({ owner: 'alpha' }), [a.id, b.id], "list({ owner: 'alpha' })");
    sameIds(await list({ tags: { team: 'red' } }), [a.id, c.id], "list({ tags: { team: 'red' } })");
    sameIds(
      await list({ owner: 'alpha', tags: { team: 'red' } }),
      [a.id],
      "list({ owner: 'alpha', tags: { team: 'red' } })",
    );
    sameIds(await list({ owner: 'gamma' }), [], "list({ owner: 'gamma' })");
    for (const host of [a, b, c]) await harness.deleteToDone(provisioner, { id: host.id });
    harness.expectNothingLeft('after deleting the listed hosts');
  });

  add(
    'stop and start',
    declared.stop && declared.start,
    'stop then start move the host through its power states',
    async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const host = await harness.provisionActive(provisioner, harness.spec('contract-power'));
      const stopping = await method(provisioner, 'stop')(host.id);
      ensure(
        ['active', 'stopping', 'stopped'].includes(stopping.status),
        `stop() returned "${stopping.status}".`,
      );
      await harness.pollUntil(provisioner, host.id, 'stopped');
      const starting = await method(provisioner, 'start')(host.id);
      ensure(
        ['stopped', 'starting', 'active'].includes(starting.status),
        `start() returned "${starting.status}".`,
      );
      await harness.pollUntil(provisioner, host.id, 'active');
      await harness.cleanUp(provisioner, host.id, 'after deleting the host');
    },
  );
  if (declared.stop !== declared.start) {
    checks.push(
      skippedCheck(
        GROUP,
        `${declared.stop ? 'stop' : 'start'} alone`,
        'the suite needs both stop and start to drive a power cycle',
      ),
    );
  }

  add('reboot', declared.reboot, 'reboot brings the host back to active', async (context) => {
    const harness = new ContractHarness(config, context);
    const provisioner = harness.provisioner();
    const host = await harness.provisionActive(provisioner, harness.spec('contract-reboot'));
    const rebooting = await method(provisioner, 'reboot')(host.id);
    ensure(
      rebooting.id === host.id && rebooting.status !== 'error',
      `reboot() returned ${rebooting.id} in "${rebooting.status}".`,
    );
    await harness.pollUntil(provisioner, host.id, 'active');
    await harness.cleanUp(provisioner, host.id, 'after deleting the host');
  });

  add(
    'plans',
    declared.plans,
    'plans lists priced plans with a cheapest public-IPv4 one',
    async (context) => {
      const harness = new ContractHarness(config, context);
      const plans = await method(harness.provisioner(), 'plans')();
      ensure(Array.isArray(plans) && plans.length > 0, 'plans() returned no plans.');
      for (const plan of plans) {
        const where = `plan ${JSON.stringify(plan.id)}`;
        ensure(typeof plan.id === 'string' && plan.id.length > 0, `${where} has no id.`);
        ensure(
          plan.cpus > 0 && plan.memoryMiB > 0,
          `${where} has cpus ${plan.cpus}, memoryMiB ${plan.memoryMiB}.`,
        );
        ensure(typeof plan.publicIpv4 === 'boolean', `${where} must say whether it has a public IPv4.`);
        if (plan.price?.source === 'unknown') {
          // A cloud without prices says why, and gives no figure that could pass for one.
          const { reason, monthly, hourly, currency } = plan.price as unknown as Record<string, unknown>;
          ensure(
            typeof reason === 'string' && reason.length > 0,
            `${where} has a price of source "unknown" without a reason.`,
          );
          ensure(
            monthly === undefined && hourly === undefined && currency === undefined,
            `${where} has a price of source "unknown" with a figure (${JSON.stringify(plan.price)}).`,
          );
          continue;
        }
        const { monthly, hourly, currency } = plan.price ?? {};
        ensure(
          typeof monthly === 'number' && Number.isFinite(monthly) && monthly >= 0,
          `${where} has monthly price ${monthly}.`,
        );
        ensure(
          /^[A-Z]{3}$/.test(currency ?? ''),
          `${where} has currency ${JSON.stringify(currency)}; expected an ISO 4217 code.`,
        );
        // A month is 672-744 hours; clouds cap monthly bills at one of those.
        ensure(
          hourly === undefined || (monthly >= hourly * 600 && monthly <= hourly * 750),
          `${where} costs ${monthly} a month and ${hourly} an hour; the monthly price must be a month's worth of hours.`,
        );
        ensure(
          !plan.publicIpv4 || monthly === 0 || (monthly >= 0.5 && monthly <= 50_000),
          `${where} costs ${monthly} a month, not a plausible monthly price.`,
        );
      }
      const cheapest = cheapestPlan(plans, { region: harness.region });
      ensure(
        cheapest?.publicIpv4 === true,
        `cheapestPlan() found no plan with a public IPv4 in ${harness.region}.`,
      );
    },
  );

  add('regions', declared.regions, 'regions include the default region', async (context) => {
    const harness = new ContractHarness(config, context);
    const regions = await method(harness.provisioner(), 'regions')();
    ensure(Array.isArray(regions) && regions.length > 0, 'regions() returned no regions.');
    for (const region of regions) {
      ensure(
        typeof region.id === 'string' &&
          typeof region.name === 'string' &&
          typeof region.available === 'boolean',
        `region ${JSON.stringify(region)} lacks id, name or available.`,
      );
    }
    ensure(
      regions.some((region) => region.id === plugin.defaults.region),
      `regions() does not include the default region "${plugin.defaults.region}".`,
    );
  });

  add(
    'verifyCredentials',
    declared.verifyCredentials,
    'verifyCredentials accepts good and rejects wrong credentials',
    async (context) => {
      const harness = new ContractHarness(config, context);
      await method(harness.provisioner(), 'verifyCredentials')();
      const wrong = harness.provisioner({ settings: config.wrongCredentialSettings(harness.fake) });
      const error = await rejectionOf(
        () => method(wrong, 'verifyCredentials')(),
        'verifyCredentials() with wrong credentials',
      );
      ensure(
        AuthenticationError.isInstance(error),
        () =>
          `verifyCredentials() with wrong credentials should throw AuthenticationError, not ${describeError(error)}.`,
      );
    },
  );

  add('quota', declared.quota, 'quota returns numbers or leaves fields out', async (context) => {
    const harness = new ContractHarness(config, context);
    const quota = await method(harness.provisioner(), 'quota')();
    ensure(typeof quota === 'object' && quota !== null, `quota() returned ${JSON.stringify(quota)}.`);
    for (const key of ['hostLimit', 'hostsInUse', 'cpuLimit'] as const) {
      const value = quota[key];
      ensure(
        value === undefined || (Number.isInteger(value) && value >= 0),
        `quota().${key} is ${JSON.stringify(value)}; expected a whole number or undefined.`,
      );
    }
  });

  add(
    'orphans',
    declared.orphans,
    'orphans lists what a vanished host left, and only that',
    async (context) => {
      const harness = new ContractHarness(config, context);
      const age = orphanAging(config, harness.contract);
      const provisioner = harness.provisioner();
      const orphans = method(provisioner, 'orphans');
      const deleteOrphan = method(provisioner, 'deleteOrphan');
      const inbound = declared.inbound ? { inbound: [{ from: 22 }] } : {};
      const doomed = await harness.provisionActive(provisioner, harness.spec('contract-orphaned', inbound));
      const healthy = await harness.provisionActive(provisioner, harness.spec('contract-healthy', inbound));
      const before = await orphans();
      ensure(before.length === 0, `orphans() listed ${JSON.stringify(before)} while every host was alive.`);
      await harness.contract.removeOutOfBand(doomed);
      if (age !== undefined) {
        // Made moments ago, as a provision's firewall is just before its machine: not yet an orphan.
        const young = await orphans();
        ensure(
          young.length === 0,
          `orphans() listed ${JSON.stringify(young)}, made moments ago: a resource younger than ORPHAN_MIN_AGE_MS is never an orphan (give the scan the cloud's creation time).`,
        );
        age(ORPHAN_MIN_AGE_MS);
      }
      const found = await orphans();
      for (const orphan of found) {
        let done = false;
        for (let call = 0; call < 10 && !done; call++) done = (await deleteOrphan(orphan)).done;
        ensure(done, `deleteOrphan(${JSON.stringify(orphan)}) never reported done.`);
      }
      const still = await provisioner.status(healthy.id);
      ensure(still.status === 'active', `The healthy host is ${still.status} after orphans were deleted.`);
      const rules = harness.contract.inboundOf(healthy);
      ensure(
        !declared.inbound || (rules !== undefined && rules.length > 0),
        "Deleting orphans removed the healthy host's firewall.",
      );
      // Whatever orphans() missed is still in the fake, and cleanUp's leftover check names it.
      await harness.cleanUp(provisioner, healthy.id, 'after deleting the orphans and the healthy host');
    },
  );

  if (declared.orphans && config.orphanAgeUnknown !== undefined)
    checks.push(
      skippedCheck(GROUP, 'orphans leave a resource made moments ago alone', config.orphanAgeUnknown),
    );

  checks.push(...extraCapabilityChecks(config));

  if (declared.deleteByIp) {
    checks.push(
      defineCheck(GROUP, 'delete by IP converges to done', async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const host = await harness.provisionActive(provisioner, harness.spec('contract-by-ip'));
        await harness.deleteToDone(provisioner, { ip: host.ipv4 as string });
        await harness.expectGone(provisioner, host.id, 'after delete({ ip }) said done');
        harness.expectNothingLeft('after delete({ ip }) said done');
      }),
    );
  } else {
    checks.push(
      defineCheck(GROUP, 'delete by IP is refused before any request (not declared)', async (context) => {
        const harness = new ContractHarness(config, context);
        const error = await rejectionOf(
          () => harness.provisioner().delete({ ip: '203.0.113.7' }),
          'delete({ ip })',
        );
        ensure(
          UnsupportedError.isInstance(error),
          () => `delete({ ip }) should throw UnsupportedError, not ${describeError(error)}.`,
        );
        ensure(
          harness.fake.requests.length === 0,
          `delete({ ip }) sent ${harness.fake.requests.length} request(s) before refusing.`,
        );
      }),
    );
  }

  const undeclared = OPTIONAL.filter((capability) => !declared[capability]);
  if (undeclared.length > 0) {
    checks.push(
      defineCheck(GROUP, `undeclared operations are absent (${undeclared.join(', ')})`, async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const present = undeclared.filter((capability) => provisioner[capability] !== undefined);
        ensure(present.length === 0, `The provisioner offers ${present.join(', ')} without declaring it.`);
      }),
    );
  }
  return checks;
}
