import { type Host, type HostSpec, ProvisionError, QuotaExceededError } from '@provision/core';
import { describeError, describeRequest, ensure, outcomeOf, rejectionOf } from '../assert.js';
import { type CheckContext, type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { InboundRuleState } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';
import { sameRules } from './inbound-rules.js';

const GROUP = 'rollback';
const TIMEOUT_MS = 60_000;
const INBOUND: HostSpec['inbound'] = [{ from: 22 }, { from: 443 }];
const INBOUND_STATE: InboundRuleState[] = [
  { from: 22, to: 22, protocol: 'tcp' },
  { from: 443, to: 443, protocol: 'tcp' },
];

/** A host said to be firewalled must have its firewall, with the rules asked for; one asked for must be there. */
function expectHonestFirewall<Settings>(
  harness: ContractHarness<Settings>,
  host: Host,
  inbound: boolean,
): void {
  if (!inbound) return;
  const rules = harness.contract.inboundOf(host);
  ensure(host.firewalled, 'provision() with inbound returned a host that is not firewalled.');
  ensure(
    rules !== undefined && sameRules(rules, INBOUND_STATE),
    () =>
      `provision() reported the host firewalled, but the cloud allows ${rules === undefined ? 'everything (no firewall)' : JSON.stringify(rules)}.`,
  );
}

/**
 * After a failed or cancelled provision, whatever is left must be found: provisioning the same
 * name again gives one host, and deleting it leaves nothing.
 */
async function expectRecoverable<Settings>(
  harness: ContractHarness<Settings>,
  spec: HostSpec,
  when: string,
): Promise<void> {
  const provisioner = harness.provisioner();
  const host = await provisioner.provision(spec);
  expectHonestFirewall(
    harness,
    await harness.pollUntil(provisioner, host.id, 'active'),
    spec.inbound !== undefined,
  );
  harness.expectHostCount(1, `${when}, then provisioning the same name again`);
  await harness.cleanUp(provisioner, host.id, `${when}, then provisioning again and deleting`);
}

/** The requests of a clean provision of `spec`, to aim a failure at each of them. */
async function cleanRequests<Settings>(
  config: ContractConfig<Settings>,
  context: CheckContext,
  spec: (h: ContractHarness<Settings>) => HostSpec,
) {
  const clean = new ContractHarness(config, context);
  await clean.provisioner().provision(spec(clean));
  return clean.fake.requests.slice();
}

/** A provision that fails or is cancelled part-way leaves nothing that delete or gc cannot find. */
export function rollbackChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const inbound = config.plugin.capabilities.inbound === true;
  const specOf = (harness: ContractHarness<Settings>) =>
    harness.spec('contract-rollback', inbound ? { inbound: INBOUND } : {});
  const checks: ContractCheck[] = [];

  checks.push(
    defineCheck(
      GROUP,
      `a refusal at each request of provision${inbound ? ' with inbound' : ''} leaves only what provision and delete find`,
      async (context) => {
        const requests = await cleanRequests(config, context, specOf);
        const problems: string[] = [];
        for (const [index, request] of requests.entries()) {
          const outcome = await outcomeOf(async () => {
            const harness = new ContractHarness(config, context);
            harness.fake.injectFault({ kind: 'refused', after: index });
            const result = await outcomeOf(() => harness.provisioner().provision(specOf(harness)));
            harness.fake.clearFaults();
            if (result.ok) expectHonestFirewall(harness, result.value, inbound);
            else
              ensure(
                ProvisionError.isInstance(result.error),
                () => `the refusal surfaced as ${describeError(result.error)}, not a ProvisionError`,
              );
            await expectRecoverable(harness, specOf(harness), 'after the refused request');
          });
          if (!outcome.ok) {
            const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
            problems.push(`  request ${index} (${describeRequest(request)}): ${message}`);
          }
        }
        ensure(
          problems.length === 0,
          () =>
            `A refusal part-way broke provision at ${problems.length} of ${requests.length} positions:\n${problems.join('\n')}`,
        );
      },
      { timeoutMs: TIMEOUT_MS },
    ),
  );

  checks.push(
    defineCheck(
      GROUP,
      'a provision aborted at each request leaves only what provision and delete find',
      async (context) => {
        const requests = await cleanRequests(config, context, specOf);
        const problems: string[] = [];
        for (const [index, request] of requests.entries()) {
          const outcome = await outcomeOf(async () => {
            const harness = new ContractHarness(config, context);
            const controller = new AbortController();
            let sent = 0;
            // The request reaches the cloud (and may commit); the caller gives up as its answer arrives.
            const fetch: typeof globalThis.fetch = async (input, init) => {
              sent += 1;
              const response = await globalThis.fetch(input, init);
              if (sent === index + 1) controller.abort(new Error('contract: the caller gave up'));
              return response;
            };
            const provisioner = harness.provisioner({ fetch });
            const result = await outcomeOf(() =>
              provisioner.provision(specOf(harness), { signal: controller.signal }),
            );
            if (result.ok) expectHonestFirewall(harness, result.value, inbound);
            await expectRecoverable(harness, specOf(harness), 'after the aborted provision');
          });
          if (!outcome.ok) {
            const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
            problems.push(`  aborted after request ${index} (${describeRequest(request)}): ${message}`);
          }
        }
        ensure(
          problems.length === 0,
          () =>
            `An aborted provision broke at ${problems.length} of ${requests.length} positions:\n${problems.join('\n')}`,
        );
      },
      { timeoutMs: TIMEOUT_MS },
    ),
  );

  const quotaName = `a quota refusal${inbound ? ' after the firewall' : ''} fails with QuotaExceededError and leaves nothing`;
  checks.push(
    defineCheck(GROUP, quotaName, async (context) => {
      const harness = new ContractHarness(config, context);
      const setHostLimit = harness.contract.setHostLimit?.bind(harness.contract);
      ensure(setHostLimit !== undefined, 'unreachable: checked when the check was built');
      setHostLimit(0);
      const error = await rejectionOf(
        () => harness.provisioner().provision(specOf(harness)),
        'provision() beyond the host limit',
      );
      ensure(
        QuotaExceededError.isInstance(error) && !error.retryable,
        () =>
          `provision() beyond the account's host limit should throw QuotaExceededError, not ${describeError(error)}.`,
      );
      harness.expectNothingLeft('after a provision refused for quota');
      setHostLimit(undefined);
      await expectRecoverable(harness, specOf(harness), 'after the limit was raised');
    }),
  );
  return checks.map((check) =>
    check.name === quotaName && config.createFake().setHostLimit === undefined
      ? skippedCheck(GROUP, quotaName, 'the contract fake cannot set a host limit (setHostLimit)')
      : check,
  );
}
