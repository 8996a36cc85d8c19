import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCW_CONFIG_PATH_ENV, SCW_PROFILE_ENV } from './scaleway-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The keys of one scw CLI profile that this plugin reads. */
export interface ScwProfile {
  readonly secret_key?: string;
  readonly access_key?: string;
  readonly default_project_id?: string;
  readonly default_zone?: string;
  readonly api_url?: string;
}

const KEYS = new Set(['secret_key', 'access_key', 'default_project_id', 'default_zone', 'api_url']);

/** Where the scw CLI keeps its configuration, from `env` only (never the real environment). */
export function scwConfigPath(env: Env): string | undefined {
  if (env[SCW_CONFIG_PATH_ENV]) return env[SCW_CONFIG_PATH_ENV];
  const home = env.HOME ?? env.USERPROFILE;
  return home ? join(home, '.config', 'scw', 'config.yaml') : undefined;
}

const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/, '$2');

/**
 * The profile the scw CLI would use: the top-level keys, overridden by those of the profile named
 * by `profile`, `SCW_PROFILE` or the file's `active_profile` (as the CLI merges them). Reads only
 * the flat `key: value` lines the CLI writes, at the top level and one level under `profiles:`;
 * `undefined` when there is no file. Synchronous and small: it runs when a request is made.
 * https://github.com/scaleway/scaleway-sdk-go/blob/master/scw/README.md
 */
export function scwProfile(env: Env, profile?: string): (ScwProfile & { profile?: string }) | undefined {
  const path = scwConfigPath(env);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const top: Record<string, string> = {};
  const profiles = new Map<string, Record<string, string>>();
  let inProfiles = false;
  let current: Record<string, string> | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /^(\s*)([A-Za-z0-9_-]+):\s*(.*?)\s*(?:\s#.*)?$/.exec(line);
    if (match === null) continue;
    const [, indent = '', key = '', raw = ''] = match;
    const value = unquote(raw);
    if (indent === '') {
      inProfiles = key === 'profiles';
      current = undefined;
      top[key] = value;
    } else if (inProfiles && value === '') {
      current = {};
      profiles.set(key, current);
    } else if (inProfiles && current !== undefined) {
      current[key] = value;
    }
  }
  const wanted = profile || env[SCW_PROFILE_ENV] || top.active_profile;
  const merged: Record<string, string> = {};
  for (const source of [top, (wanted && profiles.get(wanted)) || {}])
    for (const [key, value] of Object.entries(source)) if (KEYS.has(key) && value !== '') merged[key] = value;
  return { ...merged, ...(wanted ? { profile: wanted } : {}) };
}
