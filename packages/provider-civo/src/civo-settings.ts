import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the Civo plugin. Every field is optional: `token` falls back to `CIVO_TOKEN`, then
 * to the current API key of the civo CLI's config file (`~/.civo.json`, or the file `CIVO_CONFIG`
 * names); `endpoint` falls back to `CIVO_API_URL`, then `https://api.civo.com`.
 */
export const civoSettingsSchema = settingsSchema({
  /** A Civo API key (Settings, Profile, Security). Never logged. */
  token: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Civo plugin. */
export type CivoSettings = SettingsOf<typeof civoSettingsSchema.shape>;

/** The environment variable holding the API key, as the civo CLI and Terraform provider read it. */
export const CIVO_TOKEN_ENV = 'CIVO_TOKEN';

/** Environment variable overriding the API base URL (the Terraform provider's name; the emulator sets it). */
export const CIVO_ENDPOINT_ENV = 'CIVO_API_URL';

/** Names the civo CLI's config file instead of `~/.civo.json` (as the CLI reads it). */
export const CIVO_CONFIG_ENV = 'CIVO_CONFIG';

/** The public API (its paths start with `/v2`). */
export const CIVO_API = 'https://api.civo.com';

// Civo API keys are 50 letters and digits; some slack either way, none for white space.
const API_KEY = /^[A-Za-z0-9]{20,100}$/;

/** What is wrong with an API key's form, without repeating it; undefined when it looks right. */
export function checkCivoToken(key: string): string | undefined {
  if (/\s/.test(key)) return 'it contains white space (a stray newline from copying?)';
  if (!API_KEY.test(key)) return 'a Civo API key is about 50 letters and digits';
  return undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where the civo CLI keeps its configuration: `CIVO_CONFIG`, else `~/.civo.json`. */
export function civoConfigPath(env: Env): string | undefined {
  if (env[CIVO_CONFIG_ENV]) return env[CIVO_CONFIG_ENV];
  const home = env.HOME ?? env.USERPROFILE;
  return home ? join(home, '.civo.json') : undefined;
}

/**
 * The current API key of the civo CLI's config file: `apikeys[meta.current_apikey]`, the JSON the
 * CLI writes (github.com/civo/cli, config/config.go). `undefined` when there is no file, no current
 * key or no such key; the value is never shown. Read only when no option or variable gave a key.
 */
export function tokenFromCliConfig(env: Env): string | undefined {
  const path = civoConfigPath(env);
  if (path === undefined) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof config !== 'object' || config === null) return undefined;
  const { apikeys, meta } = config as { apikeys?: unknown; meta?: { current_apikey?: unknown } };
  const current = meta?.current_apikey;
  if (typeof current !== 'string' || current === '' || typeof apikeys !== 'object' || apikeys === null)
    return undefined;
  const key = (apikeys as Record<string, unknown>)[current];
  return typeof key === 'string' && key !== '' ? key : undefined;
}
