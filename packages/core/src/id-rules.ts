import { InvalidRequestError } from './errors/errors.js';

/** The syntax of one kind of cloud id (a region, zone, plan, size or instance type). */
export interface IdRule {
  /** What an id of this kind must match, e.g. `/^[a-z]{2}-[a-z]{3}-\d$/` for Scaleway zones. */
  readonly pattern: RegExp;
  /** The rule in words, for error messages: `'a zone like "fr-par-1"'`. */
  readonly description: string;
}

/**
 * What core refuses in any region or plan id, whatever the plugin says: what is never an id on any
 * cloud and would break a request path or query (empty, white space, control or format
 * characters, `/`, `?`, `#`, `%`, more than 128 characters). Everything else (`DEV1-S`,
 * `Standard_B1s`, `g3.xsmall`, `us-central1-a`, `GRA11`) is up to the plugin's own rule.
 */
export const DEFAULT_ID_RULE: IdRule = {
  pattern: /^[^\s\p{Cc}\p{Cf}/?#%]{1,128}$/u,
  description: '1 to 128 characters, without white space, control characters, "/", "?", "#" or "%"',
};

// The ids `DEFAULT_ID_RULE` allows that are printable ASCII (almost every id), told without its
// Unicode property classes: V8 builds those the first time the expression runs, which costs every
// command that checks an id (a manifest's defaults when it is imported, a spec's region and plan)
// about 0.3 ms. Every printable ASCII character but `#`, `%`, `/` and `?` (U+0021 to U+007E; the
// space is white space, U+007F a control character).
const PRINTABLE_ASCII_ID = /^[\x21\x22\x24\x26-\x2e\x30-\x3e\x40-\x7e]{1,128}$/;

/**
 * Whether `value` passes `DEFAULT_ID_RULE`: the same answer as `DEFAULT_ID_RULE.pattern.test()`,
 * with the Unicode expression run only for an id that is not printable ASCII.
 */
export function passesDefaultIdRule(value: string): boolean {
  return PRINTABLE_ASCII_ID.test(value) || DEFAULT_ID_RULE.pattern.test(value);
}

/** Which spec field an id rule is checked for. */
export type IdField = 'region' | 'plan';

/** A value shown in a message: quoted, control characters escaped, at most about 80 characters. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const clipped = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(clipped);
}

/**
 * Checks a region or plan id: first the core rule, then the plugin's (when it gives one).
 * @throws InvalidRequestError naming the field and the rule the id breaks.
 */
export function checkId(
  input: { provider: string; displayName: string; field: IdField; rule: IdRule | undefined },
  value: unknown,
): string {
  const { provider, displayName, field, rule } = input;
  const refuse = (broken: IdRule): never => {
    throw new InvalidRequestError(
      `${field} ${shown(value)} is not a valid ${displayName} ${field} id: ${broken.description}.`,
      {
        provider,
        operation: 'provision',
        field,
        hint:
          field === 'region'
            ? 'Omit region for the default, or pick one that `regions()` lists.'
            : 'Omit plan for the cheapest, or pick one that `plans()` lists.',
      },
    );
  };
  if (typeof value !== 'string' || !passesDefaultIdRule(value)) refuse(DEFAULT_ID_RULE);
  if (rule !== undefined && !rule.pattern.test(value as string)) refuse(rule);
  return value as string;
}
