import { parse as parseYaml } from 'yaml';
import type { RepositoryFiles } from './repository-files.js';
import type { Violation } from './violation.js';

/** The package.json fields the rules read. */
export interface PackageJson {
  readonly name?: string;
  readonly private?: boolean;
  readonly type?: string;
  readonly sideEffects?: unknown;
  readonly engines?: Record<string, string>;
  readonly exports?: unknown;
  readonly files?: unknown;
  readonly publishConfig?: { readonly access?: string };
  readonly provision?: { readonly provider?: unknown };
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

/** Where a package sits in the layering of DESIGN.md section 1. */
export type PackageRole = 'core' | 'provider-utils' | 'testkit' | 'provider' | 'cli' | 'emulator' | 'other';

/** One workspace package. */
export interface WorkspacePackage {
  readonly name: string;
  /** Folder relative to the repository root, e.g. `packages/core`. */
  readonly directory: string;
  readonly manifest: PackageJson;
  readonly role: PackageRole;
  /** The `"provision": { "provider" }` id, for plugin packages. */
  readonly providerId?: string;
}

const ROLE_BY_NAME: Readonly<Record<string, PackageRole>> = {
  '@provision/core': 'core',
  '@provision/provider-utils': 'provider-utils',
  '@provision/testkit': 'testkit',
  '@provision/cli': 'cli',
  '@provision/emulator': 'emulator',
};

/** The workspace's packages (from pnpm-workspace.yaml), and what could not be read. */
export interface Workspace {
  readonly packages: readonly WorkspacePackage[];
  readonly byName: ReadonlyMap<string, WorkspacePackage>;
  readonly problems: readonly Violation[];
}

// A pnpm workspace pattern: `dir`, `dir/*`, `dir/**`; `*` is one path segment, `**` any number.
function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) =>
      segment === '**' ? '.*' : segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
    )
    .join('/');
  return new RegExp(`^${body}$`);
}

/** Reads pnpm-workspace.yaml and every package.json it points at. */
export function readWorkspace(files: RepositoryFiles): Workspace {
  const problems: Violation[] = [];
  const text = files.read('pnpm-workspace.yaml');
  const patterns: string[] = [];
  if (text === undefined) {
    problems.push({
      rule: 'workspace-pattern',
      file: 'pnpm-workspace.yaml',
      subject: 'file',
      message: 'pnpm-workspace.yaml is missing: the rules cannot find the packages',
    });
  } else {
    const listed = (parseYaml(text) as { packages?: unknown } | null)?.packages;
    for (const pattern of Array.isArray(listed) ? listed : []) {
      if (typeof pattern === 'string' && !pattern.startsWith('!')) patterns.push(pattern);
    }
  }
  const matchers = patterns.map(patternToRegExp);
  const packages: WorkspacePackage[] = [];
  for (const path of files.paths) {
    if (!path.endsWith('/package.json')) continue;
    const directory = path.slice(0, -'/package.json'.length);
    if (!matchers.some((matcher) => matcher.test(directory))) continue;
    let manifest: PackageJson;
    try {
      manifest = JSON.parse(files.read(path) ?? '') as PackageJson;
    } catch (error) {
      problems.push({
        rule: 'parse-error',
        file: path,
        subject: 'package.json',
        message: `package.json does not parse: ${(error as Error).message}`,
      });
      continue;
    }
    if (typeof manifest.name !== 'string') continue;
    const providerId =
      typeof manifest.provision?.provider === 'string' ? manifest.provision.provider : undefined;
    const role: PackageRole =
      ROLE_BY_NAME[manifest.name] ?? (providerId !== undefined ? 'provider' : 'other');
    packages.push({
      name: manifest.name,
      directory,
      manifest,
      role,
      ...(providerId === undefined ? {} : { providerId }),
    });
  }
  return { packages, byName: new Map(packages.map((item) => [item.name, item])), problems };
}

// The names discovery accepts (core's find-plugin-packages): a provider package even when it is
// not in this workspace (a third party's).
const PROVIDER_PACKAGE_NAME =
  /^(?:@provision\/provider-[a-z0-9-]+|provision-provider-[a-z0-9-]+|@[^/]+\/provision-provider-[a-z0-9-]+)$/;

/** Whether a package name is a provider plugin: a workspace provider, or a name discovery would load. */
export function isProviderPackage(workspace: Workspace, packageName: string): boolean {
  const known = workspace.byName.get(packageName);
  if (known !== undefined) return known.role === 'provider';
  return PROVIDER_PACKAGE_NAME.test(packageName);
}
