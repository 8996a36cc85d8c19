import { type CallOptions, InvalidRequestError, UnsupportedError } from '@provision/core';
import type { HttpClient } from '@provision/provider-utils';
import {
  type Flavor,
  flavorPage,
  type Image,
  imagePage,
  type Network,
  networkPage,
} from './openstack-api.js';

/** The plan a spec asks for when it names none: the smallest flavor that fits (see `chooseFlavor`). */
export const SMALLEST_PLAN = 'smallest';

/** What `smallest` must meet; the host options `minCpus`, `minMemoryMiB`, `flavorPattern`. */
export interface FlavorNeeds {
  readonly minCpus?: number | undefined;
  readonly minMemoryMiB?: number | undefined;
  /** A regular expression the flavor's name must match (wr's `CheapestServerFlavor` name filter). */
  readonly flavorPattern?: string | undefined;
}

/** Memory below which Ubuntu's cloud image boots badly; the default floor of `smallest`. */
const DEFAULT_MIN_MEMORY_MIB = 1024;

/** Every flavor the project may use (public and shared with it). One request. */
export async function listFlavors(
  compute: HttpClient,
  operation: 'provision' | 'plans',
  options?: CallOptions,
): Promise<Flavor[]> {
  const { data } = await compute.request({
    method: 'GET',
    path: '/flavors/detail',
    query: { is_public: 'None' },
    operation,
    schema: flavorPage,
    signal: options?.signal,
  });
  return data.flavors.filter((flavor) => flavor['OS-FLV-DISABLED:disabled'] !== true);
}

/**
 * The flavor for `plan`: by name or id; or, for `smallest`, the one with the fewest vCPUs, then
 * the least memory, then the smallest disk, that meets `needs` and the image's `min_disk` and
 * `min_ram`. OpenStack has no price API: the smallest flavor stands in for the cheapest.
 * Flavors without a root disk (`disk: 0`) are left out: they need a volume to boot from.
 * @throws InvalidRequestError when no flavor fits, naming the flavors there are.
 */
