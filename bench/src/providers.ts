import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnyPluginManifest,
  createProvisioner,
  getPlugin,
  MANAGED_TAG_KEYS,
  type ProvisionerV1,
} from '@provision/core';
import { findPluginPackages, loadPlugins } from '@provision/core/discovery';
import { type EmulatedCloud, FakeCloud, type RateLimitOptions } from '@provision/testkit/fake-cloud';

/** The bench package's own directory: providers installed here are the ones measured. */
export const BENCH_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * Limits raised so a fake can hold 1,000 managed hosts (a real account raises them through
 * support). Passed to the constructor of the fake class the provider's `./testing` exports.
 */
const RAISED_LIMITS: Readonly<Record<string, Record<string, unknown>>> = {
  digitalocean: { dropletLimit: 100_000 },
  openstack: { instanceLimit: 100_000 },
  aws: { vcpuLimit: 1_000_000 },
  gcp: { instanceLimit: 100_000 },
  azure: { vmLimit: 100_000 },
  hetzner: { serverLimit: 100_000 },
  linode: { linodeLimit: 100_000 },
  vultr: { instanceLimit: 100_000 },
  civo: { instanceLimit: 100_000 },
  ovh: { instanceLimit: 100_000 },
  scaleway: { serverLimit: 100_000 },
  'equinix-metal': { deviceLimit: 100_000 },
};

/**
 * The names of the hosts a fake holds, read from its own state (its inspection methods), for the
 * duplicate check. Providers not listed fall back to the names in `leftovers()` descriptions.
 */
const HOST_NAMES: Readonly<Record<string, (fake: FakeCloud) => string[]>> = {
  openstack: (fake) =>
    (fake as unknown as { servers(): Array<{ name: string }> }).servers().map((server) => server.name),
  digitalocean: (fake) =>
    (fake as unknown as { droplets(): Array<{ name: string }> }).droplets().map((droplet) => droplet.name),
  aws: (fake) =>
    (fake as unknown as { instances(): Array<{ tags: Array<{ key: string; value: string }> }> })
      .instances()
      .map((instance) => instance.tags.find((tag) => tag.key === MANAGED_TAG_KEYS.name)?.value ?? ''),
  // An instance's name is `<name>` or `<name>--<owner>`.
  gcp: (fake) =>
    (fake as unknown as { instances(): Array<{ name: string }> })
      .instances()
      .map((instance) => instance.name.split('--')[0] ?? ''),
  hetzner: (fake) =>
    (fake as unknown as { servers(): Array<{ labels: Record<string, string> }> })
      .servers()
      .map((server) => server.labels[MANAGED_TAG_KEYS.name] ?? ''),
  // A Linode's label is `<name>.<owner>`.
  linode: (fake) =>
    (fake as unknown as { linodes(): Array<{ label: string }> })
      .linodes()
      .map((linode) => linode.label.split('.')[0] ?? ''),
  vultr: (fake) =>
    (fake as unknown as { instances(): Array<{ label: string }> })
      .instances()
      .map((instance) => instance.label),
  // A Civo instance's hostname is `<name>.<owner>`.
  civo: (fake) =>
    (fake as unknown as { instances(): Array<{ hostname: string }> })
      .instances()
      .map((instance) => instance.hostname.split('.')[0] ?? ''),
  // An OVH instance's name starts `<name>.<owner>.<identity>`.
  ovh: (fake) =>
    (fake as unknown as { instances(): Array<{ name: string }> })
      .instances()
      .map((instance) => instance.name.split('.')[0] ?? ''),
  azure: (fake) =>
    (
      fake as unknown as {
        state: { virtualMachines(): Array<{ resource: { tags: Record<string, string> } }> };
      }
    ).state
      .virtualMachines()
      .map((vm) => vm.resource.tags[MANAGED_TAG_KEYS.name] ?? ''),
  scaleway: (fake) =>
    (fake as unknown as { servers(): Array<{ name: string }> }).servers().map((server) => server.name),
  // An Equinix Metal device's hostname is the name; one being deprovisioned is no longer a host.
  'equinix-metal': (fake) =>
    (fake as unknown as { devices(): Array<{ hostname: string; state: string }> })
      .devices()
      .filter((device) => device.state !== 'deprovisioning')
      .map((device) => device.hostname),
};

