import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_IMAGES, FAKE_MACHINE_TYPES, FAKE_ZONES, resolveImage } from './gcp-fake-catalog.js';
import { checkProject, type GcpFakeContext, operationBody, startOperation } from './gcp-fake-context.js';
import { gcpErrors, json, LINK_ROOT, matchesFilter, NAME, page, segment, UUID } from './gcp-fake-http.js';
import type { GcpFakeInstance } from './gcp-fake-records.js';

/** The operation name (the discovery document's method id) of an instance insert. */
export const INSERT_OPERATION = 'compute.instances.insert';

const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
const METADATA_VALUE_BYTES = 256 * 1024;

const link = (instance: GcpFakeInstance) => `${LINK_ROOT}/${instance.id}`;

/** An instance's wire form (`compute#instance`). */
export function instanceObject(instance: GcpFakeInstance): Record<string, unknown> {
  const zoneLink = `${LINK_ROOT}/projects/${instance.project}/zones/${instance.zone}`;
  const region = instance.zone.replace(/-[a-z]$/, '');
  const natIP = instance.addressing === 'private-only' ? instance.networkIP : instance.natIP;
  const image = FAKE_IMAGES.find((entry) => entry.name === instance.image);
  return {
    kind: 'compute#instance',
    id: instance.numericId,
    creationTimestamp: instance.creationTimestamp,
    name: instance.name,
    tags: { items: instance.tags, fingerprint: 'fake-tags-fp' },
    machineType: `${zoneLink}/machineTypes/${instance.machineType}`,
    status: instance.status,
    zone: zoneLink,
    canIpForward: false,
    networkInterfaces: [
      {
        kind: 'compute#networkInterface',
        network: `${LINK_ROOT}/projects/${instance.project}/global/networks/default`,
        subnetwork: `${LINK_ROOT}/projects/${instance.project}/regions/${region}/subnetworks/default`,
        networkIP: instance.networkIP,
        name: 'nic0',
        accessConfigs:
          instance.addressing === 'none'
            ? []
            : [
                {
                  kind: 'compute#accessConfig',
                  type: 'ONE_TO_ONE_NAT',
                  name: 'External NAT',
                  ...(natIP === undefined ? {} : { natIP }),
                  networkTier: 'PREMIUM',
                },
              ],
        fingerprint: 'fake-nic-fp',
        stackType: 'IPV4_ONLY',
      },
    ],
    disks: [
      {
        kind: 'compute#attachedDisk',
        type: 'PERSISTENT',
        mode: 'READ_WRITE',
        source: `${zoneLink}/disks/${instance.name}`,
        deviceName: 'persistent-disk-0',
        index: 0,
        boot: true,
        autoDelete: true,
        licenses:
          image === undefined
            ? []
            : [`${LINK_ROOT}/projects/${image.project}/global/licenses/${image.family}`],
        interface: 'SCSI',
        diskSizeGb: '10',
      },
    ],
    metadata: { kind: 'compute#metadata', fingerprint: 'fake-metadata-fp', items: instance.metadata },
    selfLink: link(instance),
    scheduling: { onHostMaintenance: 'MIGRATE', automaticRestart: true, preemptible: false },
    labels: instance.labels,
    labelFingerprint: 'fake-labels-fp',
    startRestricted: false,
    deletionProtection: false,
    fingerprint: 'fake-fp',
  };
}

function checkZone(route: RouteContext): string {
  const zone = route.params.zone ?? '';
  if (!FAKE_ZONES.some((entry) => entry.name === zone))
    gcpErrors.fail('notFound', `projects/${route.params.project}/zones/${zone}`);
  return zone;
}

/** Reads an instance as a client's GET does: its running operation moves one step. */
function readInstance(context: GcpFakeContext, id: string): GcpFakeInstance | undefined {
  const instance = context.instances.get(id);
  if (instance?.operation !== undefined) {
    const operation = context.operations.read(instance.operation);
    if (operation !== undefined && operation.state !== 'running') instance.operation = undefined;
  }
  return context.instances.get(id);
}

function found(context: GcpFakeContext, route: RouteContext): GcpFakeInstance {
  const project = checkProject(context, route);
  const zone = checkZone(route);
  const id = `projects/${project}/zones/${zone}/instances/${route.params.instance}`;
  const instance = readInstance(context, id);
  if (instance === undefined) gcpErrors.fail('notFound', id);
  return instance;
}

type InsertBody = {
  name?: unknown;
  machineType?: unknown;
  labels?: Record<string, unknown>;
  tags?: { items?: unknown };
  disks?: { boot?: boolean; initializeParams?: { sourceImage?: unknown } }[];
  networkInterfaces?: { network?: unknown; accessConfigs?: unknown[] }[];
  metadata?: { items?: { key?: unknown; value?: unknown }[] };
};

