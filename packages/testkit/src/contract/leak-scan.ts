/** A secret to look for, and how to name it without printing it. */
export interface Secret {
  /** Where the value came from, e.g. `'settings.token'`, `'the user-data marker'`. */
  readonly label: string;
  readonly value: string;
}

/** A place a secret was found. */
export interface Leak {
  readonly secret: string;
  readonly where: string;
}

const MAX_DEPTH = 8;

function isRecord(value: unknown): value is Record<PropertyKey, unknown> {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * Every string reachable from `value`: itself, `String()` and `JSON.stringify()` of it, own
 * properties (enumerable or not, symbols too: message, stack, hint, cause...), recursively, with
 * the entries of headers, maps and search params and the url and headers of requests and responses.
 */
export function textsOf(
  value: unknown,
  where = 'value',
  seen = new Set<unknown>(),
  depth = 0,
): Array<{ where: string; text: string }> {
  if (typeof value === 'string') return [{ where, text: value }];
  if (!isRecord(value)) return value === undefined ? [] : [{ where, text: String(value) }];
  if (seen.has(value) || depth > MAX_DEPTH) return [];
  seen.add(value);
  const texts: Array<{ where: string; text: string }> = [];
  const add = (label: string, read: () => unknown) => {
    try {
      texts.push(...textsOf(read(), label, seen, depth + 1));
    } catch {
      // A throwing getter holds nothing we could print either.
    }
  };
  if (typeof value !== 'function') {
    add(`String(${where})`, () => String(value));
    add(`JSON.stringify(${where})`, () => JSON.stringify(value));
  }
  for (const key of Reflect.ownKeys(value)) {
    const name = typeof key === 'symbol' ? key.toString() : key;
    add(`${where}.${name}`, () => value[key]);
  }
  if (value instanceof Headers || value instanceof Map || value instanceof URLSearchParams) {
    add(`${where} entries`, () => JSON.stringify([...value.entries()]));
  }
  if (value instanceof Request || value instanceof Response) {
    add(`${where}.url`, () => value.url);
    add(`${where}.headers`, () => value.headers);
  }
  return texts;
}

function basePath(where: string): { base: string; wrapped: boolean } {
  const match = /^(?:String|JSON\.stringify)\((.*)\)$/.exec(where);
  return match === null ? { base: where, wrapped: false } : { base: match[1] as string, wrapped: true };
}

/**
 * Where any of `secrets` occurs in the texts reachable from `value`. Only the most precise place
 * of each leak is reported: a leak in `error.cause.message` also shows in `String(error.cause)`
 * and `JSON.stringify(error)`, and those add nothing.
 */
export function findLeaks(value: unknown, secrets: readonly Secret[], where: string): Leak[] {
  const leaks: Leak[] = [];
  const found = new Set<string>();
  for (const { where: place, text } of textsOf(value, where)) {
    for (const secret of secrets) {
      const key = `${secret.label}@${place}`;
      if (!found.has(key) && text.includes(secret.value)) {
        found.add(key);
        leaks.push({ secret: secret.label, where: place });
      }
    }
  }
  return leaks.filter((leak) => {
    const { base, wrapped } = basePath(leak.where);
    return !leaks.some((other) => {
      if (other === leak || other.secret !== leak.secret) return false;
      const inner = basePath(other.where);
      return (
        inner.base.startsWith(`${base}.`) ||
        inner.base.startsWith(`${base} `) ||
        (wrapped && !inner.wrapped && inner.base === base)
      );
    });
  });
}

/** Leaks, one per line, naming the secret and the place, never the value. */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((leak) => `  ${leak.secret} in ${leak.where}`).join('\n');
}