/**
 * Providers whose listing is paged by cursor (each page names the next, and nothing tells how to
 * ask a later page before it), so that its pages can only be read one after another: the floor of
 * their list is one round trip per page of its longest listing (listings of different paths, such
 * as Azure's VMs and public IPs, are read side by side), not two. The reason cites the API
 * reference. Clouds paged by number or offset with a total (DigitalOcean, Hetzner, Linode, Civo,
 * Scaleway, Equinix Metal) are not here: page 1 tells every other page, read at once.
 */
export const CURSOR_PAGED: Readonly<Record<string, string>> = {
  aws: 'EC2 `DescribeInstances` pages by `NextToken`, an opaque token each page gives for the next, at most 1000 a page (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html)',
  vultr:
    'Vultr pages by cursor: each answer names the next page in `meta.links.next` (https://www.vultr.com/api/, Meta and Pagination)',
  gcp: 'instances.aggregatedList pages by `pageToken`, the `nextPageToken` of the page before, at most 500 a page (https://cloud.google.com/compute/docs/reference/rest/v1/instances/aggregatedList)',
  openstack:
    'Nova pages by `marker`, the id of the last server of the page before, in `servers_links` (https://docs.openstack.org/api-guide/compute/paginated_collections.html)',
  azure:
    'ARM lists (`VirtualMachines_ListAll`, `PublicIPAddresses_ListAll`) page by `nextLink`, an opaque URL of the next page in each answer (https://learn.microsoft.com/rest/api/compute/virtual-machines/list-all)',
};

/** Host names in `fake`'s state, when the bench knows how to read them for `provider`. */
export function hostNamesIn(provider: string, fake: FakeCloud): string[] | undefined {
  return HOST_NAMES[provider]?.(fake);
}

/** An installed provider with its fake: what every section measures. */
export interface InstalledProvider {
  readonly id: string;
  readonly packageName: string;
  readonly version: string;
  readonly manifest: AnyPluginManifest;
  /** What the emulator serves (`./testing`'s `emulated`). */
  readonly emulated: EmulatedCloud;
  /**
   * A fake from the class `./testing` exports, with raised limits and an optional rate limit;
   * `undefined` when no such class is exported or it ignores the options.
   */
  tunedFake(options: { baseUrl: string; rateLimit?: RateLimitOptions }): FakeCloud | undefined;
  /**
   * `./testing`'s `seedHosts(fake, hosts)`, when it exports one: stores managed hosts in the fake
   * as provision() would have made them, with no request. Exported by the plugins whose
   * provision() reads the whole account (OVHcloud lists the project twice per host), for which
   * filling 5,000 hosts through provision() is quadratic.
   */
  readonly seedHosts?: SeedHosts;
}

/** Stores managed hosts `(name, owner)` in `fake` without a request (see `InstalledProvider`). */
export type SeedHosts = (
  fake: FakeCloud,
  hosts: ReadonlyArray<{ readonly name: string; readonly owner: string }>,
) => void;

/** A plugin package found but left out, and why. */
export interface SkippedProvider {
  readonly packageName: string;
  readonly reason: string;
}

// A FakeCloud subclass: its prototype chain reaches FakeCloud (by identity, or by name when the
// provider resolved another copy of the testkit).
function isFakeClass(value: unknown): value is new (options: Record<string, unknown>) => FakeCloud {
  if (typeof value !== 'function') return false;
  for (
    let proto = value.prototype;
    proto !== null && proto !== undefined;
    proto = Object.getPrototypeOf(proto)
  ) {
    if (proto === FakeCloud.prototype || proto.constructor?.name === 'FakeCloud') return true;
  }
  return false;
}

function tunedFactory(id: string, testing: Record<string, unknown>): InstalledProvider['tunedFake'] {
  const classes = Object.values(testing).filter(isFakeClass);
  return ({ baseUrl, rateLimit }) => {
    for (const FakeClass of classes) {
      let fake: FakeCloud;
      try {
        fake = new FakeClass({
          baseUrl,
          ...RAISED_LIMITS[id],
          ...(rateLimit === undefined ? {} : { rateLimit }),
        });
      } catch {
        continue;
      }
      if (fake.provider === id && fake.baseUrl === baseUrl.replace(/\/+$/, '')) return fake;
    }
    return undefined;
  };
}

