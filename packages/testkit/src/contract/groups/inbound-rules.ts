import type { InboundRuleState } from '../contract-fake.js';

function key(rule: InboundRuleState): string {
  return `${rule.protocol}:${rule.from}-${rule.to}`;
}

/** True when both hold exactly the same rules, in any order (`undefined` only equals `undefined`). */
export function sameRules(
  actual: readonly InboundRuleState[] | undefined,
  expected: readonly InboundRuleState[] | undefined,
): boolean {
  if (actual === undefined || expected === undefined) return actual === expected;
  const left = actual.map(key).sort();
  const right = expected.map(key).sort();
  return left.length === right.length && left.every((value, index) => value === right[index]);
}
