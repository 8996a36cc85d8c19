import * as z from 'zod';

/**
 * The fields of `commonSettings` as zod schemas, for a plugin whose settings are a zod schema:
 * `z.object({ token: z.string().optional(), ...commonSettingsShape }).strict()`. Importing zod
 * costs every command that reads the manifest about 60 ms; `commonSettings` with `settingsSchema`
 * costs nothing.
 */
export const commonSettingsShape = {
  /**
   * Base URL override: the emulator, a test fake, or an API-compatible cloud. An `http://` or
   * `https://` URL without a user name or password; plain `http://` only to this machine unless
   * `allowInsecureHttp` is set (checked by the plugin's client, which also checks the variable).
   */
  endpoint: z
    .url({ protocol: /^https?$/, error: 'must be an https:// URL (or http:// to this machine)' })
    .refine((value) => {
      const url = URL.parse(value);
      return url !== null && url.username === '' && url.password === '';
    }, 'must not hold a user name or password (give credentials in their own setting)')
    .optional(),
  /** Allows a plain `http://` endpoint on a host other than this machine. It would carry the credentials unencrypted. Default false. */
  allowInsecureHttp: z.boolean().optional(),
  /** `fetch` to use instead of the global one (looked up per request when omitted). */
  fetch: z
    .custom<typeof globalThis.fetch>((value) => typeof value === 'function', 'must be a fetch function')
    .optional(),
  /** Retries of requests that are safe to repeat. */
  retry: z
    .object({
      /** Retries after the first attempt. Default 3. */
      maxRetries: z.number().int().min(0).max(10).optional(),
      /** First backoff in ms (doubled each retry, with jitter). Default 500. */
      baseDelayMs: z.number().int().min(0).optional(),
      /** Longest single wait in ms; a `Retry-After` beyond it is returned to the caller as RateLimitError. Default 30000. */
      maxDelayMs: z.number().int().min(0).optional(),
      /** Longest total wait for throttled (429) requests before RateLimitError reaches the caller; they do not count as retries. Default 300000. */
      maxRateLimitWaitMs: z.number().int().min(0).optional(),
    })
    .strict()
    .optional(),
  /** Timeout of each attempt in ms, from sending until the whole answer is read. Default 30000. */
  timeoutMs: z.number().int().positive().optional(),
} as const;

/** The settings in `commonSettingsShape` (the same as `CommonSettings`). */
export type CommonZodSettings = z.infer<z.ZodObject<typeof commonSettingsShape>>;
