import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnyPluginManifest,
  createProvisioner,
  type Logger,
  listPlugins,
  type ProvisionerV1,
} from '@provision/core';
import {
  findPluginPackages,
  type LoadPluginsResult,
  loadPlugins,
  type PluginPackage,
} from '@provision/core/discovery';
import { UsageError } from './usage-error.js';

/** The installed providers, as discovery found them. */
export interface Discovered {
  /** Every registered plugin users see, sorted by id (test fixtures only with `PROVISION_SHOW_FIXTURES=1`). */
  readonly plugins: readonly AnyPluginManifest[];
  /**
   * Plugins whose package marks itself a test fixture, imported because they were named: usable
   * by name, hidden from listings. A fixture nobody names is not even imported.
   */
  readonly fixtures: readonly AnyPluginManifest[];
  /** The package each registered plugin came from, by provider id. */
  readonly packages: ReadonlyMap<string, PluginPackage>;
  readonly conflicts: LoadPluginsResult['conflicts'];
  readonly failures: LoadPluginsResult['failures'];
  /** Where discovery looked (each folder and its parents' `node_modules`). */
  readonly roots: readonly string[];
}

/** The CLI's own install location (so a global install finds providers installed beside it), then the working directory. */
export function discoveryRoots(cwd: string): string[] {
  return [dirname(fileURLToPath(import.meta.url)), cwd];
}

/**
 * Finds installed provider packages by the `"provision"` field of their package.json and imports
 * each one's manifest module, which registers it. Only manifests: no implementation, no SDK.
 * Every command pays for each import before it prints anything, so only what it needs is imported:
 * with `only`, the packages whose package.json declares that provider id; without, every package
 * except test fixtures (unless `PROVISION_SHOW_FIXTURES=1`).
 */
export async function discoverProviders(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = {},
  only?: string,
): Promise<Discovered> {
  const roots = discoveryRoots(cwd);
  const showFixtures = env[SHOW_FIXTURES_ENV] === '1';
  const found = findPluginPackages(roots);
  const wanted =
    only !== undefined
      ? found.filter((pkg) => pkg.provider === only)
      : found.filter((pkg) => showFixtures || !pkg.fixture);
  const result = await loadPlugins(wanted);
  const packages = new Map<string, PluginPackage>();
  for (const pkg of result.loaded) packages.set(pkg.provider, pkg);
  const plugins: AnyPluginManifest[] = [];
  const fixtures: AnyPluginManifest[] = [];
  for (const plugin of listPlugins()) {
    const pkg = packages.get(plugin.id);
    // The registry holds what earlier discoveries of this process imported too (a provider named
    // alone, a fixture among them): this one tells of its own packages.
    if (pkg === undefined) continue;
    if (!showFixtures && pkg.fixture) fixtures.push(plugin);
    else plugins.push(plugin);
  }
  return { plugins, fixtures, packages, conflicts: result.conflicts, failures: result.failures, roots };
}

/** Set to `1` to list test-fixture providers (such as the example plugin) like any other. */
export const SHOW_FIXTURES_ENV = 'PROVISION_SHOW_FIXTURES';

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/**
 * The known value closest to a mistyped one (case, punctuation and spacing ignored first, the
 * one in the value's own case preferred: `nyc-1` is DigitalOcean's `nyc1` before Civo's `NYC1`;
 * then up to a third of its letters wrong), or undefined.
 */
export function closestMatch(value: string, known: readonly string[]): string | undefined {
  const simple = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const letters = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');
  const same = known.filter((candidate) => simple(candidate) === simple(value));
  const exact = same.find((candidate) => letters(candidate) === letters(value)) ?? same[0];
  if (exact !== undefined) return exact;
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of known) {
    const score = distance(simple(value), simple(candidate));
    if (score <= Math.max(1, Math.floor(candidate.length / 3)) && (best === undefined || score < best.score))
      best = { candidate, score };
  }
  return best?.candidate;
}

/**
 * The plugin with this id.
 * @throws UsageError naming the installed providers, or why the package failed to load.
 */
export function requirePlugin(discovered: Discovered, id: string): AnyPluginManifest {
  const found = [...discovered.plugins, ...discovered.fixtures].find((plugin) => plugin.id === id);
  if (found !== undefined) return found;
  const failure = discovered.failures.find((item) => item.package.provider === id);
  if (failure !== undefined) {
    throw new UsageError(
      `Provider "${id}" is installed (${failure.package.packageName}) but ${failure.reason}.`,
      'Reinstall the package, or run `provision providers --debug` for details.',
    );
  }
  const installed = discovered.plugins.map((plugin) => plugin.id);
  const names = discovered.plugins.flatMap((plugin) => [plugin.id, plugin.displayName]);
  const near = closestMatch(id, names);
  const suggestion = discovered.plugins.find((plugin) => plugin.id === near || plugin.displayName === near);
  throw new UsageError(
    `Provider "${id}" is not installed${installed.length > 0 ? ` (installed: ${installed.join(', ')})` : ''}.`,
    suggestion !== undefined
      ? `Did you mean --provider ${suggestion.id}?`
      : `Install @provision/provider-${id} (or a third-party provision-provider-${id}) next to the CLI or in this project.`,
  );
}

