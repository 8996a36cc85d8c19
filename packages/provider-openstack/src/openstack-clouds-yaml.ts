import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** A mapping read from YAML: nested mappings and scalars (sequences are skipped). */
export interface YamlMapping {
  readonly [key: string]: string | YamlMapping;
}

function scalar(raw: string): string {
  const text = raw.trim();
  if (text.startsWith("'") && text.endsWith("'") && text.length >= 2)
    return text.slice(1, -1).replaceAll("''", "'");
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2)
    return text
      .slice(1, -1)
      .replace(/\\(["\\/nt])/g, (_match, character: string) =>
        character === 'n' ? '\n' : character === 't' ? '\t' : character,
      );
  // A plain scalar ends at a comment (" #").
  return text.replace(/\s+#.*$/, '');
}

/**
 * The block mappings of a YAML document, which is what `clouds.yaml` is in practice
 * (`clouds: <name>: auth: auth_url: ...`). Sequences and flow collections are skipped (the
 * keys read here are all scalars); anchors, tags and multi-line scalars are not read.
 */
export function parseYamlMappings(text: string): YamlMapping {
  const root: Record<string, string | YamlMapping> = {};
  const stack: Array<{ indent: number; node: Record<string, string | YamlMapping> }> = [
    { indent: -1, node: root },
  ];
  let skipDeeperThan: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (skipDeeperThan !== undefined) {
      if (indent > skipDeeperThan) continue;
      skipDeeperThan = undefined;
    }
    const body = line.trim();
    if (body.startsWith('- ') || body === '-') {
      skipDeeperThan = indent;
      continue;
    }
    const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#][^:]*?)\s*:(?:\s+(.*))?$/.exec(body);
    if (match === null) continue;
    const key = scalar(match[1] ?? '');
    const value = match[2]?.trim() ?? '';
    while ((stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    const parent = stack.at(-1)?.node ?? root;
    if (value === '' || value.startsWith('#')) {
      const child: Record<string, string | YamlMapping> = {};
      parent[key] = child;
      stack.push({ indent, node: child });
    } else if (
      value.startsWith('[') ||
      value.startsWith('{') ||
      value.startsWith('&') ||
      value.startsWith('|') ||
      value.startsWith('>')
    ) {
      skipDeeperThan = indent;
    } else {
      parent[key] = scalar(value);
    }
  }
  return root;
}

/**
 * Where the openstack CLI looks for `clouds.yaml`, in order: `OS_CLIENT_CONFIG_FILE`, the
 * working directory, `~/.config/openstack`, `/etc/openstack`.
 * https://docs.openstack.org/openstacksdk/latest/user/config/configuration.html#config-files
 */
export function cloudsYamlPaths(env: Env, cwd: string = process.cwd()): string[] {
  const home = env.HOME ?? env.USERPROFILE;
  return [
    ...(env.OS_CLIENT_CONFIG_FILE ? [env.OS_CLIENT_CONFIG_FILE] : []),
    join(cwd, 'clouds.yaml'),
    ...(home ? [join(home, '.config', 'openstack', 'clouds.yaml')] : []),
    '/etc/openstack/clouds.yaml',
  ];
}

/** One cloud's entry of `clouds.yaml`, with the file it came from; `undefined` when no file names it. */
export function readCloudEntry(
  cloud: string,
  env: Env,
  cwd?: string,
): { entry: YamlMapping; file: string } | undefined {
  for (const file of cloudsYamlPaths(env, cwd)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const clouds = parseYamlMappings(text).clouds;
    const entry = typeof clouds === 'object' ? clouds[cloud] : undefined;
    if (typeof entry === 'object') return { entry, file };
  }
  return undefined;
}
