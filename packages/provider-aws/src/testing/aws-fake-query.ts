/**
 * Reading EC2 Query-protocol requests: a form body whose keys flatten lists and structures as
 * `Name.1`, `Filter.1.Value.2`, `NetworkInterface.1.SecurityGroupId.1`.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
 */

/** The parameters of a request, or of one structure inside it, keyed relative to it. */
export type Params = ReadonlyMap<string, string>;

/** The form body as parameters. */
export function parseForm(body: string): Params {
  return new Map(new URLSearchParams(body).entries());
}

/**
 * A request's parameters: the query string's, then the form body's (a body parameter wins). A GET
 * carries them all in the query string; a POST usually in the body.
 */
export function queryParams(url: URL, body: string): Params {
  return new Map([...url.searchParams.entries(), ...new URLSearchParams(body).entries()]);
}

/** A scalar parameter. */
export function scalar(params: Params, name: string): string | undefined {
  return params.get(name);
}

/** `Name.1`, `Name.2`... of a list of scalars, in order (a list stops at its first gap). */
export function scalars(params: Params, name: string): string[] {
  const values: string[] = [];
  for (let index = 1; params.has(`${name}.${index}`); index += 1)
    values.push(params.get(`${name}.${index}`) as string);
  return values;
}

/** The members of a list of structures (`Filter.1.Name`, `Filter.1.Value.1`...), each keyed relative to itself. */
export function structures(params: Params, name: string): Params[] {
  const byIndex = new Map<number, Map<string, string>>();
  const prefix = `${name}.`;
  for (const [key, value] of params) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 1 || !/^\d+$/.test(rest.slice(0, dot))) continue;
    const index = Number(rest.slice(0, dot));
    const member = byIndex.get(index) ?? new Map<string, string>();
    member.set(rest.slice(dot + 1), value);
    byIndex.set(index, member);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
}

/** A boolean parameter (`true`/`false`), or `fallback` when absent. */
export function flag(params: Params, name: string, fallback = false): boolean {
  const value = params.get(name);
  return value === undefined ? fallback : value.toLowerCase() === 'true';
}

/** `Filter.N.Name` / `Filter.N.Value.M` as a map of filter name to values. */
export function filters(params: Params): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const filter of structures(params, 'Filter')) {
    const name = filter.get('Name');
    if (name !== undefined) result.set(name, [...(result.get(name) ?? []), ...scalars(filter, 'Value')]);
  }
  return result;
}

// Compiled patterns, as a listing tests the same few values against every resource.
const PATTERNS = new Map<string, RegExp>();
const MAX_PATTERNS = 1000;

// One character as a regular expression that matches only it (RegExp.escape needs Node 24).
function literal(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

function patternOf(value: string): RegExp {
  const known = PATTERNS.get(value);
  if (known !== undefined) return known;
  let source = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index] as string;
    if (char === '\\' && index + 1 < value.length) {
      index += 1;
      source += literal(value[index] as string);
    } else if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += literal(char);
  }
  const pattern = new RegExp(`^${source}$`, 's');
  if (PATTERNS.size >= MAX_PATTERNS) PATTERNS.clear();
  PATTERNS.set(value, pattern);
  return pattern;
}

/**
 * EC2 filter values accept `*` (any run of characters, none included) and `?` (exactly one); a
 * backslash makes the next character literal (`\*amazon\?\\` is the string `*amazon?\`).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  return patternOf(pattern).test(value);
}

/** True when `value` matches any of `patterns`. */
export function matchesAny(patterns: readonly string[], value: string | undefined): boolean {
  return value !== undefined && patterns.some((pattern) => wildcardMatch(pattern, value));
}
