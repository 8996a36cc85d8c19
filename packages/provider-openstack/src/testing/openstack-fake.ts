import { AsyncLocalStorage } from 'node:async_hooks';
import type { InboundRuleState } from '@provision/testkit/contract-fake';
import {
  FakeCloud,
  type HandleOptions,
  type NetworkError,
  type RateLimitOptions,
  ResourceStore,
} from '@provision/testkit/fake-cloud';
import type { OpenStackSettings } from '../openstack-settings.js';
import { FAKE_PROJECT, FAKE_REGIONS, fakeUuid } from './openstack-fake-catalog.js';
import type { FakeIdentity, IssuedToken } from './openstack-fake-identity.js';
import type {
  FakeFloatingIp,
  FakeNetwork,
  FakePort,
  FakeSecurityGroup,
  FakeServer,
} from './openstack-fake-records.js';
import { registerRoutes } from './openstack-fake-routes.js';
import { egressRules, inboundRulesOf } from './openstack-fake-security-groups.js';
import { advanceDeletions } from './openstack-fake-servers.js';
import type { FakeState } from './openstack-fake-state.js';
import {
  CREATE_SERVER_OPERATION,
  type FakeService,
  fail,
  isoSeconds,
  MAX_COMPUTE_MICROVERSION,
  requestedMicroversion,
  serviceError,
  serviceOf,
} from './openstack-fake-wire.js';

export { CREATE_SERVER_OPERATION, MAX_COMPUTE_MICROVERSION } from './openstack-fake-wire.js';

/** The fake's password for the user `demo` (project `demo`, domain `Default`). */
export const OPENSTACK_FAKE_PASSWORD = 'fake-openstack-password-0';
/** An application credential the fake accepts. */
export const OPENSTACK_FAKE_APPLICATION_CREDENTIAL = {
  id: '6d3c2b1a0f9e4d8c7b6a5f4e3d2c1b0a',
  secret: 'fake-application-credential-secret-0',
} as const;
/** Where the fake answers unless told otherwise. */
export const OPENSTACK_FAKE_URL = 'https://openstack.example.test';

/**
 * Settings that sign in to a fake answering at `baseUrl` (default `OPENSTACK_FAKE_URL`) as its user
 * `demo`, password `OPENSTACK_FAKE_PASSWORD`, in project `demo` and region `RegionOne`.
 */
export function openStackFakeSettings(baseUrl: string = OPENSTACK_FAKE_URL) {
  return {
    endpoint: `${baseUrl}/identity/v3`,
    username: 'demo',
    password: OPENSTACK_FAKE_PASSWORD,
    projectName: 'demo',
    regionName: 'RegionOne',
  } satisfies OpenStackSettings;
}

/** Options of `OpenStackFake`. */
export interface OpenStackFakeOptions {
  /** Where the fake answers (the service catalog points under it). Default `https://openstack.example.test`. */
  baseUrl?: string;
  /** A server turns ACTIVE on this read after creation. Default 2. */
  readsUntilActive?: number;
  /** Servers the project may have; creates beyond answer 403 (Nova's quota error). Default 25. */
  instanceLimit?: number;
  rateLimit?: RateLimitOptions;
  /** The clock for timestamps and token expiry. Default: the real clock. */
  now?: () => Date;
}

const ID_PREFIXES: Record<string, string> = {
  server: 'c0ffee00',
  port: '9a7b0c1d',
  floatingip: 'f10a7000',
  securitygroup: '5ec00000',
  rule: '7e1e0000',
  network: 'ae70c000',
  token: '',
};

/**
 * A stateful fake of an OpenStack cloud as its clients see it: Keystone v3 (tokens with a service
 * catalog pointing back at the fake), Nova (servers at microversion 2.47, flavors, limits),
 * Neutron (networks, ports, floating IPs, security groups and rules) and Glance (images), each
 * service's paths under `/<service>/<region>`, each with its own error shape. Written from the
 * OpenStack API references and the OpenAPI descriptions generated from them (see `test-fixtures/`);
 * operation names are those descriptions' operationIds. Every service but the token and version
 * documents wants a valid `X-Auth-Token`.
 */
