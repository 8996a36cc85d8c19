import {
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type HostSpec,
  type ProvisionerV1,
} from '@provision/core';
import { describeError, describeRequests, ensure, outcomeOf } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { InboundRuleState } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';

const NOT_DECLARED = 'inboundRules is not declared by the plugin';
const LISTED: HostSpec['inbound'] = [
  { from: 8000, to: 9000, protocol: 'udp' },
  { from: 22 },
  { from: 80, to: 81, protocol: 'tcp' },
];
const LISTED_ANSWER: HostInbound = {
  kind: 'firewall',
  allows: [
    { from: 22, to: 22, protocol: 'tcp' },
    { from: 80, to: 81, protocol: 'tcp' },
    { from: 8000, to: 9000, protocol: 'udp' },
  ],
};

/** An answer in a few words, the same whatever order the plugin wrote its fields in. */
export function describeHostInbound(answer: HostInbound | undefined): string {
  if (answer === null || typeof answer !== 'object') return `not an answer (${JSON.stringify(answer)})`;
  if (answer.kind === 'cloud-default') return 'cloud-default (no per-host firewall)';
  if (answer.kind !== 'firewall')
    return `an unknown kind ${JSON.stringify((answer as { kind?: unknown }).kind)}`;
  const allows = Array.isArray(answer.allows)
    ? `[${answer.allows
        .map(
          (rule) =>
            `${rule.from}-${rule.to}/${rule.protocol}${rule.sources === undefined ? '' : ` from ${rule.sources.join(' ')}`}`,
        )
        .join(', ')}]`
    : JSON.stringify(answer.allows);
  const others = answer.otherProtocols === undefined ? '' : `, also ${answer.otherProtocols.join(' ')}`;
  return `firewall allowing ${allows}${others}`;
}

/** What the fake's firewall state says the answer must be. */
function answerOfState(state: readonly InboundRuleState[] | undefined): HostInbound {
  return state === undefined ? { kind: 'cloud-default' } : firewallInbound(state);
}

function method(provisioner: ProvisionerV1): NonNullable<ProvisionerV1['inboundRules']> {
  const found = provisioner.inboundRules;
  ensure(
    typeof found === 'function',
    'The plugin declares inboundRules but the provisioner has no inboundRules().',
  );
  return found.bind(provisioner);
}

/**
 * `inboundRules()`, when declared: it tells what the cloud's firewall state allows (the rules a host
 * was provisioned with, `'all'`, or `cloud-default` without `inbound`), a gone host is
 * `HostNotFoundError`, and one call stays within `callBudget.inboundRules`.
 */
export function inboundRulesChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const declared = config.plugin.capabilities;
  const cases: Array<[string, HostSpec['inbound'], HostInbound]> = [
    ...(declared.inbound
      ? ([
          ['a list', LISTED, LISTED_ANSWER],
          ["'all'", 'all', { kind: 'firewall', allows: 'all' }],
        ] as Array<[string, HostSpec['inbound'], HostInbound]>)
      : []),
    ['no inbound', undefined, { kind: 'cloud-default' }],
  ];
  const name = 'inboundRules answers what the firewall allows: exactly the rules given, or cloud-default';
  const gone = 'inboundRules of a gone host throws HostNotFoundError';
  const budget = 'inboundRules: within callBudget.inboundRules';
  if (!declared.inboundRules)
    return [
      skippedCheck('capabilities', name, NOT_DECLARED),
      skippedCheck('capabilities', gone, NOT_DECLARED),
      skippedCheck('call budgets', budget, NOT_DECLARED),
    ];
  return [
    defineCheck('capabilities', name, async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      for (const [what, inbound, expected] of cases) {
        const host = await harness.provisionActive(
          provisioner,
          harness.spec('contract-inbound-rules', inbound === undefined ? {} : { inbound }),
        );
        // A fresh provisioner: the answer must come from the cloud, not from what this one created.
        const answer = await method(harness.provisioner())(host.id);
        const state = answerOfState(harness.contract.inboundOf(host));
        ensure(
          describeHostInbound(answer) === describeHostInbound(expected),
          () =>
            `With ${what} (inbound ${JSON.stringify(inbound)}), inboundRules() answered ${describeHostInbound(answer)}; expected ${describeHostInbound(expected)}.`,
        );
        ensure(
          describeHostInbound(answer) === describeHostInbound(state),
          () =>
            `With ${what}, inboundRules() answered ${describeHostInbound(answer)}, but the cloud's firewall state is ${describeHostInbound(state)}.`,
        );
        await harness.deleteToDone(provisioner, { id: host.id });
      }
      harness.expectNothingLeft('after deleting the hosts');
    }),
    defineCheck('capabilities', gone, async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const extra = declared.inbound ? { inbound: LISTED } : {};
      const host = await harness.provisionActive(provisioner, harness.spec('contract-inbound-gone', extra));
      await harness.deleteToDone(provisioner, { id: host.id });
      const outcome = await outcomeOf(() => method(provisioner)(host.id));
      ensure(
        !outcome.ok,
        () =>
          `inboundRules() of a deleted host answered ${describeHostInbound(outcome.ok ? outcome.value : undefined)}.`,
      );
      ensure(
        HostNotFoundError.isInstance(outcome.error),
        () =>
          `inboundRules() of a deleted host should throw HostNotFoundError, not ${describeError(outcome.error)}.`,
      );
    }),
    defineCheck('call budgets', budget, async (context) => {
      const limit = config.plugin.callBudget.inboundRules;
      ensure(
        limit !== undefined,
        'The plugin declares inboundRules but its manifest has no callBudget.inboundRules: say how many requests one call sends.',
      );
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      for (const inbound of declared.inbound ? [LISTED, undefined] : [undefined]) {
        const host = await harness.provisionActive(
          provisioner,
          harness.spec(
            `contract-budget-${inbound === undefined ? 'open' : 'guarded'}`,
            inbound === undefined ? {} : { inbound },
          ),
        );
        const mark = harness.fake.mark();
        await method(provisioner)(host.id);
        const requests = harness.fake.since(mark);
        ensure(
          requests.length <= limit,
          () =>
            `inboundRules() sent ${requests.length} request(s); callBudget.inboundRules is ${limit}.\n${describeRequests(requests)}`,
        );
      }
    }),
  ];
}
