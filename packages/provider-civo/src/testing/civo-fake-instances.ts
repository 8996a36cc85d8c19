import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import { defaultNetworkId, FAKE_REGIONS, FAKE_SIZES, fakeDiskImages } from './civo-fake-catalog.js';
import type { CivoFakeFirewall, CivoFakeInstance } from './civo-fake-records.js';
import { jsonResponse, paginate, paramsOf } from './civo-fake-wire.js';

/** What the instance routes share with the fake. */
export interface InstanceContext {
  readonly instances: ResourceStore<CivoFakeInstance>;
  readonly firewalls: ResourceStore<CivoFakeFirewall>;
  readonly lifecycle: { read(key: string): boolean };
  readonly now: () => Date;
  readonly instanceLimit: () => number;
  /** Reads a deleted instance answers `DELETING` before it is gone (0: gone at once). */
  readonly destroyAfterReads: number;
  readonly maxPerPage: () => number | undefined;
  nextInstanceId(): string;
  nextAddressIndex(): number;
  fail(status: number, code: string, reason: string): never;
  hasCapacity(region: string, plan: string): boolean;
  takeAsyncFailure(): string | undefined;
}

/** The firewall every region's default network has (open to all); not a resource of the account's. */
export function defaultFirewallId(region: string): string {
  const index = FAKE_REGIONS.findIndex((entry) => entry.code === region);
  return `e9bcefa3-f942-43a3-98f5-${(0x354608f0d500 + index).toString(16)}`;
}

/** The region a request names (`region` in the query or body), checked; the first region when absent. */
export function regionOf(context: Pick<InstanceContext, 'fail'>, params: Record<string, unknown>): string {
  const region =
    typeof params.region === 'string' && params.region !== '' ? params.region.toUpperCase() : 'LON1';
  if (!FAKE_REGIONS.some((entry) => entry.code === region))
    context.fail(400, 'region_unavailable', `The region ${String(params.region)} is unavailable`);
  return region;
}

/** The answer's instance object (the reference's fields; `script` base64 as Civo echoes it). */
export function instanceObject(instance: CivoFakeInstance) {
  const active = instance.status === 'ACTIVE' || instance.status === 'SHUTOFF';
  const index = instance.addressIndex;
  const publicIp =
    active && instance.addressing === 'public' && instance.publicIp === 'create'
      ? `192.0.2.${(index % 250) + 1}`
      : null;
  const size = FAKE_SIZES.find((entry) => entry.name === instance.size);
  return {
    id: instance.id,
    openstack_server_id: instance.id.replace(/^.{8}/, '0b1c2d3e'),
    hostname: instance.hostname,
    reverse_dns: '',
    size: instance.size,
    region: instance.region,
    network_id: instance.networkId,
    private_ip: active && instance.addressing !== 'none' ? `192.168.1.${(index % 250) + 2}` : null,
    public_ip: publicIp,
    ipv6: null,
    pseudo_ip: null,
    source_type: 'diskimage',
    source_id: instance.sourceId,
    initial_user: 'civo',
    initial_password: 'fake-password-0',
    ssh_key: '',
    ssh_key_id: '',
    status: instance.status,
    notes: '',
    firewall_id: instance.firewallId,
    tags: [...instance.tags],
    civostatsd_token: '12fa5f73-9cca-4d9f-aca8-b7733a422a6b',
    script: instance.script === undefined ? '' : Buffer.from(instance.script, 'utf8').toString('base64'),
    cpu_cores: size?.cpu_cores ?? 0,
    ram_mb: size?.ram_mb ?? 0,
    disk_gb: size?.disk_gb ?? 0,
    created_at: instance.createdAt,
  };
}

/** Counts a read: a building instance turns active (or, when doomed, ERROR) on its last one. */
function observe(context: InstanceContext, instance: CivoFakeInstance): void {
  if (instance.status !== 'BUILDING' || !context.lifecycle.read(instance.id)) return;
  instance.status = instance.failure === undefined ? 'ACTIVE' : 'ERROR';
  instance.addressIndex = context.nextAddressIndex();
}

/** Counts a request on a `DELETING` instance: `true` once it is gone (then removed). */
function gone(context: InstanceContext, instance: CivoFakeInstance): boolean {
  if (instance.status !== 'DELETING') return false;
  if (instance.deleteReadsLeft > 0) {
    instance.deleteReadsLeft -= 1;
    return false;
  }
  context.instances.delete(instance.id);
  return true;
}

function tagsOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/\s+/).filter((tag) => tag !== '');
  if (Array.isArray(value) && value.every((tag) => typeof tag === 'string')) return [...value];
  return undefined;
}

