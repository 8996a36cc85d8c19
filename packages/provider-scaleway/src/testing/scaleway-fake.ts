import type { InboundRuleState } from '@provision/testkit/contract-fake';
import { FakeCloud, type RateLimitOptions, type RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_SERVER_TYPES, serverTypeObject } from './scaleway-fake-catalog.js';
import {
  createGroup,
  deleteGroup,
  type GroupContext,
  getGroup,
  inboundOf,
  listGroups,
  listRules,
  setRules,
  updateGroup,
} from './scaleway-fake-groups.js';
import type {
  ScalewayFakeGroup,
  ScalewayFakeIp,
  ScalewayFakeServer,
  ScalewayFakeVolume,
} from './scaleway-fake-records.js';
import {
  createServer,
  deleteServer,
  getServer,
  listServers,
  listServerUserData,
  serverAction,
  setServerUserData,
  updateServer,
  zoneOf,
} from './scaleway-fake-servers.js';
import { errorBody, fakeUuid, jsonResponse, noContent, notFound, paginate } from './scaleway-fake-wire.js';

/** A fixed secret key in Scaleway's format (a UUID), sent as `X-Auth-Token`. */
export const SCALEWAY_FAKE_SECRET_KEY = '5ca1e5ec-0000-4000-8000-000000000001';
/** An access key of the right form (`SCW` and 17 letters or digits); the API never checks it. */
export const SCALEWAY_FAKE_ACCESS_KEY = 'SCWFAKEACCESSKEY0001';
/** The Project the fake's key may create in. */
export const SCALEWAY_FAKE_PROJECT_ID = '9e0a0000-0000-4000-8000-000000000001';
const ORGANIZATION_ID = '0a9a0000-0000-4000-8000-000000000001';

/** Scaleway's API base URL. */
export const SCALEWAY_API_URL = 'https://api.scaleway.com';

/** Operation name of server creation, for faults and `failNextCreation`. */
export const CREATE_SERVER_OPERATION = 'createServer';

/** Options of `ScalewayFake`. */
export interface ScalewayFakeOptions {
  /** The only secret key the fake accepts. Default `SCALEWAY_FAKE_SECRET_KEY`. */
  secretKey?: string;
  /** Where the fake answers. Default `https://api.scaleway.com`. */
  baseUrl?: string;
  /** A transition (boot, power-off, terminate) ends on this read. Default 2. */
  readsUntilActive?: number;
  /** Servers the Project may have; creates beyond answer `quotas_exceeded`. Default 25. */
  serverLimit?: number;
  /** Throttle like the real API; answers 429 `too_many_requests`. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for dates. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of Scaleway's Instance API v1 (servers, server actions, user-data, volumes,
 * security groups and their rules, flexible IPs, server types), written from the shapes of
 * Scaleway's generated SDK (`packages_generated/instance/src/v1/`); see `test-fixtures/` for the
 * trimmed description its answers are checked against. Operation names are the SDK's method
 * names. The secret key (`X-Auth-Token`) is checked before routing, as the API does.
 */
export class ScalewayFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'server';
  readonly secretKey: string;

