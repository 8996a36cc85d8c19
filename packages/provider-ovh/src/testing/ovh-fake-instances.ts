import type { ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_FLAVORS, FAKE_IMAGES } from './ovh-fake-catalog.js';
import type { OvhFakeInstance } from './ovh-fake-records.js';
import { jsonResponse, ovhDate, stableUuid } from './ovh-fake-wire.js';

/** What the instance routes share with the fake. */
export interface InstanceContext {
  readonly instances: ResourceStore<OvhFakeInstance>;
  readonly lifecycle: { read(key: string): boolean };
  readonly now: () => Date;
  readonly instanceLimit: () => number;
  nextInstanceId(): string;
  nextAddressIndex(): number;
  fail(status: number, message: string): never;
  hasCapacity(region: string, plan: string): boolean;
  takeAsyncFailure(): string | undefined;
}

// Network ids are fixed per region: computed once, not twice per instance on every listing.
const networkIds = new Map<string, string>();
function networkId(...words: string[]): string {
  const key = words.join('/');
  let id = networkIds.get(key);
  if (id === undefined) {
    id = stableUuid('net', ...words);
    networkIds.set(key, id);
  }
  return id;
}

function addressesOf(instance: OvhFakeInstance) {
  const running = instance.status === 'ACTIVE' || instance.status === 'SHUTOFF';
  if (!running || instance.addressing === 'none') return [];
  const index = instance.addressIndex;
  if (instance.addressing === 'private-only')
    return [
      {
        gatewayIp: null,
        ip: `10.0.${index % 250}.5`,
        networkId: networkId('private'),
        type: 'private',
        version: 4,
      },
    ];
  return [
    {
      gatewayIp: '198.51.100.1',
      ip: `198.51.100.${(index % 250) + 2}`,
      networkId: networkId('Ext-Net', instance.region),
      type: 'public',
      version: 4,
    },
    {
      gatewayIp: '2001:db8::1',
      ip: `2001:db8:${index.toString(16)}::1`,
      networkId: networkId('Ext-Net', instance.region),
      type: 'public',
      version: 6,
    },
  ];
}

function flavorOf(instance: OvhFakeInstance) {
  return FAKE_FLAVORS.find((flavor) => flavor.id === instance.flavorId);
}

/** `cloud.instance.Instance`, as listings give it. */
export function instanceSummary(instance: OvhFakeInstance) {
  return {
    created: instance.created,
    currentMonthOutgoingTraffic: null,
    flavorId: instance.flavorId,
    id: instance.id,
    imageId: instance.imageId,
    ipAddresses: addressesOf(instance),
    monthlyBilling: null,
    name: instance.name,
    operationIds: [],
    planCode: flavorOf(instance)?.planCodes.hourly ?? null,
    region: instance.region,
    sshKeyId: null,
    status: instance.status,
  };
}

/** `cloud.instance.InstanceDetail`, as the create and the GET of one instance give it. */
export function instanceDetail(instance: OvhFakeInstance) {
  const { flavorId: _flavor, imageId: _image, sshKeyId: _key, ...common } = instanceSummary(instance);
  return {
    ...common,
    flavor: flavorOf(instance),
    image: FAKE_IMAGES.find((image) => image.id === instance.imageId),
    rescuePassword: null,
    sshKey: null,
  };
}

/**
 * Counts a read: a building instance turns ACTIVE (or, when doomed, ERROR) on its last one; a
 * deleting one is gone on the read after the DELETE. Returns whether it still exists.
 */
export function observe(context: InstanceContext, instance: OvhFakeInstance): boolean {
  if (instance.status === 'DELETING') {
    context.instances.delete(instance.id);
    return false;
  }
  if (instance.status !== 'BUILD' || !context.lifecycle.read(instance.id)) return true;
  instance.status = instance.failure === undefined ? 'ACTIVE' : 'ERROR';
  instance.addressIndex = context.nextAddressIndex();
  return true;
}

interface CreateBody {
  name?: unknown;
  flavorId?: unknown;
  imageId?: unknown;
  region?: unknown;
  userData?: unknown;
  monthlyBilling?: unknown;
}

