import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_OS, FAKE_PLANS, FAKE_REGIONS } from './vultr-fake-catalog.js';
import type { VultrFakeGroup, VultrFakeInstance } from './vultr-fake-records.js';
import { fakeUuid, jsonResponse, noContent, paginate, vultrDate } from './vultr-fake-wire.js';

/** What the instance routes share with the fake. */
export interface InstanceContext {
  readonly instances: ResourceStore<VultrFakeInstance>;
  readonly groups: ResourceStore<VultrFakeGroup>;
  readonly lifecycle: { read(key: string): boolean };
  readonly now: () => Date;
  readonly instanceLimit: () => number;
  readonly maxPerPage: () => number | undefined;
  nextInstanceId(): string;
  nextAddressIndex(): number;
  fail(status: number, message: string): never;
  hasCapacity(region: string, plan: string): boolean;
  takeAsyncFailure(): string | undefined;
}

/** The answer's `instance` object (the description's `instance` schema). */
export function instanceObject(instance: VultrFakeInstance) {
  const active = instance.status === 'active' || instance.status === 'suspended';
  const index = instance.addressIndex;
  const hasAddress = active && instance.addressing === 'public';
  const mainIp = hasAddress
    ? `192.0.2.${(index % 250) + 1}`
    : instance.addressing === 'private-only' && active
      ? '10.1.96.3'
      : '0.0.0.0';
  const v6 = hasAddress && instance.enableIpv6 ? `2001:db8:${index.toString(16)}::1` : '';
  const os = FAKE_OS.find((entry) => entry.id === instance.osId);
  const plan = FAKE_PLANS.find((entry) => entry.id === instance.plan);
  return {
    id: instance.id,
    os: os?.name ?? '',
    ram: plan?.ram ?? 0,
    disk: plan?.disk ?? 0,
    main_ip: mainIp,
    vcpu_count: plan?.vcpu_count ?? 0,
    region: instance.region,
    plan: instance.plan,
    date_created: instance.dateCreated,
    status: instance.status,
    allowed_bandwidth: plan?.bandwidth ?? 0,
    netmask_v4: hasAddress ? '255.255.254.0' : '',
    gateway_v4: hasAddress ? '192.0.2.254' : '0.0.0.0',
    power_status: instance.powerStatus,
    server_status: instance.status === 'active' ? 'ok' : instance.status === 'pending' ? 'none' : 'locked',
    v6_network: v6 === '' ? '' : `2001:db8:${index.toString(16)}::`,
    v6_main_ip: v6,
    v6_network_size: v6 === '' ? 0 : 64,
    v6_networks:
      v6 === '' ? [] : [{ network: `2001:db8:${index.toString(16)}::`, main_ip: v6, network_size: 64 }],
    label: instance.label,
    internal_ip: '',
    kvm: '',
    hostname: instance.hostname,
    tag: instance.tags[0] ?? '',
    tags: [...instance.tags],
    os_id: instance.osId,
    app_id: 0,
    image_id: '',
    firewall_group_id: instance.firewallGroupId,
    features: instance.enableIpv6 ? ['ipv6'] : [],
  };
}

/** Counts a read: a pending instance turns active (or, when doomed, suspended) on its last one. */
function observe(context: InstanceContext, instance: VultrFakeInstance): void {
  if (instance.status !== 'pending' || !context.lifecycle.read(instance.id)) return;
  instance.status = instance.failure === undefined ? 'active' : 'suspended';
  if (instance.status === 'suspended') instance.powerStatus = 'stopped';
  instance.addressIndex = context.nextAddressIndex();
}

