import type { OperationName, RouteContext, RouteHandler } from '@provision/testkit/fake-cloud';
import { FAKE_REGIONS } from './openstack-fake-catalog.js';
import * as compute from './openstack-fake-compute.js';
import * as flavors from './openstack-fake-flavors.js';
import {
  type FakeIdentity,
  type IssuedToken,
  identityVersion,
  issueToken,
  listRegions,
} from './openstack-fake-identity.js';
import { getImage, listImages } from './openstack-fake-image.js';
import * as network from './openstack-fake-network.js';
import * as groups from './openstack-fake-security-groups.js';
import { serverAction } from './openstack-fake-server-actions.js';
import { createServer } from './openstack-fake-server-create.js';
import type { FakeState } from './openstack-fake-state.js';
import { versionDocuments } from './openstack-fake-versions.js';
import { CREATE_SERVER_OPERATION, fail, MAX_COMPUTE_MICROVERSION, serviceOf } from './openstack-fake-wire.js';

/** What the route table needs of the fake: its `route()`, its state, and Keystone's side of it. */
export interface RouteTable {
  route(method: string, pattern: string, operation: OperationName, handler: RouteHandler): void;
  readonly state: FakeState;
  readonly identity: FakeIdentity;
  now(): Date;
  /** Keeps a token the fake issued and names it (the `X-Subject-Token`). */
  issueToken(token: IssuedToken): string;
}

/**
 * Every route of the fake, by service: Keystone's at `/identity/v3`, and Nova's, Neutron's and
 * Glance's under `/<service>/<region>` (an unknown region answers the service's 404). Operation
 * names are the operationIds of the OpenAPI descriptions in `test-fixtures/`.
 */
export function registerRoutes(table: RouteTable): void {
  const { route, state } = table;
  const regional = (
    method: string,
    pattern: string,
    operation: string,
    handler: (state: FakeState, route: RouteContext) => Response | Promise<Response>,
  ) =>
    route(method, pattern, operation, (context) => {
      if (!(FAKE_REGIONS as readonly string[]).includes(context.params.region ?? ''))
        fail(serviceOf(pattern), 404, 'The resource could not be found.');
      return handler(state, context);
    });
  const versions = versionDocuments(state.baseUrl, MAX_COMPUTE_MICROVERSION);
  route('GET', '/identity/v3', 'version:get', () => identityVersion(state.baseUrl));
  route('POST', '/identity/v3/auth/tokens', 'auth/tokens:post', (context) =>
    issueToken(context, table.identity, state.baseUrl, table.now(), table.issueToken),
  );
  route('GET', '/identity/v3/regions', 'regions:get', (context) => listRegions(context, state.baseUrl));
  const nova = '/compute/:region/v2.1';
  regional('GET', '/compute/:region', ':get', (_state, route) =>
    versions.computeVersions(route.params.region as string),
  );
  regional('GET', nova, 'version:get', (_state, route) =>
    versions.computeVersion(route.params.region as string),
  );
  regional('GET', `${nova}/servers`, 'servers:get', compute.listServers(false));
  regional('GET', `${nova}/servers/detail`, 'servers/detail:get', compute.listServers(true));
  regional('POST', `${nova}/servers`, CREATE_SERVER_OPERATION, createServer);
  regional('GET', `${nova}/servers/:id`, 'servers/id:get', compute.getServer);
  regional('DELETE', `${nova}/servers/:id`, 'servers/id:delete', compute.deleteServer);
  regional('POST', `${nova}/servers/:id/action`, 'servers/id/action:post', serverAction);
  regional('GET', `${nova}/flavors`, 'flavors:get', flavors.listFlavors(false));
  regional('GET', `${nova}/flavors/detail`, 'flavors/detail:get', flavors.listFlavors(true));
  regional('GET', `${nova}/flavors/:id`, 'flavors/id:get', flavors.getFlavor);
  regional(
    'GET',
    `${nova}/flavors/:id/os-extra_specs`,
    'flavors/flavor_id/os-extra_specs:get',
    flavors.getExtraSpecs,
  );
  regional('GET', `${nova}/limits`, 'limits:get', flavors.getLimits);
  const neutron = '/network/:region/v2.0';
  regional('GET', '/network/:region', 'network:versions', (_state, route) =>
    versions.networkVersions(route.params.region as string),
  );
  regional('GET', `${neutron}/networks`, 'v2.0/networks:get', network.listNetworks);
  regional('GET', `${neutron}/ports`, 'v2.0/ports:get', network.listPorts);
  regional('POST', `${neutron}/ports`, 'v2.0/ports:post', network.createPort);
  regional('GET', `${neutron}/ports/:id`, 'v2.0/ports/port_id:get', network.getPort);
  regional('DELETE', `${neutron}/ports/:id`, 'v2.0/ports/port_id:delete', network.deletePort);
  regional('GET', `${neutron}/floatingips`, 'v2.0/floatingips:get', network.listFloatingIps);
  regional('POST', `${neutron}/floatingips`, 'v2.0/floatingips:post', network.createFloatingIp);
  regional('GET', `${neutron}/floatingips/:id`, 'v2.0/floatingips/id:get', network.getFloatingIp);
  regional('DELETE', `${neutron}/floatingips/:id`, 'v2.0/floatingips/id:delete', network.deleteFloatingIp);
  regional('GET', `${neutron}/security-groups`, 'v2.0/security-groups:get', groups.listGroups);
  regional('POST', `${neutron}/security-groups`, 'v2.0/security-groups:post', groups.createGroup);
  regional('GET', `${neutron}/security-groups/:id`, 'v2.0/security-groups/id:get', groups.getGroup);
  regional('DELETE', `${neutron}/security-groups/:id`, 'v2.0/security-groups/id:delete', groups.deleteGroup);
  regional('POST', `${neutron}/security-group-rules`, 'v2.0/security-group-rules:post', groups.createRules);
  regional(
    'DELETE',
    `${neutron}/security-group-rules/:id`,
    'v2.0/security-group-rules/id:delete',
    groups.deleteRule,
  );
  const glance = '/image/:region/v2';
  regional('GET', '/image/:region', 'image:versions', (_state, route) =>
    versions.imageVersions(route.params.region as string),
  );
  regional('GET', `${glance}/images`, 'images:get', (_state, route) => listImages(route));
  regional('GET', `${glance}/images/:id`, 'images/image_id:get', (_state, route) => getImage(route));
}