export function chooseFlavor(
  flavors: readonly Flavor[],
  plan: string,
  needs: FlavorNeeds,
  image: Image,
): Flavor {
  if (plan !== SMALLEST_PLAN) {
    const named =
      flavors.find((flavor) => flavor.name === plan) ?? flavors.find((flavor) => flavor.id === plan);
    if (named !== undefined) return named;
    throw new InvalidRequestError(
      `This OpenStack project has no flavor "${plan}" (it has ${flavors.map((flavor) => flavor.name).join(', ') || 'none'}).`,
      { provider: 'openstack', operation: 'provision', field: 'plan' },
    );
  }
  const pattern = needs.flavorPattern === undefined ? undefined : new RegExp(needs.flavorPattern);
  const minMemory = Math.max(needs.minMemoryMiB ?? DEFAULT_MIN_MEMORY_MIB, image.min_ram ?? 0);
  const fitting = flavors
    .filter(
      (flavor) =>
        flavor.vcpus >= (needs.minCpus ?? 1) &&
        flavor.ram >= minMemory &&
        flavor.disk > 0 &&
        flavor.disk >= (image.min_disk ?? 0) &&
        (pattern === undefined || pattern.test(flavor.name)),
    )
    .sort(
      (a, b) =>
        a.vcpus - b.vcpus ||
        a.ram - b.ram ||
        a.disk - b.disk ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
  const smallest = fitting[0];
  if (smallest !== undefined) return smallest;
  throw new InvalidRequestError(
    `No flavor of this OpenStack project has at least ${needs.minCpus ?? 1} vCPUs, ${minMemory} MiB of memory and a root disk of ${image.min_disk ?? 1} GB${pattern === undefined ? '' : ` with a name matching ${pattern}`}.`,
    { provider: 'openstack', operation: 'provision', field: 'plan' },
  );
}

/** The newest Ubuntu LTS version among `versions` ("24.04" beats "22.04"; "25.04" is not LTS). */
function isLts(version: string | null | undefined): boolean {
  const match = /^(\d{2})\.04$/.exec(version ?? '');
  return match !== null && Number(match[1]) % 2 === 0;
}

/**
 * The image for an OS id's catalog entry `<os_distro>/<os_version>` (`ubuntu/lts`: the newest LTS
 * version there is), found by Glance's standard properties among the public (operator-published)
 * active images, never by name; the newest upload wins. One request.
 * https://docs.openstack.org/glance/latest/admin/useful-image-properties.html
 */
export async function findImage(image: HttpClient, entry: string, options?: CallOptions): Promise<Image> {
  const [distro = '', version = ''] = entry.split('/');
  const { data } = await image.request({
    method: 'GET',
    path: '/images',
    query: {
      os_distro: distro,
      ...(version === 'lts' ? {} : { os_version: version }),
      status: 'active',
      visibility: 'public',
      sort: 'created_at:desc',
      limit: 100,
    },
    operation: 'provision',
    schema: imagePage,
    signal: options?.signal,
  });
  const candidates =
    version === 'lts'
      ? data.images
          .filter((candidate) => isLts(candidate.os_version))
          .sort((a, b) => Number(b.os_version) - Number(a.os_version))
      : data.images.filter((candidate) => candidate.os_version === version && candidate.os_distro === distro);
  const found = candidates[0];
  if (found !== undefined) return found;
  throw new UnsupportedError(
    `This OpenStack cloud has no public active image with os_distro=${distro}${version === 'lts' ? ' and an LTS os_version' : ` and os_version=${version}`}.`,
    {
      provider: 'openstack',
      operation: 'provision',
      hint: 'Ask the operator to set os_distro and os_version on the image (`openstack image list --property os_distro=ubuntu`), or choose another os.',
    },
  );
}

/** Where a server goes: its network, and the external network its floating IP comes from (none when it is on one). */
export interface Placement {
  readonly network: Network;
  readonly floatingNetwork: Network | undefined;
}

const isExternal = (network: Network) => network['router:external'] === true;

function byNameOrId(networks: readonly Network[], wanted: string, setting: string): Network {
  const found = networks.filter((network) => network.id === wanted || network.name === wanted);
  if (found.length === 1) return found[0] as Network;
  throw new InvalidRequestError(
    found.length === 0
      ? `No OpenStack network "${wanted}" is visible to this project (the "${setting}" setting).`
      : `${found.length} OpenStack networks are named "${wanted}"; give the "${setting}" setting its id.`,
    { provider: 'openstack', operation: 'provision', field: setting },
  );
}

/**
 * The network of new servers: the `network` setting; else the project's own network when it has
 * one, else the only shared one; else the only external network (a provider network with public
 * addresses). A server on an internal network gets a floating IP from the `floatingNetwork`
 * setting's network, or the only external one. One request for every network visible.
 * @throws InvalidRequestError when the choice is ambiguous, naming the networks.
 */
export async function choosePlacement(
  network: HttpClient,
  wanted: { network?: string | undefined; floatingNetwork?: string | undefined; projectId: string },
  options?: CallOptions,
): Promise<Placement> {
  const { data } = await network.request({
    method: 'GET',
    path: '/networks',
    operation: 'provision',
    schema: networkPage,
    signal: options?.signal,
  });
  const networks = data.networks.filter((candidate) => (candidate.status ?? 'ACTIVE') === 'ACTIVE');
  const chosen =
    wanted.network === undefined
      ? defaultNetwork(networks, wanted.projectId)
      : byNameOrId(networks, wanted.network, 'network');
  if (isExternal(chosen)) return { network: chosen, floatingNetwork: undefined };
  if (wanted.floatingNetwork !== undefined)
    return {
      network: chosen,
      floatingNetwork: byNameOrId(networks, wanted.floatingNetwork, 'floatingNetwork'),
    };
  const external = networks.filter(isExternal);
  if (external.length === 1) return { network: chosen, floatingNetwork: external[0] };
  throw new InvalidRequestError(
    external.length === 0
      ? `The network "${chosen.name ?? chosen.id}" is internal and no external network is visible for a floating IP.`
      : `Several external networks could give a floating IP (${external.map((item) => item.name ?? item.id).join(', ')}); choose one with the "floatingNetwork" setting.`,
    { provider: 'openstack', operation: 'provision', field: 'floatingNetwork' },
  );
}

function defaultNetwork(networks: readonly Network[], projectId: string): Network {
  const internal = networks.filter((candidate) => !isExternal(candidate));
  const own = internal.filter((candidate) => candidate.project_id === projectId);
  const shared = internal.filter((candidate) => candidate.shared === true);
  const external = networks.filter(isExternal);
  for (const group of [own, shared, external]) {
    if (group.length === 1) return group[0] as Network;
    if (group.length > 1)
      throw new InvalidRequestError(
        `This OpenStack project sees several networks a server could join (${group.map((item) => item.name ?? item.id).join(', ')}); choose one with the "network" setting.`,
        { provider: 'openstack', operation: 'provision', field: 'network' },
      );
  }
  throw new UnsupportedError('No OpenStack network is visible to this project.', {
    provider: 'openstack',
    operation: 'provision',
    hint: 'Create a network and a router to an external network, or ask the operator for one.',
  });
}
