import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cloudOf } from '../cloud-sdks.ts';
import { BENCH_ROOT } from '../providers.ts';

interface WorkspacePackage {
  readonly name: string;
  readonly directory: string;
  /** Provider id, for provider packages. */
  readonly provider?: string;
  /** Our packages it needs at run time (dependencies and required peers). */
  readonly needs: readonly string[];
}

/** One install of the CLI plus (at most) one provider. */
export interface InstallFootprint {
  readonly label: string;
  /** The provider installed with the CLI, if any. */
  readonly provider?: string;
  /** Our tarballs passed to npm. */
  readonly tarballs: readonly string[];
  /** Sum of file sizes under node_modules. */
  readonly bytes: number;
  /** Blocks allocated for them (what `du` reports). */
  readonly diskBytes: number;
  /** Packages npm installed (from node_modules/.package-lock.json). */
  readonly packages: number;
  /** SDK packages of clouds other than `provider` (there should be none). */
  readonly otherSdks: readonly string[];
  /** SDK packages of `provider`'s own cloud. */
  readonly ownSdks: readonly string[];
  readonly installMs: number;
  readonly failure?: string;
}

export type FootprintResult =
  | { readonly skipped: string }
  | {
      readonly npmVersion: string;
      readonly installs: readonly InstallFootprint[];
      readonly notes: readonly string[];
    };

const REPOSITORY = dirname(BENCH_ROOT);
const INSTALL_TIMEOUT_MS = 10 * 60_000;

function command(
  file: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: INSTALL_TIMEOUT_MS,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function workspacePackages(): WorkspacePackage[] {
  const root = join(REPOSITORY, 'packages');
  const found: WorkspacePackage[] = [];
  for (const entry of readdirSync(root)) {
    const directory = join(root, entry);
    const file = join(directory, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
      name: string;
      private?: boolean;
      provision?: { provider?: string };
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    if (manifest.private === true) continue;
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => manifest.peerDependenciesMeta?.[name]?.optional !== true,
    );
    const needs = [...Object.keys(manifest.dependencies ?? {}), ...peers].filter((name) =>
      name.startsWith('@provision/'),
    );
    found.push({
      name: manifest.name,
      directory,
      ...(manifest.provision?.provider === undefined ? {} : { provider: manifest.provision.provider }),
      needs,
    });
  }
  return found;
}

function closure(start: readonly string[], byName: ReadonlyMap<string, WorkspacePackage>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const need of byName.get(name)?.needs ?? []) visit(need);
  };
  for (const name of start) visit(name);
  return [...seen].sort();
}

function sizeOf(path: string): { bytes: number; diskBytes: number } {
  let bytes = 0;
  let diskBytes = 0;
  const walk = (current: string) => {
    const stat = lstatSync(current);
    diskBytes += stat.blocks * 512;
    if (stat.isDirectory()) for (const entry of readdirSync(current)) walk(join(current, entry));
    else if (stat.isFile()) bytes += stat.size;
  };
  walk(path);
  return { bytes, diskBytes };
}

function installedPackages(nodeModules: string): string[] {
  const lock = join(nodeModules, '.package-lock.json');
  if (!existsSync(lock)) return [];
  const parsed = JSON.parse(readFileSync(lock, 'utf8')) as { packages?: Record<string, unknown> };
  return Object.keys(parsed.packages ?? {})
    .filter((key) => key.includes('node_modules/'))
    .map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
}