function isEmulatedCloud(value: unknown): value is EmulatedCloud {
  const candidate = value as Partial<EmulatedCloud> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.create === 'function' &&
    typeof candidate.env === 'function'
  );
}

/**
 * Every provider plugin installed in the bench package (discovered as the CLI does, by the
 * `"provision"` field of its package.json), with its fake from `./testing`. Packages that do not
 * import (not built yet, say) or have no `./testing` fake are skipped with the reason.
 */
export async function findInstalledProviders(): Promise<{
  providers: InstalledProvider[];
  skipped: SkippedProvider[];
}> {
  const packages = findPluginPackages([BENCH_ROOT]);
  const loaded = await loadPlugins(packages);
  const skipped: SkippedProvider[] = loaded.failures.map((failure) => ({
    packageName: failure.package.packageName,
    reason: failure.reason.split('\n')[0] ?? failure.reason,
  }));
  const providers: InstalledProvider[] = [];
  for (const pkg of loaded.loaded) {
    const manifest = getPlugin(pkg.provider);
    if (manifest === undefined) continue;
    let testing: Record<string, unknown>;
    try {
      testing = (await import(`${pkg.packageName}/testing`)) as Record<string, unknown>;
    } catch (error) {
      skipped.push({
        packageName: pkg.packageName,
        reason: `its ./testing subpath could not be imported: ${(error as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    if (!isEmulatedCloud(testing.emulated)) {
      skipped.push({ packageName: pkg.packageName, reason: 'its ./testing subpath exports no `emulated`' });
      continue;
    }
    providers.push({
      id: pkg.provider,
      packageName: pkg.packageName,
      version: pkg.version,
      manifest,
      emulated: testing.emulated,
      tunedFake: tunedFactory(pkg.provider, testing),
      ...(typeof testing.seedHosts === 'function' ? { seedHosts: testing.seedHosts as SeedHosts } : {}),
    });
  }
  return { providers, skipped };
}

/**
 * The installed providers a run measures: all of them, or those `wanted` names (`--providers`),
 * in discovery order, and the ids of the installed ones left out.
 * @throws Error naming the installed ids when `wanted` names one that is not installed (or was
 * skipped, with the reason).
 */
export function selectProviders(
  found: { readonly providers: readonly InstalledProvider[]; readonly skipped: readonly SkippedProvider[] },
  wanted: ReadonlySet<string> | undefined,
): { providers: InstalledProvider[]; leftOut: string[] } {
  if (wanted === undefined) return { providers: [...found.providers], leftOut: [] };
  const ids = new Set(found.providers.map((provider) => provider.id));
  const unknown = [...wanted].filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    const skipped = found.skipped.map((item) => `${item.packageName} (${item.reason})`);
    throw new Error(
      `--providers: ${unknown.join(', ')} not installed in the bench package; installed: ${[...ids].join(', ') || 'none'}${
        skipped.length > 0 ? `; skipped: ${skipped.join('; ')}` : ''
      }.`,
    );
  }
  return {
    providers: found.providers.filter((provider) => wanted.has(provider.id)),
    leftOut: found.providers.filter((provider) => !wanted.has(provider.id)).map((provider) => provider.id),
  };
}

/**
 * A provisioner for `provider` pointed at the fake or emulator at `baseUrl`, with the credential
 * the fake accepts (from `emulated.env`) and the plugin's default settings otherwise (retries
 * included): the figures are what a user gets.
 */
export function provisionerFor(provider: InstalledProvider, baseUrl: string): ProvisionerV1 {
  return provisionerWithEnv(provider, provider.emulated.env(baseUrl));
}

/** A provisioner for `provider` reading its endpoint and credential from `env` (the emulator's). */
export function provisionerWithEnv(
  provider: InstalledProvider,
  environment: Readonly<Record<string, string>>,
): ProvisionerV1 {
  return createProvisioner(provider.manifest, undefined, { env: { ...environment } });
}

/** A base URL on loopback for an msw-intercepted fake: were interception to fail, nothing leaves the machine. */
export function interceptedBaseUrl(provider: string): string {
  return `http://127.0.0.1:65535/${provider}`;
}
