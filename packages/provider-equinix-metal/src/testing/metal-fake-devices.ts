import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import {
  FAKE_METROS,
  FAKE_OPERATING_SYSTEMS,
  FAKE_PLANS,
  FAKE_PROJECT,
  FAKE_PROJECT_ID,
  metroOf,
} from './metal-fake-catalog.js';
import { bodyOf, jsonResponse, paginate, resourceShaper } from './metal-fake-wire.js';

/** A device as the fake keeps it. */
export interface MetalFakeDevice {
  id: string;
  hostname: string;
  metro: string;
  plan: string;
  operatingSystem: string;
  tags: string[];
  /** The user-data exactly as sent (`userdata`). */
  userdata: string | undefined;
  billingCycle: string;
  createdAt: string;
  state:
    | 'queued'
    | 'provisioning'
    | 'active'
    | 'powering_off'
    | 'inactive'
    | 'powering_on'
    | 'failed'
    | 'deprovisioning';
  /** Index for its addresses, assigned when it turns active. */
  addressIndex: number;
  /** Fails instead of turning active (see `failNextCreation`), with this sentence in its events. */
  failure: string | undefined;
  /** Which addresses it shows once active (see `setAddressing`). */
  addressing: 'public' | 'none' | 'private-only';
}

/** What the device handlers need of the fake. */
export interface DeviceContext {
  readonly devices: ResourceStore<MetalFakeDevice>;
  readonly lifecycle: { read(key: string): boolean };
  readonly now: () => Date;
  readonly deviceLimit: () => number;
  readonly maxPerPage: () => number | undefined;
  /** Called when a DELETE arrives: deprovisioning starts (see `MetalFake`). */
  readonly startDeprovisioning: (device: MetalFakeDevice) => void;
  readonly nextDeviceId: () => string;
  readonly nextAddressIndex: () => number;
  readonly fail: (status: number, message: string) => never;
  readonly hasCapacity: (metro: string, plan: string) => boolean;
  readonly takeAsyncFailure: () => string | undefined;
}

function addressesOf(device: MetalFakeDevice) {
  const shown = ['active', 'powering_off', 'inactive', 'powering_on'].includes(device.state);
  if (!shown || device.addressing === 'none') return [];
  const n = device.addressIndex;
  const assignment = (family: 4 | 6, isPublic: boolean, address: string, cidr: number) => ({
    id: `a11d${family}${isPublic ? 1 : 0}00-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    address_family: family,
    public: isPublic,
    address,
    cidr,
    management: true,
    manageable: true,
    enabled: true,
    global_ip: false,
    href: `/metal/v1/ips/a11d${family}${isPublic ? 1 : 0}00-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    assigned_to: { href: `/metal/v1/devices/${device.id}` },
    created_at: device.createdAt,
  });
  const privateIp = assignment(4, false, `10.70.${(n >> 8) & 255}.${n & 255}`, 31);
  if (device.addressing === 'private-only') return [privateIp];
  return [
    assignment(4, true, `145.40.${(n >> 8) & 255}.${(n * 2) & 255}`, 31),
    assignment(6, true, `2604:1380:4641:${n.toString(16)}::1`, 127),
    privateIp,
  ];
}

/** The device as `GET /devices/{id}` answers it. */
export function deviceObject(device: MetalFakeDevice) {
  const plan = FAKE_PLANS.find((entry) => entry.slug === device.plan);
  const os = FAKE_OPERATING_SYSTEMS.find((entry) => entry.slug === device.operatingSystem);
  return {
    id: device.id,
    short_id: device.id.slice(0, 8),
    href: `/metal/v1/devices/${device.id}`,
    hostname: device.hostname,
    state: device.state,
    tags: [...device.tags],
    billing_cycle: device.billingCycle,
    created_at: device.createdAt,
    updated_at: device.createdAt,
    locked: false,
    always_pxe: false,
    spot_instance: false,
    network_frozen: false,
    customdata: {},
    userdata: device.userdata ?? '',
    metro: metroOf(device.metro),
    // Whole objects, as the API embeds them (`include` only expands further links).
    plan,
    operating_system: os,
    project_lite: { href: `/metal/v1/projects/${FAKE_PROJECT_ID}` },
    ip_addresses: addressesOf(device),
    provisioning_percentage: device.state === 'active' ? 100 : 0,
    provisioning_events:
      device.state === 'failed'
        ? [
            {
              id: device.id.replace(/^.{8}/, 'e7e7e7e7'),
              type: 'provisioning.failed',
              body: device.failure ?? '',
              interpolated: device.failure ?? '',
              state: 'failed',
              created_at: device.createdAt,
            },
          ]
        : [],
  };
}