/** `POST /v2/instances`: 200 with the instance, `BUILDING`. Hostnames are unique per account. */
export async function createInstance(context: InstanceContext, route: RouteContext): Promise<Response> {
  const params = await paramsOf(route.request, route.url).catch(() =>
    context.fail(400, 'parameter_invalid', 'The request body could not be read'),
  );
  const region = regionOf(context, params);
  const { hostname, size, template_id: templateId } = params;
  // The reference's table marks network_id required, yet its own example omits it (and its older
  // text said the default network is used then): the fake takes the default network.
  const networkId = params.network_id ?? defaultNetworkId(region);
  if (typeof hostname !== 'string' || hostname === '' || hostname.length > 63)
    context.fail(400, 'parameter_hostname_invalid', 'The hostname supplied was empty or too long');
  const sized = FAKE_SIZES.find((entry) => entry.name === size && entry.type === 'Instance');
  if (sized === undefined)
    context.fail(400, 'database_size_not_found', 'Failed to find the size within the internal database');
  if (networkId !== defaultNetworkId(region))
    context.fail(
      400,
      'database_network_not_found',
      'Failed to find the network within the internal database',
    );
  const image = fakeDiskImages(region).find((entry) => entry.id === templateId);
  if (image === undefined)
    context.fail(
      400,
      'database_disk_image_not_found',
      'Failed to find the disk image within the internal database',
    );
  const tags = tagsOf(params.tags);
  if (tags === undefined) context.fail(400, 'parameter_tags_invalid', 'The tags supplied were invalid');
  const firewallId =
    typeof params.firewall_id === 'string' && params.firewall_id !== '' ? params.firewall_id : undefined;
  const firewall = firewallId === undefined ? undefined : context.firewalls.get(firewallId);
  if (firewallId !== undefined && (firewall === undefined || firewall.region !== region))
    context.fail(
      404,
      'database_firewall_not_found',
      'Failed to find the firewall within the internal database',
    );
  if (firewall !== undefined && firewall.networkId !== networkId)
    context.fail(400, 'database_firewall_mismatch', 'The firewall does not exist in the network');
  if (params.script !== undefined && typeof params.script !== 'string')
    context.fail(400, 'parameter_script_invalid', 'The script supplied was invalid');
  const publicIp = String(params.public_ip ?? 'create');
  if (!['create', 'none', 'true', 'false'].includes(publicIp))
    context.fail(400, 'parameter_public_ip_invalid', 'public_ip must be none or create');
  if (!context.hasCapacity(region, sized.name))
    context.fail(400, 'region_unavailable', `The size ${sized.name} is unavailable in ${region}`);
  if (context.instances.values().some((instance) => instance.hostname === hostname))
    context.fail(409, 'database_instance_duplicate_name', 'An instance with this hostname already exists');
  if (context.instances.size >= context.instanceLimit())
    context.fail(403, 'quota_limit_reached', 'The quota limit for instances has been reached');
  const instance = context.instances.set({
    id: context.nextInstanceId(),
    hostname,
    region,
    size: sized.name,
    networkId: networkId as string,
    firewallId: firewall?.id ?? defaultFirewallId(region),
    sourceId: image.name,
    templateId: image.id,
    tags,
    script: params.script as string | undefined,
    publicIp: publicIp === 'none' || publicIp === 'false' ? 'none' : 'create',
    createdAt: context.now().toISOString(),
    status: 'BUILDING',
    deleteReadsLeft: 0,
    addressIndex: 0,
    failure: context.takeAsyncFailure(),
    addressing: 'public',
  });
  return jsonResponse(instanceObject(instance));
}

/** `GET /v2/instances`: one region's, filtered by `tags` (space-separated, all must match); paged. */
export function listInstances(context: InstanceContext, route: RouteContext): Response {
  const region = regionOf(context, Object.fromEntries(route.url.searchParams));
  const wanted = tagsOf(route.url.searchParams.get('tags') ?? '') ?? [];
  const matching = context.instances.values().filter((instance) => {
    if (instance.region !== region || gone(context, instance)) return false;
    observe(context, instance);
    return wanted.every((tag) => instance.tags.includes(tag));
  });
  const page = paginate(matching, route.url, context.maxPerPage());
  return jsonResponse({ ...page, items: page.items.map(instanceObject) });
}

/** The instance of the path's id in the request's region; 404 otherwise. */
export function instanceOf(
  context: InstanceContext,
  route: RouteContext,
  params: Record<string, unknown>,
): CivoFakeInstance {
  const region = regionOf(context, params);
  const instance = context.instances.get(route.params.id ?? '');
  if (instance === undefined || instance.region !== region || gone(context, instance))
    context.fail(
      404,
      'database_instance_not_found',
      'Failed to find the instance within the internal database',
    );
  return instance;
}

/** `GET /v2/instances/:id?region=`. */
export function getInstance(context: InstanceContext, route: RouteContext): Response {
  const instance = instanceOf(context, route, Object.fromEntries(route.url.searchParams));
  observe(context, instance);
  return jsonResponse(instanceObject(instance));
}

/**
 * `DELETE /v2/instances/:id?region=`: 200 `{ result: "success" }`. The instance reads `DELETING`
 * (a status of the reference's enum) for `destroyAfterReads` reads, keeping its hostname, then is
 * gone; with 0 it is gone at once.
 */
export function deleteInstance(context: InstanceContext, route: RouteContext): Response {
  const instance = instanceOf(context, route, Object.fromEntries(route.url.searchParams));
  if (context.destroyAfterReads === 0) context.instances.delete(instance.id);
  else if (instance.status !== 'DELETING') {
    instance.status = 'DELETING';
    instance.deleteReadsLeft = context.destroyAfterReads;
  }
  return jsonResponse({ result: 'success' });
}

/** `PUT .../start`, `PUT .../stop`, `POST .../reboots` (and hard/soft): the power state changes at once. */
export function powerAction(action: 'start' | 'stop' | 'reboot') {
  return async (context: InstanceContext, route: RouteContext): Promise<Response> => {
    const params = await paramsOf(route.request, route.url).catch(() => ({}));
    const instance = instanceOf(context, route, params);
    if (instance.status === 'ACTIVE' && action === 'stop') instance.status = 'SHUTOFF';
    else if (instance.status === 'SHUTOFF' && action !== 'stop') instance.status = 'ACTIVE';
    return jsonResponse({ result: 'success' });
  };
}