export class OpenStackFake extends FakeCloud {
  readonly hostKind = 'server';
  readonly identity: FakeIdentity;
  readonly #servers = this.store<FakeServer>('server', (item) => `server ${item.name} (${item.id})`);
  readonly #ports = this.store<FakePort>('port', (item) => `port ${item.name} (${item.id})`);
  readonly #floatingIps = this.store<FakeFloatingIp>(
    'floatingip',
    (item) => `floating IP ${item.address} (${item.id})`,
  );
  readonly #groups = this.store<FakeSecurityGroup>(
    'security_group',
    (item) => `security group ${item.name} (${item.id})`,
  );
  // Networks and the default groups are the cloud's own, not leftovers of anything.
  readonly #networks = new ResourceStore<FakeNetwork>('network');
  readonly #defaultGroups = new Set<string>();
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #request = new AsyncLocalStorage<{ service: FakeService; microversion: string }>();
  readonly #now: () => Date;
  #counters = new Map<string, number>();
  #addresses = new Map<string, number>();
  #instanceLimit: number;
  #maxPerPage: number | undefined;
  readonly #state: FakeState;

  constructor(options: OpenStackFakeOptions = {}) {
    super({
      provider: 'openstack',
      baseUrl: options.baseUrl ?? OPENSTACK_FAKE_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.identity = {
      password: OPENSTACK_FAKE_PASSWORD,
      applicationCredentialId: OPENSTACK_FAKE_APPLICATION_CREDENTIAL.id,
      applicationCredentialSecret: OPENSTACK_FAKE_APPLICATION_CREDENTIAL.secret,
    };
    this.#now = options.now ?? (() => new Date());
    this.#instanceLimit = options.instanceLimit ?? 25;
    this.#state = {
      baseUrl: this.baseUrl,
      servers: this.#servers,
      networks: this.#networks,
      ports: this.#ports,
      floatingIps: this.#floatingIps,
      securityGroups: this.#groups,
      lifecycle: this.lifecycle,
      now: this.#now,
      nextId: (kind) => this.#nextId(kind),
      nextAddress: (item) => {
        const next = (this.#addresses.get(item.id) ?? 9) + 1;
        this.#addresses.set(item.id, next);
        return `${item.prefix}.${next}`;
      },
      instanceLimit: () => this.#instanceLimit,
      maxPerPage: () => this.#maxPerPage,
      hasCapacity: (region, plan) => this.hasCapacity(region, plan),
      takeAsyncFailure: () => this.takeAsyncFailure(CREATE_SERVER_OPERATION),
      defaultGroup: (region) => this.#defaultGroup(region),
      microversion: () => {
        const asked = this.#request.getStore()?.microversion ?? '';
        if (asked === 'latest') return 47;
        return Number(asked.split('.')[1] ?? 1) || 1;
      },
    };
    this.#seed();
    this.#registerRoutes();
  }

  /** Every server, in creation order. */
  servers(): readonly Readonly<FakeServer>[] {
    return this.#servers.values();
  }

  ports(): readonly Readonly<FakePort>[] {
    return this.#ports.values();
  }

  floatingIps(): readonly Readonly<FakeFloatingIp>[] {
    return this.#floatingIps.values();
  }

  securityGroups(): readonly Readonly<FakeSecurityGroup>[] {
    return this.#groups.values();
  }

  /** Moves the `created_at` of every port, floating IP and security group back by `ms`, as if made that long ago. */
  ageNetworkResources(ms: number): void {
    for (const item of [...this.#ports.values(), ...this.#floatingIps.values(), ...this.#groups.values()])
      item.created = isoSeconds(new Date(Date.parse(item.created) - ms));
  }

  /** The networks of a region (the cloud's own: `private` of the project, `public` external). */
  networks(region: string = FAKE_REGIONS[0]): readonly Readonly<FakeNetwork>[] {
    return this.#networks.values().filter((item) => item.region === region);
  }

  /** What the internet can reach on a server: the ingress rules open to anywhere of its ports' own groups. */
  inboundRules(serverId: string): InboundRuleState[] | undefined {
    return inboundRulesOf(this.#state, serverId);
  }

  setInstanceLimit(limit: number): void {
    this.#instanceLimit = limit;
  }

  /** Caps server listing pages below `limit` (`undefined` undoes it). */
  setMaxPerPage(size: number | undefined): void {
    this.#maxPerPage = size;
  }

  setAddressing(serverId: string, addressing: FakeServer['addressing']): void {
    const server = this.#servers.get(serverId);
    if (server !== undefined) server.addressing = addressing;
  }

  /** Forgets every token, as a Keystone restart with new keys would: the next request answers 401. */
  revokeTokens(): void {
    this.#tokens.clear();
  }

  override reset(): void {
    super.reset();
    this.#counters = new Map();
    this.#addresses = new Map();
    this.#tokens.clear();
    this.#networks.clear();
    this.#defaultGroups.clear();
    this.#seed();
  }

  override async handle(request: Request, options?: HandleOptions): Promise<Response | NetworkError> {
    const service = serviceOf(this.#pathOf(request));
    const microversion = service === 'compute' ? requestedMicroversion(request) : '';
    const answer = await this.#request.run({ service, microversion }, () => super.handle(request, options));
    if (service !== 'compute' || !(answer instanceof Response)) return answer;
    // Every Nova answer says which microversion it speaks.
    const headers = new Headers(answer.headers);
    const spoken = microversion === 'latest' || microversion === '' ? MAX_COMPUTE_MICROVERSION : microversion;
    headers.set('openstack-api-version', `compute ${spoken}`);
    headers.set('x-openstack-nova-api-version', spoken);
    headers.set('vary', 'OpenStack-API-Version, X-OpenStack-Nova-API-Version');
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    const service = this.#request.getStore()?.service ?? 'compute';
    const words: Record<string, string> = {
      rate_limited: 'This request was rate-limited.',
      internal_error:
        'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.',
      not_found: 'The resource could not be found.',
      bad_request: 'Malformed request body.',
    };
    return serviceError(service, status, words[code] ?? message, undefined, headers);
  }

  protected override beforeRoute(request: Request): void {
    const path = this.#pathOf(request);
    // The version documents and the token request need no token; everything else does.
    if (
      /^\/identity\/v3(\/auth\/tokens)?\/?$/.test(path) ||
      /^\/(compute|network|image)\/[^/]+(\/v2\.1)?\/?$/.test(path)
    ) {
      this.#checkMicroversion();
      return;
    }
    const token = this.#tokens.get(request.headers.get('x-auth-token') ?? '');
    if (token === undefined || token.projectId === undefined || token.expiresAt <= this.#now().getTime())
      fail('identity', 401, 'The request you have made requires authentication.');
    this.#checkMicroversion();
    if (this.#request.getStore()?.service === 'compute') advanceDeletions(this.#state);
  }

  /** The request's path under the fake's base URL. */
  #pathOf(request: Request): string {
    return new URL(request.url).pathname.slice(new URL(this.baseUrl).pathname.replace(/\/+$/, '').length);
  }

  #checkMicroversion(): void {
    const { service, microversion } = this.#request.getStore() ?? { service: 'compute', microversion: '' };
    if (service !== 'compute' || microversion === '' || microversion === 'latest') return;
    const [major, minor] = microversion.split('.').map(Number);
    if (major !== 2 || minor === undefined || Number.isNaN(minor) || minor > 47)
      fail(
        'compute',
        406,
        `Version ${microversion} is not supported by the API. Minimum is 2.1 and maximum is ${MAX_COMPUTE_MICROVERSION}.`,
        'computeFault',
      );
  }

  #nextId(kind: string): string {
    const count = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, count);
    if (kind === 'token') return `gAAAAABf${count.toString(36).padStart(8, '0')}fakeopenstacktoken`;
    return fakeUuid(ID_PREFIXES[kind] ?? '0badc0de', count);
  }

  #defaultGroup(region: string): FakeSecurityGroup {
    const found = this.#groups.values().find((group) => group.region === region && group.name === 'default');
    if (found === undefined) throw new Error(`no default group in ${region}`);
    return found;
  }

  #seed(): void {
    FAKE_REGIONS.forEach((region, index) => {
      const add = (name: string, external: boolean, prefix: string) => {
        const id = this.#nextId('network');
        this.#networks.set({
          id,
          region,
          name,
          external,
          shared: false,
          projectId: external ? '2f8e0b6c4a1d4e7f9b3c5a7d9e1f3b5d' : FAKE_PROJECT.id,
          subnetId: fakeUuid('5b0e7000', this.#networks.size + 1),
          prefix,
        });
      };
      add('public', true, `203.0.11${3 - index}`);
      add('private', false, `10.${index}.0`);
      const id = this.#nextId('securitygroup');
      this.#defaultGroups.add(id);
      this.#groups.set({
        id,
        region,
        name: 'default',
        description: 'Default security group',
        rules: egressRules(this.#state, id),
        created: '2026-01-01T00:00:00Z',
      });
    });
  }

  /** What remains of what clients made: the cloud's own networks and default groups are not counted. */
  override leftovers() {
    return super.leftovers().filter((leftover) => !this.#defaultGroups.has(leftover.id));
  }
  #registerRoutes(): void {
    registerRoutes({
      route: (method, pattern, operation, handler) => this.route(method, pattern, operation, handler),
      state: this.#state,
      identity: this.identity,
      now: this.#now,
      issueToken: (token) => {
        const id = this.#nextId('token');
        this.#tokens.set(id, token);
        return id;
      },
    });
  }
}