/** One environment variable a plugin reads, and whether it is set (never its value). */
export interface EnvVarState {
  readonly name: string;
  readonly set: boolean;
}

/** Which of a plugin's environment variables are set. */
export interface CredentialState {
  readonly required: readonly EnvVarState[];
  readonly optional: readonly EnvVarState[];
  /**
   * The plugin's own credential discovery finds credentials (its `hasCredentials`, which may read
   * its config files); for a plugin without one: one of the required variables is set.
   */
  readonly ready: boolean;
  /** How to give credentials, in one phrase: the plugin's own words, or its required variables. */
  readonly help: string;
}

/** How to give a plugin credentials, for messages. */
export function credentialsHelp(manifest: Pick<AnyPluginManifest, 'credentialsHelp' | 'env'>): string {
  return manifest.credentialsHelp ?? (manifest.env.required.join(' or ') || 'the provider’s credentials');
}

/**
 * Which of the plugin's variables are set in `env`, and whether it has credentials: `ready` as
 * given (the plugin's own answer), or by default one of its required variables set. Never keeps
 * a value.
 */
export function credentialStateOf(
  manifest: Pick<AnyPluginManifest, 'credentialsHelp' | 'env'>,
  env: Readonly<Record<string, string | undefined>>,
  ready?: boolean,
): CredentialState {
  const state = (name: string): EnvVarState => ({ name, set: (env[name] ?? '') !== '' });
  const required = manifest.env.required.map(state);
  return {
    required,
    optional: manifest.env.optional.map(state),
    ready: ready ?? (required.length === 0 || required.some((variable) => variable.set)),
    help: credentialsHelp(manifest),
  };
}

/** Whether the plugin's own `hasCredentials` finds credentials in `env` (false when it throws). */
export async function askHasCredentials(
  manifest: Pick<AnyPluginManifest, 'hasCredentials'>,
  env: Readonly<Record<string, string | undefined>>,
): Promise<boolean | undefined> {
  if (manifest.hasCredentials === undefined) return undefined;
  try {
    return (await manifest.hasCredentials(env)) === true;
  } catch {
    return false;
  }
}

/** Which of the plugin's variables are set in `env`, and whether it has credentials. Never keeps a value. */
export async function credentialState(
  manifest: AnyPluginManifest,
  env: Readonly<Record<string, string | undefined>>,
): Promise<CredentialState> {
  return credentialStateOf(manifest, env, await askHasCredentials(manifest, env));
}

/**
 * Where provisioners read credentials and endpoints: the real environment, or an in-process
 * emulator's own variables (fake endpoint and credential).
 */
export interface ProviderEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** With an emulator: the providers it serves. Undefined: any provider. */
  readonly served: readonly string[] | undefined;
  /** Stops the emulator, if one was started. */
  close(): Promise<void>;
}

/** The process environment, as given. */
export function realEnvironment(env: Readonly<Record<string, string | undefined>>): ProviderEnvironment {
  return { env, served: undefined, close: async () => {} };
}

/**
 * Starts an emulator in this process, serving the fakes of the providers discovery finds, and
 * returns its variables as the environment. Its hosts exist only until this process exits.
 */
export async function emulatorEnvironment(roots: readonly string[]): Promise<ProviderEnvironment> {
  // Imported here only: the fakes are not needed unless asked for.
  const { discoverEmulatedClouds, startEmulator } = await import('@provision/emulator');
  const { clouds } = await discoverEmulatedClouds({ from: roots });
  const emulator = await startEmulator({ clouds });
  return {
    env: { ...emulator.env },
    served: emulator.endpoints.map((endpoint) => endpoint.provider),
    close: () => emulator.close(),
  };
}

/**
 * A provisioner for a plugin, reading credentials from `environment` only. Builds it without
 * loading the implementation; the first call that needs the cloud does that.
 * @throws UsageError when an emulator is in use that has no fake for this provider.
 */
export function openProvisioner(
  manifest: AnyPluginManifest,
  environment: ProviderEnvironment,
  logger: Logger,
): ProvisionerV1 {
  if (environment.served !== undefined && !environment.served.includes(manifest.id)) {
    throw new UsageError(
      `The emulator has no fake for provider "${manifest.id}".`,
      `It serves: ${environment.served.join(', ') || 'nothing'}. Drop --emulator to use the real cloud.`,
    );
  }
  return createProvisioner(manifest, {}, { env: environment.env, logger });
}
