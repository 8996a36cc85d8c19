import type { FakeCloud } from '../fake-cloud/index.js';
import type { ContractCheck } from './contract-check.js';
import type { ContractConfig } from './contract-config.js';
import { badInputChecks } from './groups/bad-input.js';
import { callBudgetChecks } from './groups/call-budgets.js';
import { capabilityChecks } from './groups/capabilities.js';
import { concurrencyChecks } from './groups/concurrency.js';
import { faultMatrixChecks } from './groups/fault-matrix.js';
import { idempotencyChecks } from './groups/idempotency.js';
import { lifecycleChecks } from './groups/lifecycle.js';
import { portsChecks } from './groups/ports.js';
import { secretsChecks } from './groups/secrets.js';
import { statelessnessChecks } from './groups/statelessness.js';

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
  return [
    ...lifecycleChecks(config),
    ...statelessnessChecks(config),
    ...idempotencyChecks(config),
    ...faultMatrixChecks(config),
    ...badInputChecks(config),
    ...secretsChecks(config),
    ...portsChecks(config),
    ...callBudgetChecks(config),
    ...capabilityChecks(config),
    ...concurrencyChecks(config),
  ];
}
