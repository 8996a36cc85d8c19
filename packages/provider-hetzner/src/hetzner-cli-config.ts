import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Selects the hcloud CLI's configuration file (default `~/.config/hcloud/cli.toml`). */
export const HCLOUD_CONFIG_ENV = 'HCLOUD_CONFIG';
/** Selects a context of that file instead of its `active_context`. */
export const HCLOUD_CONTEXT_ENV = 'HCLOUD_CONTEXT';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the hcloud CLI keeps its configuration, from `env` only (never the real environment). */
export function hcloudConfigPath(env: Env): string | undefined {
  if (env[HCLOUD_CONFIG_ENV]) return env[HCLOUD_CONFIG_ENV];
  const home = env.HOME ?? env.USERPROFILE;
  return home ? join(home, '.config', 'hcloud', 'cli.toml') : undefined;
}

// One `key = "value"` line of TOML, with a basic string as the value (what the CLI writes).
const ASSIGNMENT = /^\s*([A-Za-z0-9_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/;

/**
 * The token of the hcloud CLI's context: `HCLOUD_CONTEXT`, else the file's `active_context`.
 * Reads only what the CLI writes (`active_context`, and `name` and `token` in `[[contexts]]`
 * tables); `undefined` when there is no file, no such context or no token, so the caller names
 * every place it looked. Synchronous and small: it runs when a request is made, never at import.
 * https://github.com/hetznercloud/cli/blob/main/docs/reference/configuration.md
 */
export function hcloudContextToken(env: Env): { token: string; context: string } | undefined {
  const path = hcloudConfigPath(env);
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let active: string | undefined;
  const contexts: Array<Record<string, string>> = [];
  let table: 'top' | 'context' | 'other' = 'top';
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*\[\[\s*contexts\s*\]\]\s*$/.test(line)) {
      contexts.push({});
      table = 'context';
      continue;
    }
    if (/^\s*\[/.test(line)) {
      table = 'other';
      continue;
    }
    const match = ASSIGNMENT.exec(line);
    if (match === null) continue;
    const [, key = '', value = ''] = match;
    if (table === 'top' && key === 'active_context') active = value;
    if (table === 'context') (contexts.at(-1) as Record<string, string>)[key] = value;
  }
  const wanted = env[HCLOUD_CONTEXT_ENV] || active;
  const context = contexts.find((candidate) => candidate.name === wanted);
  return context?.token && wanted ? { token: context.token, context: wanted } : undefined;
}
