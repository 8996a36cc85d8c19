import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_FLAVORS } from './openstack-fake-catalog.js';
import type { FakeServer } from './openstack-fake-records.js';
import type { FakeState } from './openstack-fake-state.js';
import { fail, json } from './openstack-fake-wire.js';

// Nova's flavors and limits, from its API reference (https://docs.openstack.org/api-ref/compute/).

function flavorObject(state: FakeState, region: string, flavor: (typeof FAKE_FLAVORS)[number]) {
  const link = `${state.baseUrl}/compute/${region}/v2.1/flavors/${flavor.id}`;
  return {
    id: flavor.id,
    name: flavor.name,
    ram: flavor.ram,
    disk: flavor.disk,
    vcpus: flavor.vcpus,
    swap: '',
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    'os-flavor-access:is_public': true,
    rxtx_factor: 1.0,
    links: [
      { rel: 'self', href: link },
      { rel: 'bookmark', href: link.replace('/v2.1', '') },
    ],
  };
}

/** `GET /flavors/detail` and `/flavors` (`is_public`, `minRam`, `minDisk` filters). */
export function listFlavors(detail: boolean) {
  return (state: FakeState, route: RouteContext): Response => {
    const query = route.url.searchParams;
    const region = route.params.region as string;
    const flavors = FAKE_FLAVORS.filter(
      (flavor) =>
        flavor.ram >= Number(query.get('minRam') ?? 0) && flavor.disk >= Number(query.get('minDisk') ?? 0),
    ).map((flavor) => flavorObject(state, region, flavor));
    return json({
      flavors: detail ? flavors : flavors.map(({ id, name, links }) => ({ id, name, links })),
    });
  };
}

/** `GET /flavors/{id}`. */
export function getFlavor(state: FakeState, route: RouteContext): Response {
  const flavor = FAKE_FLAVORS.find((candidate) => candidate.id === route.params.id);
  if (flavor === undefined) fail('compute', 404, `Flavor ${route.params.id} could not be found.`);
  return json({ flavor: flavorObject(state, route.params.region as string, flavor) });
}

/** `GET /flavors/{id}/os-extra_specs`: the fake's flavors have none. */
export function getExtraSpecs(_state: FakeState, route: RouteContext): Response {
  if (!FAKE_FLAVORS.some((candidate) => candidate.id === route.params.id))
    fail('compute', 404, `Flavor ${route.params.id} could not be found.`);
  return json({ extra_specs: {} });
}

/** `GET /limits` (Show Rate And Absolute Limits) at 2.36 and later: no network limits. */
export function getLimits(state: FakeState): Response {
  const servers = state.servers.values();
  const flavorOf = (server: FakeServer) => FAKE_FLAVORS.find((flavor) => flavor.id === server.flavorId);
  return json({
    limits: {
      rate: [],
      absolute: {
        maxTotalInstances: state.instanceLimit(),
        totalInstancesUsed: servers.length,
        maxTotalCores: 20,
        totalCoresUsed: servers.reduce((sum, server) => sum + (flavorOf(server)?.vcpus ?? 0), 0),
        maxTotalRAMSize: 51200,
        totalRAMUsed: servers.reduce((sum, server) => sum + (flavorOf(server)?.ram ?? 0), 0),
        maxServerMeta: 128,
        maxImageMeta: 128,
        maxPersonality: 5,
        maxPersonalitySize: 10240,
        maxTotalKeypairs: 100,
        maxServerGroups: 10,
        maxServerGroupMembers: 10,
        totalServerGroupsUsed: 0,
      },
    },
  });
}
