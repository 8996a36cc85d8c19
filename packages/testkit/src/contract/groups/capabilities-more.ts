import { HostNotFoundError, type ProvisionerV1 } from '@provision/core';
import { describeError, ensure, outcomeOf } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { ContractFake } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'capabilities';

function sortedIds(hosts: readonly { id: string }[]): string {
  return hosts
    .map((host) => host.id)
    .sort()
    .join(', ');
}

/** Capability checks that need more of the fake than the basic ones: delete by IP, list filters, power on gone hosts. */
export function extraCapabilityChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const declared = config.plugin.capabilities;
  const probe: ContractFake = config.createFake();
  const checks: ContractCheck[] = [];
  const when = (condition: boolean | undefined, reason: string, name: string, run: ContractCheck['run']) =>
    checks.push(condition ? defineCheck(GROUP, name, run) : skippedCheck(GROUP, name, reason));

  if (declared.deleteByIp) {
    when(
      probe.createUnmanagedMachine !== undefined,
      'the contract fake cannot make an unmanaged machine (createUnmanagedMachine)',
      'delete by IP touches only managed hosts',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const stranger = await harness.contract.createUnmanagedMachine?.();
        const alpha = await harness.provisionActive(
          provisioner,
          harness.spec('contract-ip-a', { owner: 'alpha' }),
        );
        const beta = await harness.provisionActive(
          provisioner,
          harness.spec('contract-ip-b', { owner: 'beta' }),
        );
        const before = harness.hostIds().length;
        const result = await provisioner.delete({ ip: stranger as string });
        ensure(
          result.done === true && harness.hostIds().length === before,
          `delete({ ip }) of a machine the plugin did not create touched it (result ${JSON.stringify(result)}); only managed hosts may be deleted.`,
        );
        await harness.deleteToDone(provisioner, { ip: alpha.ipv4 as string });
        await harness.expectGone(provisioner, alpha.id, 'after delete({ ip }) of the alpha host');
        const still = await provisioner.status(beta.id);
        ensure(still.status === 'active', `delete({ ip }) of another host left this one ${still.status}.`);
        harness.expectHostCount(
          2,
          'after deleting one managed host by IP (the unmanaged machine and the other host stay)',
        );
        await harness.deleteToDone(provisioner, { id: beta.id });
      },
    );
    when(
      declared.inbound,
      'inbound is not declared by the plugin',
      'delete by IP removes the host’s firewall too',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const host = await harness.provisionActive(
          provisioner,
          harness.spec('contract-ip-fw', { inbound: [{ from: 22 }] }),
        );
        await harness.deleteToDone(provisioner, { ip: host.ipv4 as string });
        await harness.expectGone(provisioner, host.id, 'after delete({ ip }) said done');
        harness.expectNothingLeft('after delete({ ip }) of a firewalled host said done');
      },
    );
  }

  if (declared.list) {
    when(
      probe.otherRegion !== undefined,
      'the contract fake serves one region (otherRegion)',
      'list filters by region',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const list = provisioner.list?.bind(provisioner) as NonNullable<ProvisionerV1['list']>;
        const other = harness.contract.otherRegion as string;
        const here = await provisioner.provision(harness.spec('contract-here'));
        const there = await provisioner.provision(harness.spec('contract-there', { region: other }));
        for (const [region, expected] of [
          [harness.region, [here]],
          [other, [there]],
        ] as const) {
          const found = await list({ region });
          ensure(
            sortedIds(found) === sortedIds(expected),
            `list({ region: '${region}' }) returned [${sortedIds(found)}]; expected [${sortedIds(expected)}].`,
          );
        }
        for (const host of [here, there]) await harness.deleteToDone(provisioner, { id: host.id });
      },
    );
    when(
      probe.capPageSize !== undefined,
      'the contract fake cannot serve short pages (capPageSize)',
      'list reads past the first page',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const hosts = [];
        for (let index = 1; index <= 5; index += 1)
          hosts.push(await provisioner.provision(harness.spec(`contract-page-${index}`)));
        harness.contract.capPageSize?.(2);
        const list = provisioner.list?.bind(provisioner) as NonNullable<ProvisionerV1['list']>;
        const found = await list();
        harness.contract.capPageSize?.(undefined);
        ensure(
          sortedIds(found) === sortedIds(hosts),
          `With 2 hosts a page, list() returned ${found.length} of 5 hosts; it must read every page.`,
        );
        for (const host of hosts) await harness.deleteToDone(provisioner, { id: host.id });
      },
    );
  }

  for (const power of ['start', 'stop', 'reboot'] as const) {
    when(
      declared[power],
      `${power} not declared by the plugin`,
      `${power} of a gone host throws HostNotFoundError`,
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const host = await harness.provisionActive(provisioner, harness.spec('contract-gone-power'));
        await harness.deleteToDone(provisioner, { id: host.id });
        const action = provisioner[power]?.bind(provisioner) as (id: string) => Promise<unknown>;
        const outcome = await outcomeOf(() => action(host.id));
        ensure(!outcome.ok, `${power}() of a deleted host succeeded.`);
        ensure(
          HostNotFoundError.isInstance(outcome.error),
          () =>
            `${power}() of a deleted host should throw HostNotFoundError, not ${describeError(outcome.error)}.`,
        );
      },
    );
  }
  return checks;
}
