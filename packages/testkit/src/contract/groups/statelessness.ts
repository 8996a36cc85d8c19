import type { HostSpec } from '@provision/core';
import { ensure } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'statelessness';

/** The id is self-sufficient: fresh provisioners with only the settings finish the job. */
export function statelessnessChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const scenario = (name: string, extra: Partial<HostSpec>) =>
    defineCheck(GROUP, name, async (context) => {
      const harness = new ContractHarness(config, context);
      const created = await harness.provisioner().provision(harness.spec('contract-stateless', extra));
      // Each step gets a provisioner that has never seen the host: nothing may live in memory.
      const host = await harness.pollUntil(harness.provisioner(), created.id, 'active');
      ensure(
        host.name === 'contract-stateless',
        `A fresh provisioner's status() gave the name "${host.name}".`,
      );
      await harness.deleteToDone(harness.provisioner(), { id: created.id });
      await harness.expectGone(
        harness.provisioner(),
        created.id,
        'after a fresh provisioner deleted the host',
      );
      harness.expectNothingLeft('after a fresh provisioner deleted the host');
    });
  return [
    scenario('a fresh provisioner can poll and delete a host by id', {}),
    config.plugin.capabilities.inbound
      ? scenario('a fresh provisioner can delete a firewalled host and its firewall', {
          inbound: [{ from: 22 }],
        })
      : skippedCheck(
          GROUP,
          'a fresh provisioner can delete a firewalled host and its firewall',
          'inbound is not declared by the plugin',
        ),
  ];
}