/** The resource at `href` that `include` expands to: the project, a metro or a device; else undefined. */
function resourceAt(context: DeviceContext, href: string): unknown {
  const [, kind, id] = /^\/metal\/v1\/(projects|locations\/metros|devices)\/([^/]+)$/.exec(href) ?? [];
  if (kind === 'projects') return id === FAKE_PROJECT_ID ? FAKE_PROJECT : undefined;
  if (kind === 'locations/metros') return FAKE_METROS.find((metro) => metro.id === id);
  const device = kind === 'devices' ? context.devices.get(id ?? '') : undefined;
  return device === undefined ? undefined : deviceObject(device);
}

/** What answers a device to `url`: `deviceObject` shaped by the request's `include` and `exclude`. */
function deviceAnswer(context: DeviceContext, url: URL) {
  const shape = resourceShaper(url, (href) => resourceAt(context, href));
  return (device: MetalFakeDevice) => shape(deviceObject(device));
}

/**
 * Counts a read. A new device is `queued`, then `provisioning`, then `active` (or `failed`) on
 * its `readsUntilActive`-th read; a power change settles on the next read. (A deleted device's
 * `deprovisioning` runs on the fake's clock of requests: see `MetalFake`.)
 */
export function observe(context: DeviceContext, device: MetalFakeDevice): void {
  if (device.state === 'queued' || device.state === 'provisioning') {
    if (!context.lifecycle.read(device.id)) {
      device.state = 'provisioning';
      return;
    }
    device.state = device.failure === undefined ? 'active' : 'failed';
    device.addressIndex = context.nextAddressIndex();
  } else if (device.state === 'powering_off') device.state = 'inactive';
  else if (device.state === 'powering_on') device.state = 'active';
}

function projectOf(context: DeviceContext, route: RouteContext): void {
  if (route.params.id !== FAKE_PROJECT_ID) context.fail(404, 'Not found');
}

/** `POST /projects/{id}/devices`: 201 with the device, `queued`. Hostnames need not be unique. */
export async function createDevice(context: DeviceContext, route: RouteContext): Promise<Response> {
  projectOf(context, route);
  const body = await bodyOf(route.request).catch(() =>
    context.fail(422, 'The request body is not valid JSON'),
  );
  const { hostname, plan, operating_system: os, userdata, billing_cycle: billing } = body;
  // DeviceCreateInMetroInput names a metro; DeviceCreateInFacilityInput (deprecated) a facility
  // such as "da11", whose metro is its first two letters.
  const metroCode =
    typeof body.metro === 'string'
      ? body.metro
      : typeof body.facility === 'string'
        ? body.facility.slice(0, 2)
        : Array.isArray(body.facility) && typeof body.facility[0] === 'string'
          ? body.facility[0].slice(0, 2)
          : undefined;
  if (metroCode === undefined) context.fail(422, 'Either metro or facility must be provided');
  const metro = metroOf(metroCode);
  if (metro === undefined) context.fail(422, `Metro ${metroCode} is not a valid metro`);
  const sold = FAKE_PLANS.find((entry) => entry.slug === plan);
  if (sold === undefined) context.fail(422, `Plan ${String(plan)} is not a valid plan`);
  if (!sold.deployment_types.includes('on_demand'))
    context.fail(422, `Plan ${sold.slug} is not available for on-demand deployment`);
  if (!FAKE_OPERATING_SYSTEMS.some((entry) => entry.slug === os))
    context.fail(422, `Operating system ${String(os)} is not a valid operating system`);
  if (typeof hostname !== 'string' || !/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,61}[A-Za-z0-9])?$/.test(hostname))
    context.fail(422, 'Hostname is invalid');
  if (userdata !== undefined && typeof userdata !== 'string') context.fail(422, 'Userdata must be a string');
  const tags = body.tags ?? [];
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string'))
    context.fail(422, 'Tags must be a list of strings');
  if (billing !== undefined && !['hourly', 'daily', 'monthly', 'yearly'].includes(String(billing)))
    context.fail(422, 'Billing cycle is invalid');
  if (!context.hasCapacity(metro.code, sold.slug))
    context.fail(422, `Oh snap, the ${sold.slug} plan has no capacity in ${metro.code} right now`);
  if (context.devices.size >= context.deviceLimit())
    context.fail(422, `Project device limit of ${context.deviceLimit()} reached`);
  const device = context.devices.set({
    id: context.nextDeviceId(),
    hostname,
    metro: metro.code,
    plan: sold.slug,
    operatingSystem: os as string,
    tags: [...(tags as string[])],
    userdata: userdata as string | undefined,
    billingCycle: (billing as string | undefined) ?? 'hourly',
    createdAt: context.now().toISOString(),
    state: 'queued',
    addressIndex: 0,
    failure: context.takeAsyncFailure(),
    addressing: 'public',
  });
  return jsonResponse(deviceAnswer(context, route.url)(device), 201);
}

