import type { Host, Plan } from '@provision/core';
import { ensure } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { AddressingState } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'host facts';
const HOUR_MS = 3_600_000;
/** Clocks of the cloud and of the caller may disagree by this much, and times may be rounded to it. */
const CLOCK_SLACK_MS = 60_000;
const IPV6 = /^[0-9a-f:]+$/i;
/** RFC 1918, shared (RFC 6598) and link-local ranges: never a public address. */
const PRIVATE_IPV4 =
  /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|169\.254\.)/;

/** A plan of the catalog other than the default one, sold in `region` with a public IPv4, if any. */
export function otherPlan(plans: readonly Plan[], defaultPlan: string, region: string): Plan | undefined {
  return plans.find(
    (plan) =>
      plan.id !== defaultPlan &&
      plan.publicIpv4 &&
      (plan.regions === undefined || plan.regions.includes(region)),
  );
}

/** `expiresAt` must be `ttl` after the provision, whenever the machine ran it. */
function expectExpiry(host: Host, ttl: number, started: number, ended: number, what: string): void {
  const expiresAt = host.expiresAt?.getTime();
  ensure(
    expiresAt !== undefined && Number.isFinite(expiresAt),
    `${what} has no expiresAt although the spec asked for a ttl of ${ttl} ms.`,
  );
  ensure(
    expiresAt >= started + ttl - CLOCK_SLACK_MS && expiresAt <= ended + ttl + CLOCK_SLACK_MS,
    () =>
      `${what} expires at ${new Date(expiresAt).toISOString()}; with a ttl of ${ttl} ms it should be about ${new Date(started + ttl).toISOString()}.`,
  );
}

/** A host whose machine runs without a public address must never be `active`, nor show a private address as its IPv4. */
function addressingCheck<Settings>(
  config: ContractConfig<Settings>,
  state: Exclude<AddressingState, 'public'>,
): ContractCheck {
  const name =
    state === 'none'
      ? 'a running machine without an address is not active'
      : 'a running machine with only a private address is not active and shows no private ipv4';
  if (config.createFake().setAddressing === undefined)
    return skippedCheck(GROUP, name, 'the contract fake cannot withhold addresses (setAddressing)');
  return defineCheck(GROUP, name, async (context) => {
    const harness = new ContractHarness(config, context);
    const provisioner = harness.provisioner();
    const created = await provisioner.provision(harness.spec('contract-addressless'));
    harness.contract.setAddressing?.(created, state);
    // Well past the reads the machine needs to run: it runs, but has no public address.
    for (let poll = 1; poll <= harness.fake.readsUntilActive + 3; poll += 1) {
      const host = await provisioner.status(created.id);
      ensure(
        host.status !== 'active',
        `status() said "active" for a machine running ${state === 'none' ? 'without an address' : 'with only a private address'}; active means running AND reachable at a public address.`,
      );
      ensure(
        host.ipv4 === undefined || !PRIVATE_IPV4.test(host.ipv4),
        `host.ipv4 is ${host.ipv4}, a private address; ipv4 must be the public one.`,
      );
    }
    harness.contract.setAddressing?.(created, 'public');
    const host = await harness.pollUntil(provisioner, created.id, 'active');
    await harness.cleanUp(provisioner, host.id, 'after deleting the host');
  });
}

