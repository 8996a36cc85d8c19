import type { FakeCloud } from '../fake-cloud/index.js';

/** The contract's groups, in the order the suite runs them. */
export const CONTRACT_GROUPS = [
  'lifecycle',
  'host facts',
  'user-data',
  'statelessness',
  'idempotency',
  'fault matrix',
  'cloud answers',
  'rollback',
  'bad input',
  'secrets',
  'ports',
  'call budgets',
  'capabilities',
  'concurrency',
] as const;

/** One area of DESIGN section 2 the suite proves. */
export type ContractGroup = (typeof CONTRACT_GROUPS)[number];

/** What a check needs from its test runner. */
export interface CheckContext {
  /** Routes every request of the current test to `fake` (replacing the fake used before). */
  use(fake: FakeCloud): void;
}

/** One check of the contract: a test, without the test framework. */
export interface ContractCheck {
  readonly group: ContractGroup;
  readonly name: string;
  /** Set when the check does not apply to this plugin: why (e.g. `'not declared by the plugin'`). */
  readonly skip?: string;
  /** How long the check may take; the runner's default when omitted. */
  readonly timeoutMs?: number;
  /** Runs the check; rejects with a message naming what broke the contract. */
  run(context: CheckContext): Promise<void>;
}

/** A check that applies. */
export function defineCheck(
  group: ContractGroup,
  name: string,
  run: (context: CheckContext) => Promise<void>,
  options: { timeoutMs?: number } = {},
): ContractCheck {
  return { group, name, run, ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) };
}

/** A check that does not apply, kept so the run shows it as skipped and why. */
export function skippedCheck(group: ContractGroup, name: string, reason: string): ContractCheck {
  return {
    group,
    name,
    skip: reason,
    // Running it anyway must not look like a pass.
    run: async () => {
      throw new Error(`The check "${name}" does not apply: ${reason}.`);
    },
  };
}
