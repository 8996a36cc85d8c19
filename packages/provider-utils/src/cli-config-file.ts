import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** A file under the user's home (`HOME`, else `USERPROFILE`); undefined when neither is set. */
export function homeFile(env: Env, ...segments: readonly string[]): string | undefined {
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, ...segments) : undefined;
}

const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*):[ \t]*(.*?)[ \t]*$/;
const QUOTED = /^(['"])(.*)\1(?:[ \t]+#.*)?$/;

/**
 * The top-level `key: value` pairs of a cloud CLI's YAML config file: what `metal init`
 * (`~/.config/equinix/metal.yaml`), vultr-cli (`~/.vultr-cli.yaml`) and doctl write for their
 * tokens. Quotes and a trailing `# comment` are removed; indented (nested) lines, lists and
 * empty values are left out. Empty when there is no path or no readable file. Values are never
 * logged: callers pass them on to `loadCredential` only.
 */
export function readTopLevelYaml(path: string | undefined): Readonly<Record<string, string>> {
  if (path === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const entries: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = KEY_LINE.exec(line);
    if (match === null) continue;
    const [, key = '', raw = ''] = match;
    const quoted = QUOTED.exec(raw);
    const value = quoted === null ? raw.replace(/(?:^|[ \t]+)#.*$/, '') : (quoted[2] ?? '');
    if (value !== '') entries[key] = value;
  }
  return entries;
}
