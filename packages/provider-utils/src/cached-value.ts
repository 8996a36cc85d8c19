/** A value with its expiry, as a loader returns it. */
export interface Expiring<T> {
  readonly value: T;
  /** Epoch ms after which the value is stale; undefined: until invalidated. */
  readonly expiresAt?: number | undefined;
}

/** A lazily loaded, shared, expiring value: a token, a service catalog, a server-time offset. */
export interface CachedValue<T> {
  /** The value, loading it when there is none or it is about to expire; concurrent callers share one load. */
  get(): Promise<T>;
  /** Drops the value, so the next `get` loads again (after a 401, say). */
  invalidate(): void;
}

/**
 * Caches what `load` returns until shortly before its expiry (`refreshBeforeMs`, default 60000),
 * so a token is reused by every request until then (Keystone, OAuth). A failed load is not kept.
 */
export function createCachedValue<T>(
  load: () => Promise<Expiring<T>>,
  options: { readonly now?: () => number; readonly refreshBeforeMs?: number } = {},
): CachedValue<T> {
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeMs ?? 60_000;
  let current: Promise<Expiring<T>> | undefined;
  let settled: Expiring<T> | undefined;
  return {
    async get() {
      if (settled !== undefined && settled.expiresAt !== undefined && now() >= settled.expiresAt - margin) {
        current = undefined;
        settled = undefined;
      }
      if (current === undefined) {
        const loading = load();
        current = loading;
        loading.then(
          (value) => {
            if (current === loading) settled = value;
          },
          () => {
            if (current === loading) current = undefined;
          },
        );
      }
      return (await current).value;
    },
    invalidate() {
      current = undefined;
      settled = undefined;
    },
  };
}
