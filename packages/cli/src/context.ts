import { type AnyPluginManifest, compareText, getPlugin, type Logger } from '@provision/core';
import { loadPlugins, type PluginPackage } from '@provision/core/discovery';
import type { CliIo } from './io.js';
import {
  type CatalogEntry,
  listedFromManifest,
  type ProviderListing,
  readCatalogs,
  readListings,
} from './listings.js';
import { renderJson } from './output/json.js';
import type { Redactor } from './output/redactor.js';
import {
  credentialsHelp,
  type Discovered,
  discoverProviders,
  emulatorEnvironment,
  type ProviderEnvironment,
  realEnvironment,
  requirePlugin,
} from './providers.js';

/** Options every command takes. */
export interface GlobalOptions {
  /** `table` (default) for people, `json` for scripts. */
  readonly output: 'table' | 'json';
  /** Print diagnostics and stack traces. */
  readonly debug: boolean;
}

/** What a command runs with: streams, options, discovery and clean-up. */
export interface CommandContext {
  readonly io: CliIo;
  readonly options: GlobalOptions;
  /** Aborted on Ctrl-C / SIGTERM; passed to every call and wait. */
  readonly signal: AbortSignal;
  /** Diagnostics from the providers; printed with `--debug` only. */
  readonly logger: Logger;
  /** Installed providers (discovered once per run). Conflicts are printed as warnings. */
  discover(): Promise<Discovered>;
  /**
   * The installed plugin with this id, importing only its own package's manifest (every other
   * installed manifest only when it is not found, for the error's list and "did you mean").
   * @throws UsageError as `requirePlugin` does.
   */
  requirePlugin(id: string): Promise<AnyPluginManifest>;
  /**
   * The manifest data of every installed provider discovery would list, from their catalog files
   * when every package has one (no manifest is imported), else from the imported manifests.
   */
  catalogs(): Promise<readonly CatalogEntry[]>;
  /**
   * Every installed provider discovery would list, with what `provision providers` prints: from
   * their catalog files where those hold it all (a manifest is imported only for a package without
   * one, or when the plugin's credential declaration leaves the answer to its code), else from the
   * imported manifests.
   */
  listProviders(): Promise<ProviderListing>;
  /** Real environment, or an in-process emulator's with `emulator: true` (closed when the command ends). */
  environment(options: { emulator?: boolean | undefined }): Promise<ProviderEnvironment>;
  /** `warning: ...` on stderr. */
  warn(message: string): void;
  /** `note: ...` on stderr. */
  note(message: string): void;
  /** The result: the JSON document, or the table/text for people. */
  print(json: unknown, text: () => string): void;
  /** Removes secrets from everything written (credentials, user-data); add to it what a command reads. */
  readonly redactor: Redactor;
  /** Lines printed as `note:` after the error, if the command fails (e.g. "the host may exist"). */
  readonly errorNotes: string[];
  /** How to give a discovered provider credentials (its own words), for error hints. */
  credentialsHelp(provider: string | undefined): string | undefined;
  /** Stops anything the command started (an emulator). */
  close(): Promise<void>;
  /** Set by a command that printed its result but partly failed (e.g. one provider of several). */
  exitCode: number;
}

/**
 * Builds the context for one command run.
 * @param signal the run's signal, or what makes it when a command first asks for it.
 */
