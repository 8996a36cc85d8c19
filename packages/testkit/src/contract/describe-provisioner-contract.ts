import { describe, it } from 'vitest';
import type { FakeCloud } from '../fake-cloud/index.js';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import { CONTRACT_GROUPS } from './contract-check.js';
import { contractChecks } from './contract-checks.js';
import type { ContractConfig } from './contract-config.js';

/**
 * A hang guard, not a speed check: a check drives a whole host lifecycle, and on a busy 2-core
 * machine running a dozen providers' suites at once one took over 20 s.
 */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The provision contract as a vitest suite: `provision contract: <id>`, one `describe` per group
 * and one `it` per check; checks that do not apply show as skipped with the reason in their name.
 * Call it at the top level of a test file; it sets up its own msw server (no real network).
 */
export function describeProvisionerContract<Settings, Fake extends FakeCloud>(
  config: ContractConfig<Settings, Fake>,
): void {
  describe(`provision contract: ${config.plugin.id}`, () => {
    const server = setupFakeServer();
    const context = { use: (fake: FakeCloud) => server.use(fake) };
    const checks = contractChecks(config);
    for (const group of CONTRACT_GROUPS) {
      describe(group, () => {
        for (const check of checks.filter((candidate) => candidate.group === group)) {
          if (check.skip !== undefined) {
            it.skip(`${check.name} (${check.skip})`, () => {});
          } else {
            it(check.name, () => check.run(context), check.timeoutMs ?? DEFAULT_TIMEOUT_MS);
          }
        }
      });
    }
  });
}