  readonly #servers = this.store<ScalewayFakeServer>('server', (item) => `server ${item.name} (${item.id})`);
  readonly #volumes = this.store<ScalewayFakeVolume>('volume', (item) => `volume ${item.name} (${item.id})`);
  readonly #ips = this.store<ScalewayFakeIp>('ip', (item) => `IP ${item.address} (${item.id})`);
  readonly #groups = this.store<ScalewayFakeGroup>(
    'security_group',
    (item) => `security group ${item.name} (${item.id})`,
  );
  readonly #defaultGroups = new Map<string, ScalewayFakeGroup>();
  readonly #counters = new Map<string, number>();
  readonly #now: () => Date;
  #serverLimit: number;
  #maxPerPage: number | undefined;
  readonly #context: GroupContext;

  constructor(options: ScalewayFakeOptions = {}) {
    super({
      provider: 'scaleway',
      baseUrl: options.baseUrl ?? SCALEWAY_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.secretKey = options.secretKey ?? SCALEWAY_FAKE_SECRET_KEY;
    this.#now = options.now ?? (() => new Date());
    this.#serverLimit = options.serverLimit ?? 25;
    const next = (kind: string, prefix: string) => {
      const value = (this.#counters.get(kind) ?? 0) + 1;
      this.#counters.set(kind, value);
      return fakeUuid(prefix, value);
    };
    const prefixes = { server: '5e7e0000', volume: '70100000', ip: '1b000000', task: '7a5c0000' } as const;
    this.#context = {
      servers: this.#servers,
      volumes: this.#volumes,
      ips: this.#ips,
      groups: this.#groups,
      lifecycle: this.lifecycle,
      project: SCALEWAY_FAKE_PROJECT_ID,
      organization: ORGANIZATION_ID,
      now: () => this.#now().toISOString(),
      serverLimit: () => this.#serverLimit,
      maxPerPage: () => this.#maxPerPage,
      nextId: (kind) => next(kind, prefixes[kind]),
      nextGroupId: () => next('group', '5ec90000'),
      nextRuleId: () => next('rule', '401e0000'),
      nextAddress: () => {
        const index = next('address', '0');
        const value = Number.parseInt(index.slice(-12), 16);
        return `51.15.${Math.floor(value / 250) % 250}.${(value % 250) + 1}`;
      },
      hasCapacity: (zone, type) => this.hasCapacity(zone, type),
      takeAsyncFailure: () => this.takeAsyncFailure(CREATE_SERVER_OPERATION),
      defaultGroup: (zone) => this.#defaultGroup(zone),
      findGroup: (id) =>
        this.#groups.get(id) ?? [...this.#defaultGroups.values()].find((group) => group.id === id),
    };
    this.#registerRoutes();
  }

  /** Every server, in creation order. */
  servers(): readonly Readonly<ScalewayFakeServer>[] {
    return this.#servers.values();
  }

  /** Every volume, in creation order. */
  volumes(): readonly Readonly<ScalewayFakeVolume>[] {
    return this.#volumes.values();
  }

  /** Every public IP, in creation order. */
  ips(): readonly Readonly<ScalewayFakeIp>[] {
    return this.#ips.values();
  }

  /** Every security group provision (or anyone) made; the zones' default groups are not among them. */
  groups(): readonly Readonly<ScalewayFakeGroup>[] {
    return this.#groups.values();
  }

  /** Moves every security group's and volume's `creation_date` back by `ms`, as if made that long ago. */
  ageGroupsAndVolumes(ms: number): void {
    for (const item of [...this.#groups.values(), ...this.#volumes.values()])
      item.creationDate = new Date(Date.parse(item.creationDate) - ms).toISOString();
  }

  /** What the internet can reach on a server (see `inboundOf`). */
  inboundRules(serverId: string): InboundRuleState[] | undefined {
    return inboundOf(this.#context, serverId);
  }

  /** Sets how many servers the Project may have. */
  setServerLimit(limit: number): void {
    this.#serverLimit = limit;
  }

  /** Caps a page of the listings below `per_page` (`undefined` undoes it). */
  setMaxPerPage(size: number | undefined): void {
    this.#maxPerPage = size;
  }

  /** Which addresses a server shows from now on. */
  setAddressing(serverId: string, addressing: ScalewayFakeServer['addressing']): void {
    const server = this.#servers.get(serverId);
    if (server !== undefined) server.addressing = addressing;
  }

  /** The next `POST .../servers` is accepted; the server's first boot then fails with `reason`. */
  failNextServerCreation(reason: string): void {
    this.failNextCreation(CREATE_SERVER_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#counters.clear();
    this.#defaultGroups.clear();
  }

  /** Every error as `{ message, type }`; the base's generic codes in Scaleway's words. */
  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    const types: Record<string, string> = {
      rate_limited: 'too_many_requests',
      internal_error: 'internal_error',
      bad_request: 'invalid_request_error',
    };
    return errorBody(status, types[code] ?? code, message, {}, headers);
  }

  protected override beforeRoute(request: Request): void {
    if (request.headers.get('x-auth-token') !== this.secretKey)
      this.fail(
        401,
        'denied_authentication',
        'authentication is denied (method: api_key, reason: invalid_argument)',
      );
  }

  #defaultGroup(zone: string): ScalewayFakeGroup {
    let group = this.#defaultGroups.get(zone);
    if (group === undefined) {
      const now = this.#now().toISOString();
      group = {
        id: fakeUuid('defa0000', this.#defaultGroups.size + 1),
        name: 'Default security group',
        description: 'Auto generated security group.',
        zone,
        project: SCALEWAY_FAKE_PROJECT_ID,
        tags: [],
        stateful: true,
        inboundDefaultPolicy: 'accept',
        outboundDefaultPolicy: 'accept',
        enableDefaultSecurity: true,
        projectDefault: true,
        rules: [],
        creationDate: now,
        modificationDate: now,
      };
      this.#defaultGroups.set(zone, group);
    }
    return group;
  }

  #route(
    method: string,
    path: string,
    operation: string,
    handler: (context: GroupContext, route: RouteContext) => Response | Promise<Response>,
  ): void {
    this.route(method, `/instance/v1/zones/:zone${path}`, operation, (route) =>
      handler(this.#context, route),
    );
  }

  #registerRoutes(): void {
    this.#route('GET', '/servers', 'listServers', listServers);
    this.#route('POST', '/servers', CREATE_SERVER_OPERATION, createServer);
    this.#route('GET', '/servers/:server_id', 'getServer', getServer);
    this.#route('PATCH', '/servers/:server_id', 'updateServer', updateServer);
    this.#route('DELETE', '/servers/:server_id', 'deleteServer', deleteServer);
    this.#route('POST', '/servers/:server_id/action', 'serverAction', serverAction);
    this.#route('GET', '/servers/:server_id/user_data', 'listServerUserData', listServerUserData);
    this.#route('PATCH', '/servers/:server_id/user_data/:key', 'setServerUserData', setServerUserData);
    this.#route('GET', '/security_groups', 'listSecurityGroups', listGroups);
    this.#route('POST', '/security_groups', 'createSecurityGroup', createGroup);
    this.#route('GET', '/security_groups/:security_group_id', 'getSecurityGroup', getGroup);
    this.#route('PATCH', '/security_groups/:security_group_id', 'updateSecurityGroup', updateGroup);
    this.#route('DELETE', '/security_groups/:security_group_id', 'deleteSecurityGroup', deleteGroup);
    this.#route('GET', '/security_groups/:security_group_id/rules', 'listSecurityGroupRules', listRules);
    this.#route('PUT', '/security_groups/:security_group_id/rules', 'setSecurityGroupRules', setRules);
    this.#route('GET', '/volumes', 'listVolumes', (context, route) => {
      const zone = zoneOf(route);
      const page = paginate(
        context.volumes.values().filter((volume) => volume.zone === zone),
        route.url,
      );
      return jsonResponse(
        {
          volumes: page.items.map((volume) => ({
            id: volume.id,
            name: volume.name,
            size: volume.size,
            volume_type: volume.volumeType,
            state: 'available',
            organization: ORGANIZATION_ID,
            project: volume.project,
            server: volume.serverId === undefined ? null : { id: volume.serverId, name: '' },
            zone: volume.zone,
            creation_date: volume.creationDate,
            tags: [],
          })),
        },
        200,
        page.headers,
      );
    });
    this.#route('DELETE', '/volumes/:volume_id', 'deleteVolume', (context, route) => {
      const volume = context.volumes.get(route.params.volume_id ?? '');
      if (volume === undefined || volume.zone !== zoneOf(route))
        notFound('instance_volume', route.params.volume_id ?? '');
      if (volume.serverId !== undefined && context.servers.has(volume.serverId))
        return errorBody(400, 'invalid_request_error', 'a volume attached to a server cannot be deleted');
      context.volumes.delete(volume.id);
      return noContent();
    });
    this.#route('GET', '/ips', 'listIps', (context, route) => {
      const zone = zoneOf(route);
      const page = paginate(
        context.ips.values().filter((ip) => ip.zone === zone),
        route.url,
      );
      return jsonResponse(
        {
          ips: page.items.map((ip) => ({
            id: ip.id,
            address: ip.address,
            type: 'routed_ipv4',
            state: ip.serverId === undefined ? 'detached' : 'attached',
            project: ip.project,
            server: ip.serverId === undefined ? null : { id: ip.serverId, name: '' },
            tags: [],
            zone: ip.zone,
          })),
        },
        200,
        page.headers,
      );
    });
    this.#route('GET', '/dashboard', 'getDashboard', (context, route) => {
      const zone = zoneOf(route);
      const project = route.url.searchParams.get('project');
      const mine = <T extends { zone: string; project: string }>(items: readonly T[]) =>
        items.filter((item) => item.zone === zone && (project === null || item.project === project));
      const servers = mine(context.servers.values());
      const volumes = mine(context.volumes.values());
      const ips = mine(context.ips.values());
      const byType: Record<string, number> = {};
      for (const server of servers) byType[server.commercialType] = (byType[server.commercialType] ?? 0) + 1;
      return jsonResponse({
        dashboard: {
          volumes_count: volumes.length,
          running_servers_count: servers.filter((server) => server.state === 'running').length,
          servers_by_types: byType,
          images_count: 0,
          snapshots_count: 0,
          servers_count: servers.length,
          ips_count: ips.length,
          security_groups_count: mine(context.groups.values()).length,
          ips_unused: ips.filter((ip) => ip.serverId === undefined).length,
          volumes_l_ssd_count: volumes.filter((volume) => volume.volumeType === 'l_ssd').length,
          volumes_b_ssd_count: volumes.filter((volume) => volume.volumeType === 'b_ssd').length,
          volumes_l_ssd_total_size: 0,
          volumes_b_ssd_total_size: 0,
          private_nics_count: 0,
          placement_groups_count: 0,
          volumes_scratch_count: 0,
        },
      });
    });
    this.#route('GET', '/products/servers', 'listServersTypes', (_context, route) => {
      const zone = zoneOf(route);
      const sold = FAKE_SERVER_TYPES.filter((type) => type.zones.includes(zone));
      const page = paginate(sold, route.url);
      return jsonResponse(
        { servers: Object.fromEntries(page.items.map((type) => [type.id, serverTypeObject(type)])) },
        200,
        page.headers,
      );
    });
  }
}