/** Checks an insert body as the API does, field by field; returns what the instance is made of. */
function readInsertBody(body: InsertBody, zone: string) {
  if (typeof body.name !== 'string' || body.name === '') gcpErrors.fail('required', 'resource.name');
  if (!NAME.test(body.name))
    gcpErrors.fail(
      'invalid',
      `Invalid value for field 'resource.name': '${body.name}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?|[1-9][0-9]{0,19})'`,
    );
  if (typeof body.machineType !== 'string') gcpErrors.fail('required', 'resource.machineType');
  const typeZone = /zones\/([^/]+)\/machineTypes\//.exec(body.machineType)?.[1];
  const machineType = segment(body.machineType);
  if (
    (typeZone !== undefined && typeZone !== zone) ||
    !FAKE_MACHINE_TYPES.some((type) => type.name === machineType)
  )
    gcpErrors.fail(
      'invalid',
      `Invalid value for field 'resource.machineType': '${body.machineType}'. Machine type with name '${machineType}' does not exist in zone '${zone}'.`,
    );
  const boot = body.disks?.find((disk) => disk.boot) ?? body.disks?.[0];
  const sourceImage = boot?.initializeParams?.sourceImage;
  if (typeof sourceImage !== 'string')
    gcpErrors.fail('required', 'resource.disks[0].initializeParams.sourceImage');
  const image = resolveImage(sourceImage);
  if (image === undefined) gcpErrors.fail('notFound', sourceImage);
  const nic = body.networkInterfaces?.[0];
  if (nic === undefined) gcpErrors.fail('required', 'resource.networkInterfaces');
  if (typeof nic.network === 'string' && segment(nic.network) !== 'default')
    gcpErrors.fail('notFound', String(nic.network));
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(body.labels ?? {})) {
    if (!LABEL_KEY.test(key) || typeof value !== 'string' || !LABEL_VALUE.test(value))
      gcpErrors.fail(
        'invalid',
        `Invalid value for field 'resource.labels': '${key}'. Label keys and values must be lowercase letters, digits, '_' or '-', at most 63 characters.`,
      );
    labels[key] = value;
  }
  if (Object.keys(labels).length > 64)
    gcpErrors.fail('invalid', "Invalid value for field 'resource.labels': at most 64 labels.");
  const tags = Array.isArray(body.tags?.items) ? (body.tags.items as unknown[]) : [];
  if (tags.some((tag) => typeof tag !== 'string' || !NAME.test(tag)))
    gcpErrors.fail('invalid', "Invalid value for field 'resource.tags.items'.");
  const metadata: { key: string; value: string }[] = [];
  for (const item of body.metadata?.items ?? []) {
    if (typeof item.key !== 'string' || typeof item.value !== 'string')
      gcpErrors.fail('invalid', "Invalid value for field 'resource.metadata'.");
    if (Buffer.byteLength(item.value) > METADATA_VALUE_BYTES)
      gcpErrors.fail(
        'invalid',
        `Invalid value for field 'resource.metadata': the value of '${item.key}' is longer than 262144 bytes.`,
      );
    metadata.push({ key: item.key, value: item.value });
  }
  const external = (nic.accessConfigs ?? []).length > 0;
  return {
    name: body.name,
    machineType,
    image: image.name,
    labels,
    tags: tags as string[],
    metadata,
    external,
  };
}

/** `instances.insert`: the instance is there at once (PROVISIONING); the operation ends it RUNNING, or fails and removes it. */
export async function insertInstance(context: GcpFakeContext, route: RouteContext): Promise<Response> {
  const project = checkProject(context, route);
  const zone = checkZone(route);
  const requestId = route.url.searchParams.get('requestId');
  if (requestId !== null && (!UUID.test(requestId) || /^[0-]+$/.test(requestId)))
    gcpErrors.fail(
      'invalid',
      `Invalid value for field 'requestId': '${requestId}'. The request id must be a valid UUID.`,
    );
  const earlier = requestId === null ? undefined : context.requestIds.get(requestId);
  if (earlier !== undefined) return json(operationBody(context, earlier));
  const body = readInsertBody(await route.json<InsertBody>(), zone);
  const id = `projects/${project}/zones/${zone}/instances/${body.name}`;
  if (context.instances.has(id)) gcpErrors.fail('alreadyExists', id);
  if (!context.hasCapacity(zone, body.machineType))
    gcpErrors.fail('exhausted', `projects/${project}/zones/${zone}`);
  if (context.instances.size >= context.instanceLimit())
    gcpErrors.fail(
      'quota',
      `Quota 'INSTANCES' exceeded.  Limit: ${context.instanceLimit()}.0 in region ${zone.replace(/-[a-z]$/, '')}.`,
    );
  const atOnce = context.takeInsertFailureAtOnce();
  if (atOnce !== undefined) {
    // Compute Engine may end an insert before it answers: the answer is the operation, DONE with
    // its error, and no instance is ever made.
    const operation = startOperation(context, {
      kind: 'insert',
      zone,
      targetLink: `${LINK_ROOT}/${id}`,
      targetId: context.nextNumericId(),
      done: true,
      fail: { code: 'ZONE_RESOURCE_POOL_EXHAUSTED', message: atOnce },
    });
    if (requestId !== null) context.requestIds.set(requestId, operation);
    return json(operationBody(context, operation));
  }
  const failure = context.takeAsyncFailure(INSERT_OPERATION);
  const instance: GcpFakeInstance = {
    id,
    numericId: context.nextNumericId(),
    name: body.name,
    project,
    zone,
    machineType: body.machineType,
    status: 'PROVISIONING',
    labels: body.labels,
    tags: body.tags,
    userData: body.metadata.find((item) => item.key === 'user-data')?.value,
    metadata: body.metadata,
    image: body.image,
    natIP: undefined,
    addressing: body.external ? 'public' : 'none',
    networkIP: `10.128.0.${(Number(context.nextNumericId()) % 250) + 2}`,
    creationTimestamp: new Date(context.now()).toISOString().replace('Z', '-00:00'),
    operation: undefined,
    deleting: false,
  };
  context.instances.set(instance);
  instance.operation = startOperation(context, {
    kind: 'insert',
    zone,
    targetLink: link(instance),
    targetId: instance.numericId,
    ...(failure === undefined ? {} : { fail: { code: 'ZONE_RESOURCE_POOL_EXHAUSTED', message: failure } }),
    onSucceeded: () => {
      instance.status = 'RUNNING';
      instance.natIP = context.nextAddress();
    },
    onFailed: () => {
      context.instances.delete(id);
    },
  });
  if (requestId !== null) context.requestIds.set(requestId, instance.operation);
  return json(operationBody(context, instance.operation));
}

