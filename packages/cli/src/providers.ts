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
  /** Every registered plugin, sorted by id. */
  readonly plugins: readonly AnyPluginManifest[];
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
 * each one's entry, which registers its manifest. Only manifests: no implementation, no SDK.
 */
export async function discoverProviders(cwd: string): Promise<Discovered> {
  const roots = discoveryRoots(cwd);
  const result = await loadPlugins(findPluginPackages(roots));
  const plugins = listPlugins();
  const packages = new Map<string, PluginPackage>();
  for (const pkg of result.loaded) packages.set(pkg.provider, pkg);
  return { plugins, packages, conflicts: result.conflicts, failures: result.failures, roots };
}

/**
 * The plugin with this id.
 * @throws UsageError naming the installed providers, or why the package failed to load.
 */
export function requirePlugin(discovered: Discovered, id: string): AnyPluginManifest {
  const found = discovered.plugins.find((plugin) => plugin.id === id);
  if (found !== undefined) return found;
  const failure = discovered.failures.find((item) => item.package.provider === id);
  if (failure !== undefined) {
    throw new UsageError(
      `Provider "${id}" is installed (${failure.package.packageName}) but ${failure.reason}.`,
      'Reinstall the package, or run `provision providers --debug` for details.',
    );
  }
  const installed = discovered.plugins.map((plugin) => plugin.id);
  throw new UsageError(
    `Provider "${id}" is not installed${installed.length > 0 ? ` (installed: ${installed.join(', ')})` : ''}.`,
    `Install @provision/provider-${id} (or a third-party provision-provider-${id}) next to the CLI or in this project.`,
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
  /** One of the required variables is set (or the plugin names none: its SDK finds credentials itself). */
  readonly ready: boolean;
}

/** Which of the plugin's variables are set in `env`. Reads names only; values are never kept. */
export function credentialState(
  manifest: AnyPluginManifest,
  env: Readonly<Record<string, string | undefined>>,
): CredentialState {
  const state = (name: string): EnvVarState => ({ name, set: (env[name] ?? '') !== '' });
  const required = manifest.env.required.map(state);
  return {
    required,
    optional: manifest.env.optional.map(state),
    ready: required.length === 0 || required.some((variable) => variable.set),
  };
}

/** Values of every credential variable the installed plugins read, so error output can redact them. */
export function credentialValues(
  plugins: readonly AnyPluginManifest[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const values = new Set<string>();
  for (const plugin of plugins) {
    for (const name of plugin.env.required) {
      const value = env[name];
      if (value !== undefined && value !== '') values.add(value);
    }
  }
  return [...values];
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
