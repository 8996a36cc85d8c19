import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the Linode plugin. Every field is optional: `token` falls back to `LINODE_TOKEN`,
 * then `LINODE_CLI_TOKEN`, then the default user's `token` in linode-cli's config file;
 * `endpoint` falls back to `LINODE_URL`, then `https://api.linode.com`.
 */
export const linodeSettingsSchema = settingsSchema({
  /** A personal access token with read/write scope for Linodes and Firewalls. Never logged. */
  token: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the Linode plugin. */
export type LinodeSettings = SettingsOf<typeof linodeSettingsSchema.shape>;

/** Environment variables holding the token, in the order they are read (linodego's, then linode-cli's). */
export const LINODE_TOKEN_ENV = ['LINODE_TOKEN', 'LINODE_CLI_TOKEN'] as const;

/** Environment variable overriding the API base URL (linodego's name; the emulator sets it). */
export const LINODE_ENDPOINT_ENV = 'LINODE_URL';

/** The public API (paths carry the `/v4` version). */
export const LINODE_API = 'https://api.linode.com';

// Personal access tokens are 64 hexadecimal characters.
// https://techdocs.akamai.com/linode-api/reference/get-started#personal-access-tokens
const TOKEN = /^[0-9a-fA-F]{64}$/;

/** What is wrong with a token's form, without repeating it; undefined when it looks right. */
export function checkLinodeToken(token: string): string | undefined {
  if (/\s/.test(token)) return 'it contains white space (a stray newline from copying?)';
  if (!TOKEN.test(token)) return 'a Linode personal access token is 64 hexadecimal characters';
  return undefined;
}

/**
 * The token of linode-cli's default user, from its config file (`$XDG_CONFIG_HOME/linode-cli`,
 * else `~/.config/linode-cli`): an INI file whose `[DEFAULT]` section names `default-user`, and
 * whose section of that name holds `token`. Undefined when there is no such file or token.
 * https://techdocs.akamai.com/cloud-computing/docs/install-and-configure-the-cli
 */
export function linodeCliToken(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const directory = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined);
  if (directory === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(join(directory, 'linode-cli'), 'utf8');
  } catch {
    return undefined;
  }
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header !== null) {
      current = new Map();
      sections.set(header[1]?.trim() as string, current);
    } else if (current !== undefined && /^[^#;].*[=:]/.test(line)) {
      const at = line.search(/[=:]/);
      current.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
    }
  }
  const user = sections.get('DEFAULT')?.get('default-user');
  const token = user === undefined ? undefined : sections.get(user)?.get('token');
  return token === '' ? undefined : token;
}
