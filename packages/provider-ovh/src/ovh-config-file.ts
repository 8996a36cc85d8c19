import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An INI file: section -> key -> value. */
export type IniSections = Record<string, Record<string, string>>;

/** Reads `key=value` lines under `[section]` headers; `;` and `#` start comments. */
export function parseIni(text: string): IniSections {
  const sections: IniSections = {};
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header !== null) {
      const name = (header[1] as string).trim();
      sections[name] ??= {};
      current = sections[name];
      continue;
    }
    const pair = /^([^=:]+)[=:](.*)$/.exec(line);
    if (pair !== null && current !== undefined)
      current[(pair[1] as string).trim()] = (pair[2] as string).trim();
  }
  return sections;
}

/**
 * The `ovh.conf` files OVH's SDKs read, merged with the later winning as they do: `/etc/ovh.conf`,
 * then `~/.ovh.conf`, then `./ovh.conf`. Missing or unreadable files are skipped; values are never shown.
 * https://github.com/ovh/python-ovh#configuration
 */
export function readOvhConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd = process.cwd(),
  systemFile = '/etc/ovh.conf',
): IniSections {
  const home = env.HOME ?? env.USERPROFILE;
  const paths = [systemFile, ...(home ? [join(home, '.ovh.conf')] : []), join(cwd, 'ovh.conf')];
  const merged: IniSections = {};
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    for (const [section, values] of Object.entries(parseIni(text)))
      merged[section] = { ...merged[section], ...values };
  }
  return merged;
}
