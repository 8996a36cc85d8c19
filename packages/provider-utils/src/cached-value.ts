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
 * Caches what `load` returns until shortly before its expiry (`refreshBeforeMs`, default 60000,
 * at most half the value's lifetime), so a token is reused by every request until then
 * (Keystone, OAuth). A failed load is not kept: the next `get` tries again.
 */
export function createCachedValue<T>(
  load: () => Promise<Expiring<T>>,
  options: { readonly now?: () => number; readonly refreshBeforeMs?: number } = {},
): CachedValue<T> {
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeMs ?? 60_000;
  let current: Promise<Expiring<T>> | undefined;
  let refreshAt = Number.POSITIVE_INFINITY;
  return {
    async get() {
      if (current !== undefined && now() >= refreshAt) current = undefined;
      if (current === undefined) {
        const loadedAt = now();
        const loading = load();
        current = loading;
        refreshAt = Number.POSITIVE_INFINITY;
        loading.then(
          (loaded) => {
            if (current !== loading || loaded.expiresAt === undefined) return;
            refreshAt = loaded.expiresAt - Math.min(margin, (loaded.expiresAt - loadedAt) / 2);
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
      refreshAt = Number.POSITIVE_INFINITY;
    },
  };
}