interface CreateBody {
  region?: unknown;
  plan?: unknown;
  os_id?: unknown;
  label?: unknown;
  hostname?: unknown;
  tags?: unknown;
  tag?: unknown;
  user_data?: unknown;
  firewall_group_id?: unknown;
  enable_ipv6?: unknown;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `POST /v2/instances` (create-instance): 202 with the pending instance. */
export async function createInstance(context: InstanceContext, route: RouteContext): Promise<Response> {
  const body = await route.json<CreateBody>();
  if (typeof body !== 'object' || body === null) context.fail(400, 'Invalid request body.');
  const { region, plan } = body;
  if (typeof region !== 'string' || !FAKE_REGIONS.some((entry) => entry.id === region))
    context.fail(400, 'Invalid region.');
  if (typeof plan !== 'string' || !FAKE_PLANS.some((entry) => entry.id === plan))
    context.fail(400, 'Invalid plan chosen.');
  // The description types `os_id` as an integer; a decimal string such as `"2284"` (what Libcloud's
  // driver sends) is read as that number, as form-style APIs do.
  const osId = typeof body.os_id === 'string' && /^\d+$/.test(body.os_id) ? Number(body.os_id) : body.os_id;
  if (typeof osId !== 'number' || !FAKE_OS.some((entry) => entry.id === osId))
    context.fail(400, 'Invalid operating system.');
  const offered = FAKE_PLANS.find((entry) => entry.id === plan)?.locations ?? [];
  if (!offered.includes(region) || !context.hasCapacity(region, plan))
    context.fail(400, 'Plan is not available in the selected region.');
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
    context.fail(400, 'Invalid tags.');
  if (body.user_data !== undefined && (typeof body.user_data !== 'string' || !BASE64.test(body.user_data)))
    context.fail(400, 'user_data must be base64 encoded.');
  const groupId = body.firewall_group_id ?? '';
  if (typeof groupId !== 'string' || (groupId !== '' && !context.groups.has(groupId)))
    context.fail(400, 'Invalid firewall group.');
  if (context.instances.size >= context.instanceLimit())
    context.fail(
      400,
      'Server add failed: You have reached the maximum number of instances for this account.',
    );
  const label = typeof body.label === 'string' ? body.label : '';
  const instance = context.instances.set({
    id: context.nextInstanceId(),
    label,
    hostname: typeof body.hostname === 'string' ? body.hostname : label,
    region,
    plan,
    osId: osId as number,
    tags: [...(tags as string[])],
    userData: body.user_data as string | undefined,
    firewallGroupId: groupId,
    enableIpv6: body.enable_ipv6 === true,
    dateCreated: vultrDate(context.now()),
    status: 'pending',
    powerStatus: 'running',
    addressIndex: 0,
    failure: context.takeAsyncFailure(),
    addressing: 'public',
  });
  // `default_password` only in the create answer, as the description says.
  return jsonResponse(
    { instance: { ...instanceObject(instance), default_password: 'fake-password-0' } },
    202,
  );
}

/** `GET /v2/instances` (list-instances): filters `tag`, `label`, `main_ip`, `region`; cursor pages. */
export function listInstances(context: InstanceContext, route: RouteContext): Response {
  const query = route.url.searchParams;
  const matching = context.instances.values().filter((instance) => {
    observe(context, instance);
    const object = instanceObject(instance);
    if (query.has('tag') && !instance.tags.includes(query.get('tag') as string)) return false;
    if (query.has('label') && instance.label !== query.get('label')) return false;
    if (query.has('main_ip') && object.main_ip !== query.get('main_ip')) return false;
    return !query.has('region') || instance.region === query.get('region');
  });
  const page = paginate(matching, route.url, context.maxPerPage());
  if (page === undefined) context.fail(400, 'Invalid cursor.');
  return jsonResponse({ instances: page.items.map(instanceObject), meta: page.meta });
}

function instanceOf(context: InstanceContext, route: RouteContext): VultrFakeInstance {
  const instance = context.instances.get(route.params['instance-id'] ?? '');
  if (instance === undefined) context.fail(404, 'Instance not found.');
  return instance;
}

/** `GET /v2/instances/{instance-id}` (get-instance). */
export function getInstance(context: InstanceContext, route: RouteContext): Response {
  const instance = instanceOf(context, route);
  observe(context, instance);
  return jsonResponse({ instance: instanceObject(instance) });
}

/** `DELETE /v2/instances/{instance-id}` (delete-instance): 204, gone at once, its group freed. */
export function deleteInstance(context: InstanceContext, route: RouteContext): Response {
  context.instances.delete(instanceOf(context, route).id);
  return noContent();
}

/** `POST /v2/instances/{instance-id}/start|halt|reboot`: 204; the power state changes at once. */
export function powerAction(action: 'start' | 'halt' | 'reboot') {
  return (context: InstanceContext, route: RouteContext): Response => {
    const instance = instanceOf(context, route);
    if (instance.status === 'active') instance.powerStatus = action === 'halt' ? 'stopped' : 'running';
    return noContent();
  };
}

/** A deterministic instance id. */
export function instanceId(counter: number): string {
  return fakeUuid('cb676a46', counter);
}
