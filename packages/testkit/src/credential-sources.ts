// Checks a plugin's credential declaration (`manifest.credentials`) against its own code
// (`hasCredentials`): listings answer from the declaration without importing the plugin, so it
// must never say something the code would not. Cases are made from the declaration itself (each
// set of variables whole and short of one entry, each variable alone, each file at each of its
// places) and from the author's own (config files with contents the code accepts), each in a fresh
// home folder.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type AnyPluginManifest, type CredentialFile, declaredCredentials } from '@provision/core';

/** One situation to compare the declaration and the code in. */
export interface CredentialCase {
  /** What it is, for the report. */
  readonly label: string;
  /** Variables besides `HOME` (the case's own empty folder). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Files to write first, by place: `~/path` (in the case's home folder) or `$NAME/path` and
   * `$NAME` (the variable is set to a path in the case's folder, unless `env` sets it).
   */
  readonly files?: Readonly<Record<string, string>>;
  /** What the code must answer (a case meant to hold a credential: `true`); unchecked when omitted. */
  readonly expected?: boolean;
}

/** What `checkCredentialSources` found. */
export interface CredentialSourcesReport {
  /** Every case compared, with both answers (`undefined` from the declaration: the code decides). */
  readonly cases: ReadonlyArray<{ label: string; declared: boolean | undefined; code: boolean }>;
  /** The cases where the declaration answered and the code said otherwise. */
  readonly disagreements: readonly string[];
}

const VALUE = 'provision-test-value-0123';

function variableNames(entry: string | readonly string[]): readonly string[] {
  return typeof entry === 'string' ? [entry] : entry;
}

/** Cases made from the declaration: the variable sets, each variable alone, each file place. */
function generatedCases(manifest: AnyPluginManifest): CredentialCase[] {
  const sources = manifest.credentials ?? {};
  const cases: CredentialCase[] = [{ label: 'nothing set' }];
  const named = new Set<string>();
  for (const [index, group] of (sources.variables ?? []).entries()) {
    for (const entry of group.set) for (const name of variableNames(entry)) named.add(name);
    for (const name of group.unset ?? []) named.add(name);
    // Every alternative of each entry in turn, the others at their first.
    const whole = (pick: (entry: string | readonly string[], position: number) => string | undefined) =>
      Object.fromEntries(
        group.set
          .map((entry, position) => pick(entry, position))
          .filter((name): name is string => name !== undefined)
          .map((name) => [name, VALUE]),
      );
    const first = (entry: string | readonly string[]) => variableNames(entry)[0];
    cases.push({ label: `variables[${index}] set`, env: whole(first) });
    for (const [position, entry] of group.set.entries()) {
      for (const alternative of variableNames(entry).slice(1))
        cases.push({
          label: `variables[${index}] set with ${alternative}`,
          env: whole((item, at) => (at === position ? alternative : first(item))),
        });
      cases.push({
        label: `variables[${index}] without ${variableNames(entry).join('/')}`,
        env: whole((item, at) => (at === position ? undefined : first(item))),
      });
    }
    for (const name of group.unset ?? [])
      cases.push({ label: `variables[${index}] set and ${name}`, env: { ...whole(first), [name]: VALUE } });
    for (const name of sources.consult?.variables ?? [])
      cases.push({ label: `variables[${index}] set and ${name}`, env: { ...whole(first), [name]: VALUE } });
  }
  for (const name of [...named, ...(sources.consult?.variables ?? [])])
    cases.push({ label: `${name} alone`, env: { [name]: VALUE } });
  const files: Array<[CredentialFile, string]> = [
    ...(sources.files ?? []).map((file) => [file, 'files'] as [CredentialFile, string]),
    ...(sources.consult?.files ?? []).map((file) => [file, 'consult.files'] as [CredentialFile, string]),
  ];
  for (const [file, kind] of files)
    for (const place of file) {
      // A plain path (`/etc/ovh.conf`, `./ovh.conf`) is the machine's own: not written by a test.
      if (!place.startsWith('~/') && !place.startsWith('$')) continue;
      cases.push({ label: `${kind} ${place} (empty)`, files: { [place]: '' } });
    }
  return cases;
}

/** Writes a case's files under `root` and returns its environment. */
function prepare(testCase: CredentialCase, root: string): Record<string, string> {
  const home = join(root, 'home');
  mkdirSync(home, { recursive: true });
  const env: Record<string, string> = { HOME: home, ...testCase.env };
  for (const [place, contents] of Object.entries(testCase.files ?? {})) {
    let path: string;
    const variable = /^\$([A-Za-z_][A-Za-z0-9_]*)(\/.+)?$/.exec(place);
    if (place.startsWith('~/')) path = join(home, place.slice(2));
    else if (variable !== null) {
      const name = variable[1] as string;
      env[name] ??= join(root, 'named', name);
      path = `${env[name]}${variable[2] ?? ''}`;
    } else path = place;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  }
  return env;
}

/**
 * Compares a plugin's credential declaration with its `hasCredentials` in cases made from the
 * declaration and in `cases` (config files the code reads, with contents it accepts: with
 * `expected: true` the code must say yes, and the declaration must not say no). Each case runs in a fresh temporary folder
 * that is its `HOME`. Plain paths (absolute, or relative to the working directory) are not written.
 * @throws TypeError when the plugin declares nothing or has no `hasCredentials`.
 */
export async function checkCredentialSources(
  manifest: AnyPluginManifest,
  cases: readonly CredentialCase[] = [],
): Promise<CredentialSourcesReport> {
  const { credentials, hasCredentials } = manifest;
  if (credentials === undefined || hasCredentials === undefined)
    throw new TypeError(`${manifest.id} declares no credentials, or has no hasCredentials to compare with`);
  const results: Array<{ label: string; declared: boolean | undefined; code: boolean }> = [];
  const disagreements: string[] = [];
  for (const testCase of [...generatedCases(manifest), ...cases]) {
    const root = mkdtempSync(join(tmpdir(), 'provision-credentials-'));
    try {
      const env = prepare(testCase, root);
      const declared = declaredCredentials(credentials, env, existsSync);
      const code = (await hasCredentials(env)) === true;
      results.push({ label: testCase.label, declared, code });
      if (declared !== undefined && declared !== code)
        disagreements.push(
          `${testCase.label}: the declaration says ${declared}, hasCredentials says ${code}`,
        );
      if (testCase.expected !== undefined && code !== testCase.expected)
        disagreements.push(
          `${testCase.label}: hasCredentials says ${code}, the case expects ${testCase.expected}`,
        );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return { cases: results, disagreements };
}