export function createContext(
  io: CliIo,
  options: GlobalOptions,
  signal: AbortSignal | (() => AbortSignal),
  redactor: Redactor,
): CommandContext {
  let discovered: Promise<Discovered> | undefined;
  const named = new Map<string, Promise<AnyPluginManifest | undefined>>();
  const known: AnyPluginManifest[] = [];
  const environments: ProviderEnvironment[] = [];
  const line = (prefix: string) => (message: string) => io.stderr.write(`${prefix}: ${message}\n`);
  const debugLine = (message: string, fields?: Record<string, unknown>) => {
    if (options.debug) io.stderr.write(`debug: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  };
  const warn = line('warning');
  const reported = new Set<string>();
  // Conflicts and failures are told once, whichever discovery found them first.
  const accept = (result: Discovered): Discovered => {
    known.push(...result.plugins, ...result.fixtures);
    redactor.addProviderSecrets([...result.plugins, ...result.fixtures], io.env);
    for (const conflict of result.conflicts) {
      const message = `two packages provide "${conflict.provider}": using ${conflict.kept}, ignoring ${conflict.rejected}.`;
      if (!reported.has(message)) warn(message);
      reported.add(message);
    }
    for (const failure of result.failures) {
      const message = `plugin package ${failure.package.packageName} was not loaded: ${failure.reason}`;
      if (!reported.has(message)) debugLine(message);
      reported.add(message);
    }
    return result;
  };
  const discover = () => {
    discovered ??= discoverProviders(io.cwd, io.env).then(accept);
    return discovered;
  };

  return {
    io,
    options,
    get signal() {
      return typeof signal === 'function' ? signal() : signal;
    },
    logger: { debug: debugLine, warn: (message, fields) => debugLine(`(warning) ${message}`, fields) },
    discover,
    async requirePlugin(id) {
      const loaded = known.find((plugin) => plugin.id === id);
      if (loaded !== undefined) return loaded;
      let one = named.get(id);
      if (one === undefined) {
        one = discoverProviders(io.cwd, io.env, id).then((result) => {
          accept(result);
          return [...result.plugins, ...result.fixtures].find((plugin) => plugin.id === id);
        });
        named.set(id, one);
      }
      // Not found alone (not installed, or it failed to load): the whole discovery says why.
      return (await one) ?? requirePlugin(await discover(), id);
    },
    async catalogs() {
      if (discovered === undefined) {
        const entries = readCatalogs(io.cwd, io.env);
        if (entries !== undefined) {
          redactor.addProviderSecrets(entries, io.env);
          return entries;
        }
      }
      return (await discover()).plugins;
    },
    async listProviders() {
      if (discovered === undefined) {
        const failures: Array<ProviderListing['failures'][number]> = [];
        const imports = new Map<string, Promise<AnyPluginManifest | undefined>>();
        const load = (pkg: PluginPackage) => {
          let manifest = imports.get(pkg.directory);
          if (manifest === undefined) {
            manifest = loadPlugins([pkg]).then((result) => {
              failures.push(...result.failures);
              for (const failure of result.failures)
                debugLine(`plugin package ${failure.package.packageName} was not loaded: ${failure.reason}`);
              return result.loaded.length > 0 ? getPlugin(pkg.provider) : undefined;
            });
            imports.set(pkg.directory, manifest);
          }
          return manifest;
        };
        const listings = readListings(io.cwd, io.env, load);
        if (listings !== undefined) {
          const imported = await Promise.all(
            listings.toImport.map(async (pkg) => {
              const manifest = await load(pkg);
              return manifest === undefined ? undefined : listedFromManifest(manifest, pkg.directory);
            }),
          );
          const providers = [...listings.listed, ...imported.filter((item) => item !== undefined)].sort(
            (a, b) => compareText(a.entry.id, b.entry.id),
          );
          redactor.addProviderSecrets(
            providers.map((provider) => provider.entry),
            io.env,
          );
          return { providers, conflicts: [], failures };
        }
      }
      const result = await discover();
      return {
        providers: result.plugins.map((manifest) =>
          listedFromManifest(manifest, result.packages.get(manifest.id)?.directory),
        ),
        conflicts: result.conflicts,
        failures: result.failures,
      };
    },
    async environment({ emulator }) {
      if (!emulator) return realEnvironment(io.env);
      const roots = (await discover()).roots;
      const environment = await emulatorEnvironment(roots);
      environments.push(environment);
      // The fakes' own credentials are not secrets, but are kept out of the output all the same.
      for (const value of Object.values(environment.env))
        if (!/^https?:/.test(value ?? '')) redactor.addValue(value);
      io.stderr.write('note: using an in-process emulator; its hosts disappear when this command exits.\n');
      return environment;
    },
    warn,
    note: line('note'),
    print(json, text) {
      if (options.output === 'json') io.stdout.write(renderJson(json));
      else io.stdout.write(`${text()}\n`);
    },
    redactor,
    errorNotes: [],
    credentialsHelp(provider) {
      const manifest = known.find((plugin) => plugin.id === provider);
      return manifest === undefined ? undefined : credentialsHelp(manifest);
    },
    async close() {
      await Promise.allSettled(environments.splice(0).map((environment) => environment.close()));
    },
    exitCode: 0,
  };
}