/** `POST /cloud/project/{serviceName}/instance`: 200 with the new instance in `BUILD`. */
export async function createInstance(context: InstanceContext, route: RouteContext): Promise<Response> {
  const body = await route.json<CreateBody>();
  if (typeof body !== 'object' || body === null) context.fail(400, 'Invalid body');
  const { name, region, flavorId, imageId } = body;
  if (typeof name !== 'string' || name === '') context.fail(400, 'Missing parameter: name');
  if (name.length > 255) context.fail(400, 'Invalid name: at most 255 characters');
  if (typeof region !== 'string' || !FAKE_FLAVORS.some((flavor) => flavor.region === region))
    context.fail(400, `Invalid region: ${String(region)}`);
  const flavor = FAKE_FLAVORS.find((entry) => entry.id === flavorId);
  if (flavor === undefined || flavor.region !== region) context.fail(400, 'Invalid flavorId for this region');
  const image = FAKE_IMAGES.find((entry) => entry.id === imageId);
  if (image === undefined || image.region !== region) context.fail(400, 'Invalid imageId for this region');
  if (body.userData !== undefined && body.userData !== null && typeof body.userData !== 'string')
    context.fail(400, 'Invalid userData: text expected');
  if (!context.hasCapacity(region, flavor.name))
    context.fail(400, `Flavor ${flavor.name} is not available in region ${region} (out of stock)`);
  if (context.instances.values().filter((item) => item.region === region).length >= context.instanceLimit())
    context.fail(400, `Quota exceeded: the maximum number of instances for region ${region} is reached`);
  const instance = context.instances.set({
    id: context.nextInstanceId(),
    name,
    region,
    flavorId: flavor.id,
    imageId: image.id,
    userData: typeof body.userData === 'string' ? body.userData : undefined,
    monthlyBilling: body.monthlyBilling === true,
    created: ovhDate(context.now()),
    status: 'BUILD',
    addressIndex: 0,
    failure: context.takeAsyncFailure(),
    addressing: 'public',
  });
  return jsonResponse(instanceDetail(instance));
}

/** `GET /cloud/project/{serviceName}/instance[?region=]`: every instance (OVH does not page). */
export function listInstances(context: InstanceContext, route: RouteContext): Response {
  const region = route.url.searchParams.get('region');
  const listed = context.instances
    .values()
    .filter((instance) => observe(context, instance))
    .filter((instance) => region === null || instance.region === region);
  return jsonResponse(listed.map(instanceSummary));
}

function instanceOf(context: InstanceContext, route: RouteContext): OvhFakeInstance {
  const id = route.params.instanceId ?? '';
  const instance = context.instances.get(id);
  if (instance === undefined || !observe(context, instance))
    context.fail(404, `The requested object (instanceId = ${id}) does not exist`);
  return instance;
}

/** `GET /cloud/project/{serviceName}/instance/{instanceId}`. */
export function getInstance(context: InstanceContext, route: RouteContext): Response {
  return jsonResponse(instanceDetail(instanceOf(context, route)));
}

/**
 * `DELETE .../instance/{instanceId}`: `null`. OVH shows the instance `DELETING` for a few seconds;
 * the fake lets it go at once (a test may mark one `DELETING` with `setStatus`).
 */
export function deleteInstance(context: InstanceContext, route: RouteContext): Response {
  context.instances.delete(instanceOf(context, route).id);
  return jsonResponse(null);
}

/** `POST .../instance/{instanceId}/start|stop|reboot`: `null`; the power state changes at once. */
export function powerAction(action: 'start' | 'stop' | 'reboot') {
  return async (context: InstanceContext, route: RouteContext): Promise<Response> => {
    const instance = instanceOf(context, route);
    if (action === 'reboot') {
      const body = await route.json<{ type?: unknown }>();
      if (body?.type !== 'soft' && body?.type !== 'hard') context.fail(400, 'Invalid parameter: type');
    }
    if (instance.status === 'ACTIVE' || instance.status === 'SHUTOFF')
      instance.status = action === 'stop' ? 'SHUTOFF' : 'ACTIVE';
    return jsonResponse(null);
  };
}
