import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_IMAGES, FAKE_REGIONS, FAKE_TYPES } from './linode-fake-catalog.js';
import { applyFilter, jsonResponse, LinodeRequestError, page } from './linode-fake-http.js';
import type { LinodeFakeContext, LinodeFakeInstance, LinodeStatus } from './linode-fake-records.js';

/** The operation name of `POST /v4/linode/instances` (the description's operationId). */
export const CREATE_LINODE_OPERATION = 'post-linode-instance';

// https://techdocs.akamai.com/linode-api/reference/post-linode-instance (label, tags, user_data)
const LABEL = /^[a-zA-Z]((?!--|__|\.\.)[a-zA-Z0-9-_.])+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const FILTERABLE = ['group', 'id', 'ipv4', 'label', 'region', 'tags'];

/** Where each state goes on its next completed step. */
const NEXT: Partial<Record<LinodeStatus, LinodeStatus>> = {
  provisioning: 'booting',
  booting: 'running',
  rebooting: 'running',
  shutting_down: 'offline',
};

/** The Linode JSON of the description's `Linode` schema. */
export function linodeObject(linode: LinodeFakeInstance): Record<string, unknown> {
  const type = FAKE_TYPES.find((candidate) => candidate.id === linode.type);
  const ipv4 =
    linode.addressing === 'none'
      ? []
      : linode.addressing === 'private-only'
        ? [linode.privateIpv4]
        : [linode.publicIpv4];
  return {
    id: Number(linode.id),
    label: linode.label,
    region: linode.region,
    type: linode.type,
    image: linode.image,
    status: linode.status,
    tags: [...linode.tags],
    group: '',
    created: linode.created,
    updated: linode.updated,
    hypervisor: 'kvm',
    ipv4,
    ipv6: linode.addressing === 'public' ? `${linode.ipv6}/128` : null,
    has_user_data: linode.userDataBase64 !== undefined,
    host_uuid: '3a3ddd59-d9e2-4c4b-a55c-0000000000aa',
    watchdog_enabled: true,
    capabilities: [],
    lke_cluster_id: null,
    placement_group: null,
    specs: {
      disk: type?.disk ?? 0,
      memory: type?.memory ?? 0,
      vcpus: type?.vcpus ?? 0,
      gpus: 0,
      transfer: type?.transfer ?? 0,
    },
    alerts: { cpu: 90, io: 10000, network_in: 10, network_out: 10, transfer_quota: 80 },
    // No `last_successful`: no backup ever ran, and the description does not let it be null.
    backups: { available: false, enabled: false, schedule: { day: null, window: null } },
  };
}

/**
 * Moves a Linode one read forward: a transitional state completes after the lifecycle's reads, a
 * deleted one answers `deleting` a while and then is gone, and one whose creation was made to fail
 * vanishes with its `linode_create` event failed. Returns `undefined` once it is gone.
 */
export function readLinode(context: LinodeFakeContext, id: string): LinodeFakeInstance | undefined {
  const linode = context.linodes.get(id);
  if (linode === undefined) return undefined;
  if (linode.status === 'deleting') {
    if (linode.deleteReadsLeft > 0) {
      linode.deleteReadsLeft -= 1;
      return linode;
    }
    removeLinode(context, linode);
    return undefined;
  }
  const key = `linode:${id}`;
  const done = context.lifecycle.read(key);
  const next = NEXT[linode.status];
  if (!done || next === undefined) return linode;
  if (linode.failure !== undefined) {
    finishEvent(context, linode, 'failed', linode.failure);
    removeLinode(context, linode);
    return undefined;
  }
  linode.status = next;
  linode.updated = context.now();
  context.lifecycle.restart(key);
  if (next === 'running') finishEvent(context, linode, 'finished', null);
  return linode;
}

function finishEvent(
  context: LinodeFakeContext,
  linode: LinodeFakeInstance,
  status: 'finished' | 'failed',
  message: string | null,
): void {
  const event = context.events.find(
    (candidate) => candidate.entity.id === Number(linode.id) && candidate.status === 'started',
  );
  if (event === undefined) return;
  event.status = status;
  event.message = message;
}

function removeLinode(context: LinodeFakeContext, linode: LinodeFakeInstance): void {
  context.linodes.delete(linode.id);
  // A Linode that is gone is no longer a device of its firewall.
  for (const firewall of context.firewalls.values())
    firewall.linodes = firewall.linodes.filter((device) => device !== Number(linode.id));
}

/** The Linode of the request's `:linodeId`, or the API's 404. */
export function linodeOf(context: LinodeFakeContext, route: RouteContext): LinodeFakeInstance {
  const linode = readLinode(context, route.params.linodeId ?? '');
  if (linode === undefined) throw new LinodeRequestError('Not found', undefined, 404);
  return linode;
}

/** `GET /v4/linode/instances`, with `X-Filter` and pages. */
export function listLinodes(context: LinodeFakeContext, route: RouteContext): Response {
  const live = context.linodes
    .values()
    .map((linode) => readLinode(context, linode.id))
    .filter((linode) => linode !== undefined)
    .map(linodeObject);
  return jsonResponse(page(applyFilter(live, route.request, FILTERABLE), route.url, context.maxPageSize));
}

interface CreateBody {
  label?: unknown;
  region?: unknown;
  type?: unknown;
  image?: unknown;
  root_pass?: unknown;
  tags?: unknown;
  firewall_id?: unknown;
  metadata?: { user_data?: unknown };
}