async function install(
  label: string,
  provider: string | undefined,
  names: readonly string[],
  tarballs: ReadonlyMap<string, string>,
  /** Package name -> provider id of every provider package of ours. */
  providerPackages: ReadonlyMap<string, string>,
): Promise<InstallFootprint> {
  const folder = mkdtempSync(join(tmpdir(), 'provision-bench-install-'));
  const files = names.map((name) => tarballs.get(name) as string);
  try {
    const start = performance.now();
    const result = await command(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files],
      folder,
    );
    const installMs = performance.now() - start;
    const nodeModules = join(folder, 'node_modules');
    const base = { label, ...(provider === undefined ? {} : { provider }), tarballs: names, installMs };
    if (result.code !== 0 || !existsSync(nodeModules)) {
      const lines = result.stderr.trim().split('\n');
      return {
        ...base,
        bytes: 0,
        diskBytes: 0,
        packages: 0,
        otherSdks: [],
        ownSdks: [],
        failure: `npm install exited ${result.code}: ${lines.slice(-3).join(' / ')}`,
      };
    }
    const packages = installedPackages(nodeModules);
    const sdks = packages.filter((name) => cloudOf(name) !== undefined);
    const otherProviders = packages.filter(
      (name) => providerPackages.has(name) && providerPackages.get(name) !== provider,
    );
    return {
      ...base,
      ...sizeOf(nodeModules),
      packages: packages.length,
      otherSdks: [...sdks.filter((name) => cloudOf(name) !== provider), ...otherProviders].sort(),
      ownSdks: sdks.filter((name) => cloudOf(name) === provider).sort(),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Packs every published workspace package with `pnpm pack`, then installs the CLI alone and the CLI
 * plus each single provider from those tarballs with plain npm into an empty folder (our
 * tarballs passed explicitly, third-party packages from the npm registry), and measures
 * node_modules. `onlyProviders`: install only those providers beside the CLI (`--providers`).
 */
export async function measureFootprint(onlyProviders?: readonly string[]): Promise<FootprintResult> {
  const packages = workspacePackages();
  const cli = packages.find((item) => item.name === '@provision/cli');
  if (cli === undefined) return { skipped: 'the CLI package does not exist yet' };
  const notes: string[] = [];
  const packDir = mkdtempSync(join(tmpdir(), 'provision-bench-pack-'));
  try {
    const tarballs = new Map<string, string>();
    for (const item of packages) {
      if (!existsSync(join(item.directory, 'dist'))) {
        notes.push(`${item.name} is not built (no dist/); not packed`);
        continue;
      }
      const before = new Set(readdirSync(packDir));
      const packed = await command('pnpm', ['pack', '--pack-destination', packDir], item.directory);
      const file = readdirSync(packDir).find((name) => !before.has(name) && name.endsWith('.tgz'));
      if (packed.code !== 0 || file === undefined) {
        notes.push(`${item.name}: pnpm pack failed (${packed.stderr.trim().split('\n').at(-1)})`);
        continue;
      }
      tarballs.set(item.name, join(packDir, file));
    }
    if (!tarballs.has(cli.name)) return { skipped: 'the CLI package could not be packed (not built yet?)' };
    const byName = new Map(packages.map((item) => [item.name, item]));
    const providerPackages = new Map(
      packages.flatMap((item) => (item.provider === undefined ? [] : [[item.name, item.provider] as const])),
    );
    const installs: InstallFootprint[] = [];
    const targets: Array<{ label: string; provider?: string; start: string[] }> = [
      { label: '@provision/cli alone', start: [cli.name] },
      ...packages
        .filter(
          (item) =>
            item.provider !== undefined &&
            (onlyProviders === undefined || onlyProviders.includes(item.provider)),
        )
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((item) => ({
          label: `@provision/cli + ${item.name}`,
          ...(item.provider === undefined ? {} : { provider: item.provider }),
          start: [cli.name, item.name],
        })),
    ];
    for (const target of targets) {
      const names = closure(target.start, byName);
      const missing = names.filter((name) => !tarballs.has(name));
      if (missing.length > 0) {
        notes.push(`${target.label}: skipped, no tarball for ${missing.join(', ')}`);
        continue;
      }
      installs.push(await install(target.label, target.provider, names, tarballs, providerPackages));
    }
    const npmVersion = (await command('npm', ['--version'], packDir)).stdout.trim();
    return { npmVersion, installs, notes };
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}
