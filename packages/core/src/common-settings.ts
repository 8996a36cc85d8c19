import { type SettingsOf, setting } from './plugin/settings-schema.js';

const ENDPOINT_MESSAGE = 'must be an https:// URL (or http:// to this machine)';

/**
 * Settings every plugin accepts, to spread into its own schema:
 * `settingsSchema({ token: setting.string().optional(), ...commonSettings })`.
 * Checked without loading any library (see `settingsSchema`); `@provision/core/zod` has the same
 * fields for a plugin whose settings are a zod schema.
 */
export const commonSettings = {
  /**
   * Base URL override: the emulator, a test fake, or an API-compatible cloud. An `http://` or
   * `https://` URL without a user name or password; plain `http://` only to this machine unless
   * `allowInsecureHttp` is set (checked by the plugin's client, which also checks the variable).
   */
  endpoint: setting
    .custom<string>((value) => {
      const url = typeof value === 'string' ? URL.parse(value) : null;
      if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) return ENDPOINT_MESSAGE;
      if (url.username !== '' || url.password !== '')
        return 'must not hold a user name or password (give credentials in their own setting)';
      return undefined;
    })
    .optional(),
  /** Allows a plain `http://` endpoint on a host other than this machine. It would carry the credentials unencrypted. Default false. */
  allowInsecureHttp: setting.boolean().optional(),
  /** `fetch` to use instead of the global one (looked up per request when omitted). */
  fetch: setting.func<typeof globalThis.fetch>('a fetch function').optional(),
  /** Retries of requests that are safe to repeat. */
  retry: setting
    .object({
      /** Retries after the first attempt. Default 3. */
      maxRetries: setting.integer({ min: 0, max: 10 }).optional(),
      /** First backoff in ms (doubled each retry, with jitter). Default 500. */
      baseDelayMs: setting.integer({ min: 0 }).optional(),
      /** Longest single wait in ms; a `Retry-After` beyond it is returned to the caller as RateLimitError. Default 30000. */
      maxDelayMs: setting.integer({ min: 0 }).optional(),
      /** Longest total wait for throttled (429) requests before RateLimitError reaches the caller; they do not count as retries. Default 300000. */
      maxRateLimitWaitMs: setting.integer({ min: 0 }).optional(),
    })
    .optional(),
  /** Timeout of each attempt in ms, from sending until the whole answer is read. Default 30000. */
  timeoutMs: setting.integer({ min: 1 }).optional(),
} as const;

/** The settings in `commonSettings`. */
export type CommonSettings = SettingsOf<typeof commonSettings>;
