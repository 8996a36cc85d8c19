import type { FakeCloud } from '../fake-cloud/index.js';
import { ensure } from './assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from './contract-check.js';
import type { ContractConfig } from './contract-config.js';
import { badInputChecks } from './groups/bad-input.js';
import { callBudgetChecks } from './groups/call-budgets.js';
import { capabilityChecks } from './groups/capabilities.js';
import { cloudAnswerChecks } from './groups/cloud-answers.js';
import { concurrencyChecks } from './groups/concurrency.js';
import { faultMatrixChecks } from './groups/fault-matrix.js';
import { hostFactsChecks } from './groups/host-facts.js';
import { idempotencyChecks } from './groups/idempotency.js';
import { inboundRulesChecks } from './groups/inbound-rules-capability.js';
import { lifecycleChecks } from './groups/lifecycle.js';
import { portsChecks } from './groups/ports.js';
import { rollbackChecks } from './groups/rollback.js';
import { secretsChecks } from './groups/secrets.js';
import { statelessnessChecks } from './groups/statelessness.js';
import { userDataChecks } from './groups/user-data.js';

/**
 * Every check of the provision contract for one plugin, as data, in `CONTRACT_GROUPS` order.
 * Checks that do not apply carry `skip` (the reason). Each check builds its own fake with
 * `config.createFake()` and routes requests to it with `context.use(fake)`; run them one at a time.
 */
export function contractChecks<Settings, Fake extends FakeCloud>(
  typed: ContractConfig<Settings, Fake>,
): ContractCheck[] {
  // Every fake the checks hand to the config's functions comes from its own createFake(), so
  // erasing the fake's type here cannot hand them another kind of fake.
  const config = typed as unknown as ContractConfig<Settings>;
  const checks = [
    ...lifecycleChecks(config),
    ...hostFactsChecks(config),
    ...userDataChecks(config),
    ...statelessnessChecks(config),
    ...idempotencyChecks(config),
    ...faultMatrixChecks(config),
    ...cloudAnswerChecks(config),
    ...rollbackChecks(config),
    ...badInputChecks(config),
    ...secretsChecks(config),
    ...portsChecks(config),
    ...callBudgetChecks(config),
    ...capabilityChecks(config),
    ...inboundRulesChecks(config),
    ...concurrencyChecks(config),
  ];
  return withKnownFailures(checks, config.knownFailures ?? {});
}

/**
 * Turns each check named in `knownFailures` into a skip showing the reason, and adds a check that
 * fails while an entry names no check (a typo would otherwise hide nothing and look fine).
 */
function withKnownFailures(
  checks: readonly ContractCheck[],
  knownFailures: Readonly<Record<string, string>>,
): ContractCheck[] {
  const entries = Object.entries(knownFailures);
  const reasonOf = (check: ContractCheck) =>
    knownFailures[`${check.group} / ${check.name}`] ?? knownFailures[check.name];
  const marked = checks.map((check) => {
    const reason = check.skip === undefined ? reasonOf(check) : undefined;
    return reason === undefined ? check : skippedCheck(check.group, check.name, `known failure: ${reason}`);
  });
  const unknown = entries
    .map(([name]) => name)
    .filter(
      (name) => !checks.some((check) => name === check.name || name === `${check.group} / ${check.name}`),
    );
  marked.push(
    defineCheck('lifecycle', 'every knownFailures entry names a check and gives a reason', async () => {
      ensure(
        unknown.length === 0,
        () => `knownFailures names checks that do not exist: ${unknown.join('; ')}.`,
      );
      const unexplained = entries.filter(([, reason]) => reason.trim().length < 10).map(([name]) => name);
      ensure(
        unexplained.length === 0,
        () => `knownFailures entries without a reason: ${unexplained.join('; ')}.`,
      );
    }),
  );
  return marked;
}