/** `GET /projects/{id}/devices`: filtered by `tag` (one, exact), `metro`, `hostname` (partial); paged. */
export function listDevices(context: DeviceContext, route: RouteContext): Response {
  projectOf(context, route);
  const query = route.url.searchParams;
  const tag = query.get('tag');
  const metro = query.get('metro');
  const hostname = query.get('hostname');
  const matching = context.devices.values().filter((device) => {
    observe(context, device);
    if (tag !== null && !device.tags.includes(tag)) return false;
    if (metro !== null && device.metro !== metro) return false;
    return hostname === null || device.hostname.includes(hostname);
  });
  const page = paginate(
    matching,
    route.url,
    `/metal/v1/projects/${FAKE_PROJECT_ID}/devices`,
    context.maxPerPage(),
  );
  return jsonResponse({
    devices: page.items.map(deviceAnswer(context, route.url)),
    meta: page.meta,
  });
}

function deviceOf(context: DeviceContext, route: RouteContext): MetalFakeDevice {
  const device = context.devices.get(route.params.id ?? '');
  if (device === undefined) context.fail(404, 'Not found');
  return device;
}

/** `GET /devices/{id}`. */
export function getDevice(context: DeviceContext, route: RouteContext): Response {
  const device = deviceOf(context, route);
  observe(context, device);
  return jsonResponse(deviceAnswer(context, route.url)(device));
}

/** `DELETE /devices/{id}`: 204; the device is `deprovisioning`, then gone. */
export function deleteDevice(context: DeviceContext, route: RouteContext): Response {
  const device = deviceOf(context, route);
  if (device.state !== 'deprovisioning') context.startDeprovisioning(device);
  return new Response(null, { status: 204 });
}

/**
 * `POST /devices/{id}/actions`: 202. `type` comes in the JSON body, as the description says; it
 * is also read from the query, where clients written against the live API (Libcloud) send it.
 */
export async function deviceAction(context: DeviceContext, route: RouteContext): Promise<Response> {
  const device = deviceOf(context, route);
  const body = await bodyOf(route.request).catch(() => ({}) as Record<string, unknown>);
  const type = body.type ?? route.url.searchParams.get('type');
  if (!['power_on', 'power_off', 'reboot', 'rescue', 'reinstall'].includes(String(type)))
    context.fail(422, 'Action type is invalid');
  if (['queued', 'provisioning', 'deprovisioning', 'failed'].includes(device.state))
    context.fail(422, `Cannot ${String(type)} a device that is ${device.state}`);
  if (type === 'power_off' && device.state === 'active') device.state = 'powering_off';
  else if ((type === 'power_on' || type === 'reboot') && device.state === 'inactive')
    device.state = 'powering_on';
  return new Response(null, { status: 202 });
}