function checkCreate(context: LinodeFakeContext, body: CreateBody, operation: string) {
  const fail = (reason: string, field?: string): never => {
    throw new LinodeRequestError(reason, field);
  };
  const region = FAKE_REGIONS.find((candidate) => candidate.id === body.region);
  if (region === undefined) fail('region is not valid', 'region');
  if (!FAKE_TYPES.some((candidate) => candidate.id === body.type))
    fail('A valid plan type is required', 'type');
  const label = body.label;
  if (typeof label !== 'string' || label.length < 3 || label.length > 64 || !LABEL.test(label))
    fail(
      'Label must be 3-64 characters, begin with a letter, and hold only letters, digits, -, _ and .',
      'label',
    );
  if (context.linodes.values().some((linode) => linode.label === label))
    fail('Label must be unique among your linodes', 'label');
  if (body.image !== undefined && !FAKE_IMAGES.some((candidate) => candidate.id === body.image))
    fail('Image is not valid', 'image');
  if (body.image !== undefined && (typeof body.root_pass !== 'string' || body.root_pass.length < 7))
    fail('root_pass is required when deploying from an image', 'root_pass');
  const tags = body.tags ?? [];
  if (
    !Array.isArray(tags) ||
    tags.some((tag) => typeof tag !== 'string' || tag.length < 3 || tag.length > 50)
  )
    fail('Length must be 3-50 characters', 'tags');
  const userData = body.metadata?.user_data;
  if (userData !== undefined) {
    if (!region?.capabilities.includes('Metadata'))
      fail('Metadata is not available in this region', 'metadata.user_data');
    if (typeof userData !== 'string' || !BASE64.test(userData))
      fail('Must be base64 encoded', 'metadata.user_data');
    if (Buffer.from(userData as string, 'base64').length > 65535)
      fail('Must not exceed 65535 bytes once decoded', 'metadata.user_data');
  }
  const firewallId = body.firewall_id === undefined ? undefined : String(body.firewall_id);
  if (firewallId !== undefined && context.firewalls.get(firewallId) === undefined)
    fail('Firewall not found', 'firewall_id');
  if (context.linodes.size >= context.linodeLimit)
    fail('Account Limit reached. Please open a support ticket.');
  if (!context.hasCapacity(region?.id as string, body.type as string))
    fail(`Type ${String(body.type)} is not available in ${region?.id} at this time`, 'type');
  return {
    label: label as string,
    region: region?.id as string,
    type: body.type as string,
    tags: tags as string[],
    firewallId,
    userData: userData as string | undefined,
    failure: context.takeAsyncFailure(operation),
  };
}

/** `POST /v4/linode/instances`: the new Linode, `provisioning` with its addresses already assigned. */
export async function createLinode(context: LinodeFakeContext, route: RouteContext): Promise<Response> {
  const body = await route.json<CreateBody>();
  const checked = checkCreate(context, body ?? {}, route.operation);
  const index = context.nextAddressIndex();
  const now = context.now();
  const linode = context.linodes.set({
    id: context.linodes.nextId(),
    label: checked.label,
    region: checked.region,
    type: checked.type,
    image: typeof body.image === 'string' ? body.image : null,
    status: 'provisioning',
    tags: [...new Set(checked.tags)],
    created: now,
    updated: now,
    userDataBase64: checked.userData,
    firewallId: checked.firewallId,
    publicIpv4: `203.0.113.${index % 250}`,
    privateIpv4: `192.168.128.${index % 250}`,
    ipv6: `2600:3c06::f03c:95ff:fe00:${index.toString(16)}`,
    addressing: 'public',
    deleteReadsLeft: 0,
    failure: checked.failure,
  });
  const firewall = checked.firewallId === undefined ? undefined : context.firewalls.get(checked.firewallId);
  firewall?.linodes.push(Number(linode.id));
  context.events.push({
    id: context.nextEventId(),
    action: 'linode_create',
    created: now,
    status: 'started',
    message: null,
    entity: {
      id: Number(linode.id),
      label: linode.label,
      type: 'linode',
      url: `/v4/linode/instances/${linode.id}`,
    },
  });
  return jsonResponse(linodeObject(linode));
}

/** `DELETE /v4/linode/instances/{linodeId}`: `{}`; the Linode answers `deleting` a while, then 404. */
export function deleteLinode(context: LinodeFakeContext, route: RouteContext): Response {
  const linode = linodeOf(context, route);
  linode.status = 'deleting';
  linode.deleteReadsLeft = context.destroyAfterReads;
  if (context.destroyAfterReads === 0) removeLinode(context, linode);
  return jsonResponse({});
}

/** Boot, shutdown and reboot: `{}`, and the Linode starts the transition. */
export function powerAction(action: 'boot' | 'shutdown' | 'reboot') {
  return (context: LinodeFakeContext, route: RouteContext): Response => {
    const linode = linodeOf(context, route);
    const from: Record<typeof action, LinodeStatus[]> = {
      boot: ['offline'],
      shutdown: ['running', 'booting', 'rebooting'],
      reboot: ['running'],
    };
    // Asking for the state it is already in or heading to changes nothing, as on the API.
    const already = {
      boot: ['running', 'booting'],
      shutdown: ['offline', 'shutting_down'],
      reboot: ['rebooting'],
    };
    if (already[action].includes(linode.status)) return jsonResponse({});
    if (!from[action].includes(linode.status))
      throw new LinodeRequestError(`Linode busy: it is ${linode.status.replace('_', ' ')}`);
    linode.status = action === 'boot' ? 'booting' : action === 'shutdown' ? 'shutting_down' : 'rebooting';
    linode.updated = context.now();
    context.lifecycle.restart(`linode:${linode.id}`);
    return jsonResponse({});
  };
}
