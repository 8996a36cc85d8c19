// Where a plugin finds credentials, as data: what its `hasCredentials` code looks at, written so
// that a listing (`provision providers`) can answer from the plugin's JSON file without importing
// its code. The declaration answers only where it is sure; anywhere the code reads more than names
// and file existence (a config file's contents, an unusual value) it says "ask the code".

/** Variables that together are a credential. */
export interface CredentialVariables {
  /** Every entry must be set: a variable's name, or a list of names of which any one will do. */
  readonly set: readonly (string | readonly string[])[];
  /** Variables that must not be set: one of them makes the plugin read another source instead. */
  readonly unset?: readonly string[];
}

/**
 * One file, by the first of its places that applies: `$NAME` (the file a variable names) or
 * `$NAME/path` (a path inside the folder it names), when that variable is set; `~/path` (in the
 * home folder, `$HOME`); or a plain path (absolute, or relative to the working directory).
 * E.g. `['$AWS_CONFIG_FILE', '~/.aws/config']`.
 */
export type CredentialFile = readonly string[];

/**
 * Where a plugin's `hasCredentials` finds credentials, for listings that do not import the plugin.
 * Evaluated in this order: a variable of `consult.variables` set leaves the answer to the code;
 * one of `variables` satisfied means credentials; one of `files` existing means credentials; one
 * of `consult.files` existing leaves the answer to the code; otherwise there are none.
 */
export interface CredentialSources {
  /** Sets of variables, any one of which is a credential. */
  readonly variables?: readonly CredentialVariables[];
  /** Files whose existence alone is a credential (an SDK's shared credentials file). */
  readonly files?: readonly CredentialFile[];
  /** What the code must read to answer: variables that switch it to another source, files it parses. */
  readonly consult?: {
    readonly variables?: readonly string[];
    readonly files?: readonly CredentialFile[];
  };
}

type Env = Readonly<Record<string, string | undefined>>;

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PLACE = /^\$([A-Za-z_][A-Za-z0-9_]*)(\/.+)?$/;

/** Every variable a declaration names, those inside file places included. */
function namedVariables(sources: CredentialSources): string[] {
  const names = [
    ...(sources.variables ?? []).flatMap((group) => [...group.set.flat(), ...(group.unset ?? [])]),
    ...(sources.consult?.variables ?? []),
  ];
  for (const file of [...(sources.files ?? []), ...(sources.consult?.files ?? [])])
    for (const place of file) {
      const variable = PLACE.exec(place)?.[1];
      if (variable !== undefined) names.push(variable);
      if (place.startsWith('~/')) names.push('HOME');
    }
  return names;
}

const isSet = (env: Env, name: string) => env[name] !== undefined;

/** The path a file's places give in `env`: `null` when the first place that applies cannot be resolved. */
function filePath(file: CredentialFile, env: Env): string | null | undefined {
  for (const place of file) {
    const variable = PLACE.exec(place);
    if (variable !== null) {
      const value = env[variable[1] as string];
      if (value === undefined) continue;
      return `${value}${variable[2] ?? ''}`;
    }
    if (place.startsWith('~/')) {
      const home = env.HOME;
      return home === undefined ? null : `${home}${place.slice(1)}`;
    }
    return place;
  }
  return undefined;
}

/**
 * What a declaration says of `env`: `true` (credentials), `false` (none), or `undefined` when
 * only the plugin's own code can tell: a `consult` source is present, the home folder is not
 * known, or a variable it names holds a value that code may read otherwise than as "set" (empty,
 * blank, or spanning lines: one plugin trims, another rejects a password with a line break).
 * @param exists whether a path exists (`existsSync`), so that the answer needs nothing else.
 */
export function declaredCredentials(
  sources: CredentialSources,
  env: Env,
  exists: (path: string) => boolean,
): boolean | undefined {
  for (const name of namedVariables(sources)) {
    const value = env[name];
    if (value !== undefined && (value.trim() === '' || /[\r\n]/.test(value))) return undefined;
  }
  if ((sources.consult?.variables ?? []).some((name) => isSet(env, name))) return undefined;
  const satisfied = (sources.variables ?? []).some(
    (group) =>
      group.set.every((entry) =>
        typeof entry === 'string' ? isSet(env, entry) : entry.some((name) => isSet(env, name)),
      ) && !(group.unset ?? []).some((name) => isSet(env, name)),
  );
  if (satisfied) return true;
  let unknown = false;
  for (const file of sources.files ?? []) {
    const path = filePath(file, env);
    if (path === null) unknown = true;
    else if (path !== undefined && exists(path)) return true;
  }
  for (const file of sources.consult?.files ?? []) {
    const path = filePath(file, env);
    if (path === null || (path !== undefined && exists(path))) return undefined;
  }
  return unknown ? undefined : false;
}

/** What is wrong with a declaration's shape, one phrase each (for `definePlugin`). */
export function credentialSourcesProblems(sources: CredentialSources): string[] {
  const problems: string[] = [];
  const name = (value: unknown, where: string) => {
    if (typeof value !== 'string' || !VARIABLE.test(value))
      problems.push(`${where} "${String(value)}" is not a variable name`);
  };
  for (const [index, group] of (sources.variables ?? []).entries()) {
    const where = `credentials.variables[${index}]`;
    if (!Array.isArray(group.set) || group.set.length === 0)
      problems.push(`${where}.set must name a variable`);
    for (const entry of group.set ?? []) {
      if (Array.isArray(entry) && entry.length === 0) problems.push(`${where}.set holds an empty list`);
      for (const item of Array.isArray(entry) ? entry : [entry]) name(item, `${where}.set`);
    }
    for (const item of group.unset ?? []) name(item, `${where}.unset`);
  }
  for (const item of sources.consult?.variables ?? []) name(item, 'credentials.consult.variables');
  const files = [
    ...(sources.files ?? []).map((file, index) => [file, `credentials.files[${index}]`] as const),
    ...(sources.consult?.files ?? []).map(
      (file, index) => [file, `credentials.consult.files[${index}]`] as const,
    ),
  ];
  for (const [file, where] of files) {
    if (!Array.isArray(file) || file.length === 0) problems.push(`${where} must give a place`);
    for (const place of file ?? []) {
      if (typeof place !== 'string' || place === '' || (place.startsWith('$') && !PLACE.test(place)))
        problems.push(`${where} place "${String(place)}" is not $NAME, $NAME/path, ~/path or a path`);
    }
  }
  return problems;
}
