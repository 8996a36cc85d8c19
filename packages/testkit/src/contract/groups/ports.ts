import { type Host, type HostSpec, UnsupportedError } from '@provision/core';
import { describeError, ensure, rejectionOf } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { InboundRuleState } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';
import { sameRules } from './inbound-rules.js';

const GROUP = 'ports';
const NOT_DECLARED = 'inbound is not declared by the plugin';

const LISTED: HostSpec['inbound'] = [
  { from: 22, protocol: 'tcp' },
  { from: 80, to: 81, protocol: 'tcp' },
  { from: 8000, to: 9000, protocol: 'udp' },
];
const LISTED_STATE: InboundRuleState[] = [
  { from: 22, to: 22, protocol: 'tcp' },
  { from: 80, to: 81, protocol: 'tcp' },
  { from: 8000, to: 9000, protocol: 'udp' },
];
const ALL_STATE: InboundRuleState[] = [
  { from: 1, to: 65535, protocol: 'tcp' },
  { from: 1, to: 65535, protocol: 'udp' },
];

function describeRules(rules: readonly InboundRuleState[] | undefined): string {
  return rules === undefined ? 'no firewall (cloud default)' : JSON.stringify(rules);
}

/** `inbound` opens exactly the ports asked for, through a firewall that goes with the host. */
export function portsChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const opens = (name: string, inbound: HostSpec['inbound'], expected: InboundRuleState[] | undefined) =>
    defineCheck(GROUP, name, async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const host: Host = await harness.provisionActive(
        provisioner,
        harness.spec('contract-ports', inbound === undefined ? {} : { inbound }),
      );
      const state = harness.contract.inboundOf(host);
      ensure(
        sameRules(state, expected),
        () =>
          `With inbound ${JSON.stringify(inbound)} the cloud allows ${describeRules(state)}; expected ${describeRules(expected)}.`,
      );
      ensure(
        host.firewalled === (expected !== undefined),
        `host.firewalled is ${host.firewalled}; expected ${expected !== undefined}.`,
      );
      await harness.deleteToDone(provisioner, { id: host.id });
      // A firewall or security group that outlives its host is a leak the user pays for or trips over.
      harness.expectNothingLeft('after delete() said done');
    });
  const declared = config.plugin.capabilities.inbound;
  return [
    declared
      ? opens('a list opens exactly those ports', LISTED, LISTED_STATE)
      : skippedCheck(GROUP, 'a list opens exactly those ports', NOT_DECLARED),
    declared
      ? opens("'all' opens every tcp and udp port", 'all', ALL_STATE)
      : skippedCheck(GROUP, "'all' opens every tcp and udp port", NOT_DECLARED),
    opens('no inbound keeps the cloud default and says so', undefined, undefined),
    declared
      ? skippedCheck(GROUP, 'inbound is refused before any request', 'inbound is declared by the plugin')
      : defineCheck(GROUP, 'inbound is refused before any request', async (context) => {
          const harness = new ContractHarness(config, context);
          const error = await rejectionOf(
            () => harness.provisioner().provision(harness.spec('contract-ports', { inbound: LISTED })),
            'provision() with inbound',
          );
          ensure(
            UnsupportedError.isInstance(error),
            () => `provision() with inbound should throw UnsupportedError, not ${describeError(error)}.`,
          );
          ensure(
            harness.fake.requests.length === 0,
            `provision() with inbound sent ${harness.fake.requests.length} request(s) before refusing.`,
          );
        }),
  ];
}
