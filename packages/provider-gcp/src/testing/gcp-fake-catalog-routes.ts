import type { RouteContext } from '@provision/testkit/fake-cloud';
import {
  FAKE_IMAGES,
  FAKE_MACHINE_TYPES,
  FAKE_ZONES,
  imageObject,
  machineTypeObject,
  zoneObject,
} from './gcp-fake-catalog.js';
import { checkProject, type GcpFakeContext, operationBody } from './gcp-fake-context.js';
import { gcpErrors, json, LINK_ROOT, matchesFilter, page } from './gcp-fake-http.js';

function list(kind: string, path: string, items: unknown[], route: RouteContext, cap?: number): Response {
  const filter = route.url.searchParams.get('filter');
  const selected = page(
    items.filter((item) => matchesFilter(item, filter)),
    route.url,
    cap,
  );
  return json({
    kind,
    id: path,
    items: selected.items,
    ...(selected.nextPageToken === undefined ? {} : { nextPageToken: selected.nextPageToken }),
    selfLink: `${LINK_ROOT}/${path}`,
  });
}

/** `zones.list`. */
export function listZones(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const zones = FAKE_ZONES.map((zone, index) => zoneObject(project, zone, index));
  return list('compute#zoneList', `projects/${project}/zones`, zones, route, context.pageCap());
}

/** `zones.get`. */
export function getZone(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const index = FAKE_ZONES.findIndex((zone) => zone.name === route.params.zone);
  const zone = FAKE_ZONES[index];
  if (zone === undefined) gcpErrors.fail('notFound', `projects/${project}/zones/${route.params.zone}`);
  return json(zoneObject(project, zone, index));
}

/**
 * `regions.get`, with the region's quotas: `INSTANCES` (the fake's instance limit, and the instances
 * in the region's zones), `CPUS` (8 per region, as a new project gets) and `IN_USE_ADDRESSES`.
 */
export function getRegion(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const region = route.params.region ?? '';
  const zones = FAKE_ZONES.filter((zone) => zone.region === region);
  if (zones.length === 0) gcpErrors.fail('notFound', `projects/${project}/regions/${region}`);
  const here = context.instances
    .values()
    .filter((instance) => zones.some((zone) => zone.name === instance.zone));
  const cpus = here.reduce(
    (sum, instance) =>
      sum + (FAKE_MACHINE_TYPES.find((type) => type.name === instance.machineType)?.guestCpus ?? 0),
    0,
  );
  return json({
    kind: 'compute#region',
    id: String(1000 + FAKE_ZONES.findIndex((zone) => zone.region === region)),
    creationTimestamp: '1969-12-31T16:00:00.000-08:00',
    name: region,
    description: region,
    status: 'UP',
    zones: zones.map((zone) => `${LINK_ROOT}/projects/${project}/zones/${zone.name}`),
    quotas: [
      { metric: 'CPUS', limit: 8, usage: cpus },
      { metric: 'INSTANCES', limit: context.instanceLimit(), usage: here.length },
      {
        metric: 'IN_USE_ADDRESSES',
        limit: 8,
        usage: here.filter((instance) => instance.natIP !== undefined).length,
      },
    ],
    selfLink: `${LINK_ROOT}/projects/${project}/regions/${region}`,
    supportsPzs: false,
  });
}

function zoneOf(route: RouteContext): string {
  const zone = route.params.zone ?? '';
  if (!FAKE_ZONES.some((entry) => entry.name === zone))
    gcpErrors.fail('notFound', `projects/${route.params.project}/zones/${zone}`);
  return zone;
}

/** `machineTypes.list`. */
export function listMachineTypes(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const zone = zoneOf(route);
  const types = FAKE_MACHINE_TYPES.map((type, index) => machineTypeObject(project, zone, type, index));
  return list('compute#machineTypeList', `projects/${project}/zones/${zone}/machineTypes`, types, route);
}

/** `machineTypes.get`. */
export function getMachineType(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const zone = zoneOf(route);
  const index = FAKE_MACHINE_TYPES.findIndex((type) => type.name === route.params.machineType);
  const type = FAKE_MACHINE_TYPES[index];
  if (type === undefined)
    gcpErrors.fail('notFound', `projects/${project}/zones/${zone}/machineTypes/${route.params.machineType}`);
  return json(machineTypeObject(project, zone, type, index));
}

/** `images.getFromFamily`: the family's newest image, in a public image project (anyone may read it). */
export function imageFromFamily(_context: GcpFakeContext, route: RouteContext): Response {
  const image = FAKE_IMAGES.find(
    (entry) => entry.project === route.params.project && entry.family === route.params.family,
  );
  if (image === undefined)
    gcpErrors.fail(
      'notFound',
      `projects/${route.params.project}/global/images/family/${route.params.family}`,
    );
  return json(imageObject(image));
}

/** `images.get`. */
export function getImage(_context: GcpFakeContext, route: RouteContext): Response {
  const image = FAKE_IMAGES.find(
    (entry) => entry.project === route.params.project && entry.name === route.params.image,
  );
  if (image === undefined)
    gcpErrors.fail('notFound', `projects/${route.params.project}/global/images/${route.params.image}`);
  return json(imageObject(image));
}

/** `zoneOperations.get` (a read moves the operation one step) and `globalOperations.get`. */
export function getOperation(scope: 'zone' | 'global') {
  return (context: GcpFakeContext, route: RouteContext): Response => {
    const project = checkProject(context, route);
    const name = route.params.operation ?? '';
    const info = context.operationInfo.get(name);
    const zone = scope === 'zone' ? route.params.zone : undefined;
    if (info === undefined || info.zone !== zone)
      gcpErrors.fail(
        'notFound',
        `projects/${project}/${zone === undefined ? 'global' : `zones/${zone}`}/operations/${name}`,
      );
    context.operations.read(name);
    return json(operationBody(context, name));
  };
}

/** `zoneOperations.list`: `filter` on the wire fields, `orderBy` `creationTimestamp desc` (newest first) or by name. */
export function listZoneOperations(context: GcpFakeContext, route: RouteContext): Response {
  const project = checkProject(context, route);
  const zone = zoneOf(route);
  const orderBy = route.url.searchParams.get('orderBy');
  if (orderBy !== null && orderBy !== 'creationTimestamp desc' && orderBy !== 'name')
    gcpErrors.fail('invalid', `Invalid value for field 'orderBy': '${orderBy}'.`);
  const operations = [...context.operationInfo.entries()]
    .filter(([, info]) => info.zone === zone)
    .map(([name]) => operationBody(context, name));
  if (orderBy === 'creationTimestamp desc') operations.reverse();
  return list(
    'compute#operationList',
    `projects/${project}/zones/${zone}/operations`,
    operations,
    route,
    context.pageCap(),
  );
}