/** `instances.get`. */
export function getInstance(context: GcpFakeContext, route: RouteContext): Response {
  const instance = found(context, route);
  if (instance.status === 'PROVISIONING' && instance.operation !== undefined) instance.status = 'STAGING';
  return json(instanceObject(instance));
}

/** `instances.delete`: STOPPING, then gone after `destroyAfterReads` reads (a repeat answers the running delete). */
export function deleteInstance(context: GcpFakeContext, route: RouteContext): Response {
  const instance = found(context, route);
  if (instance.deleting && instance.operation !== undefined)
    return json(operationBody(context, instance.operation));
  instance.deleting = true;
  instance.status = 'STOPPING';
  const operation = startOperation(context, {
    kind: 'delete',
    zone: instance.zone,
    targetLink: link(instance),
    targetId: instance.numericId,
    done: context.destroyAfterReads === 0,
    onSucceeded: () => {
      context.instances.delete(instance.id);
    },
  });
  instance.operation = context.destroyAfterReads === 0 ? undefined : operation;
  return json(operationBody(context, operation));
}

/** `instances.start`, `stop` and `reset`: one operation each; a stopped instance loses its ephemeral IPv4. */
export function powerInstance(kind: 'start' | 'stop' | 'reset') {
  return (context: GcpFakeContext, route: RouteContext): Response => {
    const instance = found(context, route);
    if (instance.deleting || instance.operation !== undefined) gcpErrors.fail('notReady', instance.id);
    const stopped = instance.status === 'TERMINATED';
    if (kind === 'reset' && stopped) gcpErrors.fail('notReady', instance.id);
    const noop = (kind === 'start' && !stopped) || (kind === 'stop' && stopped);
    if (!noop && kind !== 'reset') instance.status = kind === 'start' ? 'STAGING' : 'STOPPING';
    const operation = startOperation(context, {
      kind,
      zone: instance.zone,
      targetLink: link(instance),
      targetId: instance.numericId,
      done: noop,
      onSucceeded: () => {
        if (noop) return;
        if (kind === 'stop') {
          instance.status = 'TERMINATED';
          instance.natIP = undefined;
        } else {
          instance.status = 'RUNNING';
          instance.natIP ??= context.nextAddress();
        }
      },
    });
    instance.operation = noop ? undefined : operation;
    return json(operationBody(context, operation));
  };
}

/** `instances.aggregatedList`: scopes `zones/<zone>`, an empty one with its NO_RESULTS_ON_PAGE warning. */
export function aggregatedInstances(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const filter = route.url.searchParams.get('filter');
  // A listing reads every instance, as a GET does: their running operations move on (the fake's
  // clock is reads), so a delete seen only through listings still finishes.
  for (const instance of [...context.instances.values()]) readInstance(context, instance.id);
  const matching = context.instances
    .values()
    .filter((instance) => matchesFilter(instanceObject(instance), filter));
  const selected = page(matching, route.url, context.pageCap());
  const items: Record<string, unknown> = {};
  for (const zone of FAKE_ZONES) {
    const here = selected.items.filter((instance) => instance.zone === zone.name).map(instanceObject);
    items[`zones/${zone.name}`] =
      here.length > 0
        ? { instances: here }
        : {
            warning: {
              code: 'NO_RESULTS_ON_PAGE',
              message: `There are no results for scope 'zones/${zone.name}' on this page.`,
              data: [{ key: 'scope', value: `zones/${zone.name}` }],
            },
          };
  }
  return json({
    kind: 'compute#instanceAggregatedList',
    id: `projects/${project}/aggregated/instances`,
    items,
    ...(selected.nextPageToken === undefined ? {} : { nextPageToken: selected.nextPageToken }),
    selfLink: `${LINK_ROOT}/projects/${project}/aggregated/instances`,
  });
}
