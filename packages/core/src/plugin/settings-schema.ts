/**
 * A small checker for plugin settings, so that a manifest loads no validation library: the CLI
 * reads every installed manifest before it prints anything, and importing zod cost each command
 * about 60 ms. It covers what settings hold (strings, booleans, integers, URLs, functions, nested
 * objects); any object with a zod-style `safeParse` (a zod schema, say) is a `Schema` as well.
 */

/** One problem found: where (keys from the top) and what, never the value itself. */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** What `safeParse` answers (the shape zod's `safeParse` answers, so a zod schema fits). */
export type SchemaResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: { readonly issues: readonly SchemaIssue[] } };

/** Checks a value: the settings of a plugin, or `HostSpec.options`. */
export interface Schema<T> {
  safeParse(value: unknown): SchemaResult<T>;
}

type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issue: SchemaIssue };

/** One setting: how it is checked, and whether it may be left out. Built with `setting`. */
export interface SettingField<T, Optional extends boolean = boolean> {
  readonly isOptional: Optional;
  /** Checks a value that is not `undefined`. */
  check(value: unknown, path: readonly PropertyKey[]): Checked<T>;
}

/** A required setting; `.optional()` gives the same check for a setting that may be left out. */
export interface RequiredSettingField<T> extends SettingField<T, false> {
  optional(): SettingField<T, true>;
}

/** Settings fields by name. */
export type SettingsShape = Readonly<Record<string, SettingField<unknown>>>;

type ValueOf<F> = F extends SettingField<infer T> ? T : never;
type Flatten<T> = { [K in keyof T]: T[K] };

/** The settings object a shape describes: optional fields may be left out. */
export type SettingsOf<S extends SettingsShape> = Flatten<
  { -readonly [K in keyof S as S[K] extends SettingField<unknown, true> ? never : K]: ValueOf<S[K]> } & {
    -readonly [K in keyof S as S[K] extends SettingField<unknown, true> ? K : never]?: ValueOf<S[K]>;
  }
>;

function field<T>(
  check: (value: unknown, path: readonly PropertyKey[]) => Checked<T>,
): RequiredSettingField<T> {
  return { isOptional: false, check, optional: () => ({ isOptional: true, check }) };
}

const fail = (path: readonly PropertyKey[], message: string) =>
  ({ ok: false, issue: { path, message } }) as const;
const pass = <T>(value: T) => ({ ok: true, value }) as const;

function checkObject<S extends SettingsShape>(
  shape: S,
  value: unknown,
  path: readonly PropertyKey[],
): Checked<SettingsOf<S>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(path, 'must be an object');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape, key)) return fail([...path, key], 'is not a known setting');
  }
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(shape)) {
    const given = record[key];
    if (given === undefined) {
      if (entry.isOptional) continue;
      return fail([...path, key], 'is required');
    }
    const checked = entry.check(given, [...path, key]);
    if (!checked.ok) return checked;
    result[key] = checked.value;
  }
  return pass(result as SettingsOf<S>);
}

/** Builders of settings fields. Messages say what is expected, never what was given. */
export const setting = {
  /** A string, at least `minLength` long (default 0) and matching `pattern` when given. */
  string(rules: { readonly minLength?: number; readonly pattern?: RegExp; readonly message?: string } = {}) {
    return field<string>((value, path) => {
      if (typeof value !== 'string') return fail(path, 'must be a string');
      if (value.length < (rules.minLength ?? 0))
        return fail(path, rules.message ?? `must be at least ${rules.minLength} characters`);
      if (rules.pattern !== undefined && !rules.pattern.test(value))
        return fail(path, rules.message ?? `must match ${rules.pattern}`);
      return pass(value);
    });
  },
  /** `true` or `false`. */
  boolean() {
    return field<boolean>((value, path) =>
      typeof value === 'boolean' ? pass(value) : fail(path, 'must be true or false'),
    );
  },
  /** A whole number within `min` and `max` (inclusive) when given. */
  integer(rules: { readonly min?: number; readonly max?: number } = {}) {
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = rules;
    return field<number>((value, path) =>
      typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
        ? pass(value)
        : fail(path, `must be a whole number from ${min} to ${max}`),
    );
  },
  /** An `http://` or `https://` URL (which scheme and host may be used is the plugin's client's rule). */
  url(message = 'must be an https:// URL (or http:// to this machine)') {
    return field<string>((value, path) => {
      const url = typeof value === 'string' ? URL.parse(value) : null;
      return url !== null && (url.protocol === 'https:' || url.protocol === 'http:')
        ? pass(value as string)
        : fail(path, message);
    });
  },
  /** A function, e.g. a `fetch`; `description` names it in the message ("a fetch function"). */
  func<F extends (...args: never[]) => unknown>(description: string) {
    return field<F>((value, path) =>
      typeof value === 'function' ? pass(value as F) : fail(path, `must be ${description}`),
    );
  },
  /** An object with exactly these fields (an unknown key is refused). */
  object<S extends SettingsShape>(shape: S) {
    return field<SettingsOf<S>>((value, path) => checkObject(shape, value, path));
  },
  /** Any other check: `problem` returns what is wrong (never the value), or undefined. */
  custom<T>(problem: (value: unknown) => string | undefined) {
    return field<T>((value, path) => {
      const message = problem(value);
      return message === undefined ? pass(value as T) : fail(path, message);
    });
  },
};

/** A plugin's settings: an object with exactly these fields, checked without loading any library. */
export function settingsSchema<S extends SettingsShape>(
  shape: S,
): Schema<SettingsOf<S>> & { readonly shape: S } {
  return {
    shape,
    safeParse(value: unknown): SchemaResult<SettingsOf<S>> {
      const checked = checkObject(shape, value, []);
      return checked.ok
        ? { success: true, data: checked.value }
        : { success: false, error: { issues: [checked.issue] } };
    },
  };
}