/** What the host says about itself is what the cloud holds and what the spec asked for. */
export function hostFactsChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const plugin = config.plugin;
  return [
    addressingCheck(config, 'none'),
    addressingCheck(config, 'private-only'),
    defineCheck(GROUP, 'region, plan and os from the spec are used and reported back', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const region = harness.contract.otherRegion ?? harness.region;
      const plan = otherPlan(plugin.catalog.plans, plugin.defaults.plan, region)?.id ?? plugin.defaults.plan;
      const created = await provisioner.provision(harness.spec('contract-placed', { region, plan }));
      const host = await harness.pollUntil(provisioner, created.id, 'active');
      for (const [what, reported] of [
        ['provision()', created],
        ['status()', host],
      ] as const) {
        ensure(
          reported.region === region,
          `${what} reported region "${reported.region}"; the spec asked for "${region}".`,
        );
        ensure(
          reported.plan === plan,
          `${what} reported plan "${reported.plan}"; the spec asked for "${plan}".`,
        );
      }
      const machine = harness.contract.machine(host);
      ensure(machine !== undefined, 'The cloud holds no machine for the provisioned host.');
      ensure(
        machine.region === region || machine.region.startsWith(region),
        `The cloud made the machine in "${machine.region}"; the spec asked for "${region}".`,
      );
      ensure(
        machine.plan === plan,
        `The cloud made the machine as "${machine.plan}"; the spec asked for "${plan}".`,
      );
      const systems = Object.keys(plugin.catalog.images);
      const otherOs = systems.find((os) => os !== plugin.defaults.os);
      if (otherOs !== undefined) {
        const other = await provisioner.provision(harness.spec('contract-other-os', { os: otherOs }));
        const otherImage = harness.contract.machine(other)?.image;
        ensure(
          otherImage !== undefined && otherImage !== machine.image,
          `os "${otherOs}" made a machine from the same image (${otherImage}) as os "${plugin.defaults.os}".`,
        );
        await harness.deleteToDone(provisioner, { id: other.id });
      }
      await harness.cleanUp(provisioner, host.id, 'after deleting the host');
    }),

    defineCheck(GROUP, 'price, createdAt, expiresAt and ipv6 are right', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const plan =
        otherPlan(plugin.catalog.plans, plugin.defaults.plan, harness.region) ??
        plugin.catalog.plans.find((candidate) => candidate.id === plugin.defaults.plan);
      const ttl = 6 * HOUR_MS;
      const started = Date.now();
      const created = await provisioner.provision(
        harness.spec('contract-facts', { ttl, ...(plan === undefined ? {} : { plan: plan.id }) }),
      );
      const ended = Date.now();
      expectExpiry(created, ttl, started, ended, 'The host provision() returned');
      const host = await harness.pollUntil(provisioner, created.id, 'active');
      if (plan !== undefined && host.price !== undefined) {
        ensure(
          host.price.monthly === plan.price.monthly && host.price.currency === plan.price.currency,
          `host.price is ${JSON.stringify(host.price)}; plan "${plan.id}" costs ${plan.price.monthly} ${plan.price.currency} a month.`,
        );
      }
      const createdAt = host.createdAt?.getTime();
      ensure(
        createdAt === undefined ||
          (createdAt >= started - CLOCK_SLACK_MS && createdAt <= Date.now() + CLOCK_SLACK_MS),
        () =>
          `host.createdAt is ${host.createdAt?.toISOString()}; the host was created at about ${new Date(started).toISOString()}.`,
      );
      ensure(
        host.ipv6 === undefined || (IPV6.test(host.ipv6) && host.ipv6.includes(':')),
        `host.ipv6 is ${JSON.stringify(host.ipv6)}, not an IPv6 address.`,
      );
      await harness.cleanUp(provisioner, host.id, 'after deleting the host');
    }),

    defineCheck(
      GROUP,
      'the expiry is written to the cloud and read back by a fresh provisioner',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const ttl = 2 * HOUR_MS;
        const started = Date.now();
        const created = await harness.provisioner().provision(harness.spec('contract-expiry', { ttl }));
        const ended = Date.now();
        // A provisioner that never saw the spec can know the expiry only from the cloud's tags.
        const fresh = harness.provisioner();
        const host = await fresh.status(created.id);
        expectExpiry(host, ttl, started, ended, "A fresh provisioner's status()");
        const stored = harness.contract.storedTags?.(created);
        if (stored !== undefined && host.expiresAt !== undefined) {
          // Epoch seconds or milliseconds, or an ISO date: however the plugin spells it, it is there.
          const spellings = [
            String(Math.floor(host.expiresAt.getTime() / 1000)),
            String(host.expiresAt.getTime()),
            host.expiresAt.toISOString().slice(0, 16),
          ];
          const texts = Object.entries(stored).flat();
          ensure(
            texts.some((text) => spellings.some((spelling) => text.includes(spelling))),
            `The cloud's tags of the host (${texts.length} strings) do not hold its expiry ${host.expiresAt.toISOString()}.`,
          );
        }
        if (plugin.capabilities.list && fresh.list !== undefined) {
          const listed = (await fresh.list()).find((candidate) => candidate.id === created.id);
          ensure(listed !== undefined, 'list() does not return the host.');
          expectExpiry(listed, ttl, started, ended, 'The host list() returned');
        }
        await harness.cleanUp(fresh, created.id, 'after deleting the host');
      },
    ),
  ];
}
