// Listings (`plans`, `regions`, `providers`) from the JSON file each provider's build writes beside
// its manifest (`"provision": { "catalog" }`), so that a listing imports no plugin code: every
// installed manifest imported costs each run about 1.5 ms.
import { existsSync, readFileSync } from 'node:fs';
import { type AnyPluginManifest, compareText, declaredCredentials } from '@provision/core';
import { findPluginPackages, type LoadPluginsResult, type PluginPackage } from '@provision/core/discovery';
import { askHasCredentials, discoveryRoots, SHOW_FIXTURES_ENV } from './providers.js';

/** What `plans` and `regions` read of a provider: its manifest's plain data. */
export type CatalogEntry = Pick<
  AnyPluginManifest,
  'id' | 'displayName' | 'packageName' | 'version' | 'secretSettings' | 'env' | 'catalog'
>;

/** What `providers` prints of a provider: its manifest's plain data, its credential declaration too. */
export type ListingEntry = CatalogEntry &
  Pick<
    AnyPluginManifest,
    'maintainers' | 'capabilities' | 'defaults' | 'notes' | 'credentialsHelp' | 'credentials'
  >;

type Env = Readonly<Record<string, string | undefined>>;

/** The packages a listing shows (test fixtures only with `PROVISION_SHOW_FIXTURES=1`), or undefined when two declare one id. */
function listedPackages(cwd: string, env: Env): PluginPackage[] | undefined {
  const showFixtures = env[SHOW_FIXTURES_ENV] === '1';
  const wanted = findPluginPackages(discoveryRoots(cwd)).filter((pkg) => showFixtures || !pkg.fixture);
  // Two packages for one provider: the registry decides which is used, and says so.
  return new Set(wanted.map((pkg) => pkg.provider)).size === wanted.length ? wanted : undefined;
}

function readJson(path: string | undefined): Record<string, unknown> | undefined {
  if (path === undefined) return undefined;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The package's catalog file, when it is that package's own (not a stale build's) and holds a catalog. */
function catalogOf(pkg: PluginPackage): Record<string, unknown> | undefined {
  const data = readJson(pkg.catalog);
  const catalog = data?.catalog as Record<string, unknown> | undefined;
  const env = data?.env as Record<string, unknown> | undefined;
  if (
    data?.id !== pkg.provider ||
    data.packageName !== pkg.packageName ||
    data.version !== pkg.version ||
    typeof data.displayName !== 'string' ||
    !isStrings(data.secretSettings) ||
    !isStrings(env?.required) ||
    !isStrings(env?.optional) ||
    !Array.isArray(catalog?.plans) ||
    !Array.isArray(catalog?.regions)
  )
    return undefined;
  return data;
}

/**
 * The installed providers' manifest data, read from each package's catalog file (see
 * `PluginPackage.catalog`) instead of importing the manifests: the providers `discoverProviders`
 * would list, sorted by id. Undefined when that cannot stand for the manifests: a package without
 * a readable catalog file, or one that is not its package's (another id, name or version: a stale
 * build), or two packages that declare one provider (whose conflict the registry decides).
 */
export function readCatalogs(cwd: string, env: Env = {}): CatalogEntry[] | undefined {
  const wanted = listedPackages(cwd, env);
  if (wanted === undefined) return undefined;
  const entries: CatalogEntry[] = [];
  for (const pkg of wanted) {
    const entry = catalogOf(pkg);
    if (entry === undefined) return undefined;
    entries.push(entry as unknown as CatalogEntry);
  }
  return entries.sort((a, b) => compareText(a.id, b.id));
}

/** One provider as `provision providers` lists it, from its catalog file or its imported manifest. */
export interface ListedProvider {
  readonly entry: ListingEntry;
  /** The package's folder (symlinks resolved). */
  readonly directory: string | undefined;
  /**
   * Whether the plugin finds credentials in `env`: its declaration where that can tell, else its
   * own `hasCredentials` (its manifest imported for it); undefined: the plugin has no such code
   * (one of its required variables must then be set).
   */
  hasCredentials(env: Env): Promise<boolean | undefined>;
}

/** The listing data a catalog file holds for `providers`, or undefined when it lacks some (an older build). */
function listingOf(data: Record<string, unknown>): { entry: ListingEntry; code: boolean } | undefined {
  const defaults = data.defaults as Record<string, unknown> | undefined;
  if (
    !isStrings(data.maintainers) ||
    !isObject(data.capabilities) ||
    !['region', 'plan', 'os'].every((field) => typeof defaults?.[field] === 'string') ||
    !(data.notes === undefined || isStrings(data.notes)) ||
    !(data.credentialsHelp === undefined || typeof data.credentialsHelp === 'string') ||
    !(data.credentials === undefined || isObject(data.credentials)) ||
    typeof data.hasCredentials !== 'boolean'
  )
    return undefined;
  return { entry: data as unknown as ListingEntry, code: data.hasCredentials };
}

/** What `readListings` found: the providers it could list from their files, and those to import. */
export interface Listings {
  /** Sorted by id. */
  readonly listed: readonly ListedProvider[];
  /** Packages whose file is missing, stale or from an older build: their manifests must be imported. */
  readonly toImport: readonly PluginPackage[];
}

/**
 * The installed providers as `provision providers` lists them, from their catalog files, which
 * hold every field it prints and the plugin's credential declaration: no manifest is imported
 * unless a file cannot stand for it, or a declaration leaves the answer to the plugin's code (then
 * `load(pkg)` imports that one manifest). Undefined when two packages declare one provider.
 * @param load imports one package's manifest (see `loadPlugins`), for its `hasCredentials`.
 */
export function readListings(
  cwd: string,
  env: Env,
  load: (pkg: PluginPackage) => Promise<AnyPluginManifest | undefined>,
): Listings | undefined {
  const wanted = listedPackages(cwd, env);
  if (wanted === undefined) return undefined;
  const listed: ListedProvider[] = [];
  const toImport: PluginPackage[] = [];
  for (const pkg of wanted) {
    const data = catalogOf(pkg);
    const listing = data === undefined ? undefined : listingOf(data);
    if (listing === undefined) {
      toImport.push(pkg);
      continue;
    }
    const { entry, code } = listing;
    listed.push({
      entry,
      directory: pkg.directory,
      async hasCredentials(values) {
        if (!code) return undefined;
        let declared: boolean | undefined;
        try {
          declared =
            entry.credentials === undefined
              ? undefined
              : declaredCredentials(entry.credentials, values, existsSync);
        } catch {
          // A malformed declaration: the code answers.
          declared = undefined;
        }
        if (declared !== undefined) return declared;
        const manifest = await load(pkg);
        if (manifest?.hasCredentials === undefined) return false;
        try {
          return (await manifest.hasCredentials(values)) === true;
        } catch {
          return false;
        }
      },
    });
  }
  return { listed: listed.sort((a, b) => compareText(a.entry.id, b.entry.id)), toImport };
}

/** A provider whose manifest is imported, listed like one read from its file. */
export function listedFromManifest(
  manifest: AnyPluginManifest,
  directory: string | undefined,
): ListedProvider {
  return { entry: manifest, directory, hasCredentials: (values) => askHasCredentials(manifest, values) };
}

/** What `provision providers` lists: the providers, and what discovery reported of the packages. */
export interface ProviderListing {
  /** Sorted by id. */
  readonly providers: readonly ListedProvider[];
  readonly conflicts: LoadPluginsResult['conflicts'];
  /** Packages that could not be imported: complete once every provider's `hasCredentials` has been awaited. */
  readonly failures: LoadPluginsResult['failures'];
}
