import {
  bearerToken,
  FakeCloud,
  LongRunningOperations,
  type RateLimitOptions,
  type RouteContext,
  type RouteHandler,
} from '@provision/testkit/fake-cloud';
import {
  assertionProblem,
  GCP_FAKE_ACCESS_TOKEN,
  GCP_FAKE_AUTHORIZED_USER,
  GCP_FAKE_PROJECT,
} from './gcp-fake-auth.js';
import {
  getImage,
  getMachineType,
  getOperation,
  getRegion,
  getZone,
  imageFromFamily,
  listMachineTypes,
  listZoneOperations,
  listZones,
} from './gcp-fake-catalog-routes.js';
import type { GcpFakeContext, GcpFakeHandler } from './gcp-fake-context.js';
import {
  deleteFirewall,
  getFirewall,
  insertFirewall,
  listFirewalls,
  patchFirewall,
} from './gcp-fake-firewalls.js';
import { gcpErrors, rfc3339 } from './gcp-fake-http.js';
import {
  aggregatedInstances,
  deleteInstance,
  getInstance,
  INSERT_OPERATION,
  insertInstance,
  powerInstance,
} from './gcp-fake-instances.js';
import type { GcpFakeFirewall, GcpFakeInstance, GcpFakeOperationInfo } from './gcp-fake-records.js';

/** The Compute API v1 root. */
export const GCP_COMPUTE_URL = 'https://compute.googleapis.com/compute/v1';

/** Google's OAuth 2.0 token endpoint origin (a key file's `token_uri` is `<this>/token`). */
export const GCP_OAUTH_URL = 'https://oauth2.googleapis.com';

/**
 * The Compute API root under a base URL: one without a path is an API host (the emulator's port of
 * its own for this cloud), under which the API lives at `/compute/v1`, as on compute.googleapis.com,
 * so clients that take a host (Google's `apiEndpoint`, a discovery document's `rootUrl`) reach it.
 */
export function computeRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return new URL(trimmed).pathname === '/' ? `${trimmed}/compute/v1` : trimmed;
}

/** Options of `GcpFake`. */
export interface GcpFakeOptions {
  /** Where the Compute API answers (a URL without a path: under its `/compute/v1`). Default `https://compute.googleapis.com/compute/v1`. */
  baseUrl?: string;
  /** Where the token endpoint answers (`POST <oauthUrl>/token`). Default `https://oauth2.googleapis.com`. */
  oauthUrl?: string;
  /** The project the fake holds; any other answers 404. Default `provision-fake`. */
  project?: string;
  /** Operations end (an instance runs) on this read of the instance or the operation. Default 2. */
  readsUntilActive?: number;
  /** A deleted instance is gone on this read after its DELETE (0: at once). Default 0. */
  destroyAfterReads?: number;
  /** Instances the project may have; inserts beyond answer 403 `quotaExceeded`. Default 24. */
  instanceLimit?: number;
  /** Throttle like the real API; answers 429 `rateLimitExceeded`. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for timestamps and token expiry. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of the Compute Engine API v1 (instances, zone and global operations, firewall
 * rules, zones, machine types, images) and of the OAuth 2.0 token endpoint a service-account key
 * or a gcloud ADC file uses, written from the Compute discovery document; see `test-fixtures/` for
 * the trimmed copy its answers are checked against. Operation names are the document's method ids.
 * Inserts answer an operation that ends on a later read, never by time.
 */
export class GcpFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'instance';
  /** The project the fake holds. */
  readonly project: string;
  /** The token endpoint, as a key file's `token_uri` names it. */
  readonly tokenUri: string;

  readonly #instances = this.store<GcpFakeInstance>('instance', (instance) => `instance ${instance.id}`);
  readonly #firewalls = this.store<GcpFakeFirewall>('firewall', (rule) => `firewall rule ${rule.name}`);
  readonly #operations: LongRunningOperations;
  readonly #operationInfo = new Map<string, GcpFakeOperationInfo>();
  readonly #requestIds = new Map<string, string>();
  readonly #tokens = new Set<string>([GCP_FAKE_ACCESS_TOKEN]);
  readonly #now: () => Date;
  readonly #context: GcpFakeContext;
  #instanceLimit: number;
  readonly #insertFailuresAtOnce: string[] = [];
  #pageCap: number | undefined;
  #counter = 0;
  #addresses = 0;

  constructor(options: GcpFakeOptions = {}) {
    const oauthUrl = (options.oauthUrl ?? GCP_OAUTH_URL).replace(/\/+$/, '');
    super({
      provider: 'gcp',
      baseUrl: computeRoot(options.baseUrl ?? GCP_COMPUTE_URL),
      bases: { oauth2: oauthUrl },
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.project = options.project ?? GCP_FAKE_PROJECT;
    this.tokenUri = `${oauthUrl}/token`;
    this.#now = options.now ?? (() => new Date());
    this.#instanceLimit = options.instanceLimit ?? 24;
    this.#operations = new LongRunningOperations({
      readsUntilDone: Math.max(1, this.readsUntilActive),
      idPrefix: 'operation-1764633600000-',
      now: this.#now,
    });
    this.#context = {
      project: this.project,
      instances: this.#instances,
      firewalls: this.#firewalls,
      operations: this.#operations,
      operationInfo: this.#operationInfo,
      requestIds: this.#requestIds,
      now: this.#now,
      instanceLimit: () => this.#instanceLimit,
      destroyAfterReads: options.destroyAfterReads ?? 0,
      pageCap: () => this.#pageCap,
      nextNumericId: () => String(4_000_000_000_000_000 + ++this.#counter),
      // The documentation ranges (RFC 5737), 250 addresses each: unique for the first 750 hosts.
      nextAddress: () => {
        const index = this.#addresses++;
        const block = ['203.0.113', '198.51.100', '192.0.2'][Math.floor(index / 250) % 3];
        return `${block}.${(index % 250) + 1}`;
      },
      hasCapacity: (zone, machineType) => this.hasCapacity(zone, machineType),
      takeAsyncFailure: (operation) => this.takeAsyncFailure(operation),
      takeInsertFailureAtOnce: () => this.#insertFailuresAtOnce.shift(),
    };
    this.#registerRoutes();
  }

  /** Every instance that still exists, in creation order. */
  instances(): readonly Readonly<GcpFakeInstance>[] {
    return this.#instances.values();
  }

  /** Every firewall rule made through the API (not the default network's own), in creation order. */
  firewalls(): readonly Readonly<GcpFakeFirewall>[] {
    return this.#firewalls.values();
  }

  /** Moves every rule's `creationTimestamp` back by `ms`, as if it had been made that long ago. */
  ageFirewalls(ms: number): void {
    for (const rule of this.#firewalls.values())
      rule.creationTimestamp = rfc3339(new Date(Date.parse(rule.creationTimestamp) - ms));
  }

  /** Sets how many instances the project may have. */
  setInstanceLimit(limit: number): void {
    this.#instanceLimit = limit;
  }

  /** Caps a list page below `maxResults` (`undefined` undoes it). */
  setPageCap(size: number | undefined): void {
    this.#pageCap = size;
  }

  /** Which addresses an instance shows from now on: `public`, `private-only` or `none`. */
  setAddressing(id: string, addressing: GcpFakeInstance['addressing']): void {
    const instance = this.#instances.get(id);
    if (instance !== undefined) instance.addressing = addressing;
  }

  /** Ends every token the token endpoint issued (as an hour does): requests with one answer 401 from now on. */
  expireIssuedTokens(): void {
    for (const token of this.#tokens) if (token !== GCP_FAKE_ACCESS_TOKEN) this.#tokens.delete(token);
  }

  /** Makes the next insert accepted, then its operation fail with `reason` (the instance is removed). */
  failNextInsert(reason: string): void {
    this.failNextCreation(INSERT_OPERATION, reason);
  }

  /**
   * Makes the next insert answer its operation already `DONE` with `reason` as its error
   * (`ZONE_RESOURCE_POOL_EXHAUSTED`), as Compute Engine may for a failure it meets before it
   * answers; no instance is made.
   */
  failNextInsertAtOnce(reason: string): void {
    this.#insertFailuresAtOnce.push(reason);
  }

  override reset(): void {
    super.reset();
    this.#insertFailuresAtOnce.length = 0;
    this.#operations.clear();
    this.#operationInfo.clear();
    this.#requestIds.clear();
    this.#tokens.clear();
    this.#tokens.add(GCP_FAKE_ACCESS_TOKEN);
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    return gcpErrors.fromBase(status, code, message, headers);
  }

  protected override beforeRoute(request: Request, base: string): void {
    if (base !== 'main') return;
    const token = bearerToken(request);
    if (token === undefined || !this.#tokens.has(token)) gcpErrors.fail('unauthorized');
  }

  #route(method: string, pattern: string, operation: string, handler: GcpFakeHandler): void {
    const withContext: RouteHandler = (route) => handler(this.#context, route);
    this.route(method, pattern, operation, withContext);
  }

  #registerRoutes(): void {
    const zone = '/projects/:project/zones/:zone';
    this.#route('POST', `${zone}/instances`, INSERT_OPERATION, insertInstance);
    this.#route('GET', `${zone}/instances/:instance`, 'compute.instances.get', getInstance);
    this.#route('DELETE', `${zone}/instances/:instance`, 'compute.instances.delete', deleteInstance);
    this.#route(
      'POST',
      `${zone}/instances/:instance/start`,
      'compute.instances.start',
      powerInstance('start'),
    );
    this.#route('POST', `${zone}/instances/:instance/stop`, 'compute.instances.stop', powerInstance('stop'));
    this.#route(
      'POST',
      `${zone}/instances/:instance/reset`,
      'compute.instances.reset',
      powerInstance('reset'),
    );
    this.#route(
      'GET',
      '/projects/:project/aggregated/instances',
      'compute.instances.aggregatedList',
      aggregatedInstances,
    );
    this.#route('GET', `${zone}/operations`, 'compute.zoneOperations.list', listZoneOperations);
    this.#route('GET', `${zone}/operations/:operation`, 'compute.zoneOperations.get', getOperation('zone'));
    this.#route(
      'GET',
      '/projects/:project/global/operations/:operation',
      'compute.globalOperations.get',
      getOperation('global'),
    );
    this.#route('POST', '/projects/:project/global/firewalls', 'compute.firewalls.insert', insertFirewall);
    this.#route('GET', '/projects/:project/global/firewalls', 'compute.firewalls.list', listFirewalls);
    this.#route('GET', '/projects/:project/global/firewalls/:firewall', 'compute.firewalls.get', getFirewall);
    this.#route(
      'PATCH',
      '/projects/:project/global/firewalls/:firewall',
      'compute.firewalls.patch',
      patchFirewall,
    );
    this.#route(
      'DELETE',
      '/projects/:project/global/firewalls/:firewall',
      'compute.firewalls.delete',
      deleteFirewall,
    );
    this.#route('GET', '/projects/:project/zones', 'compute.zones.list', listZones);
    this.#route('GET', `${zone}`, 'compute.zones.get', getZone);
    this.#route('GET', '/projects/:project/regions/:region', 'compute.regions.get', getRegion);
    this.#route('GET', `${zone}/machineTypes`, 'compute.machineTypes.list', listMachineTypes);
    this.#route('GET', `${zone}/machineTypes/:machineType`, 'compute.machineTypes.get', getMachineType);
    this.#route(
      'GET',
      '/projects/:project/global/images/family/:family',
      'compute.images.getFromFamily',
      imageFromFamily,
    );
    this.#route('GET', '/projects/:project/global/images/:image', 'compute.images.get', getImage);
    this.route('POST', '/token', 'oauth2.token', (route) => this.#token(route), { base: 'oauth2' });
  }

  /**
   * Google's token endpoint for the two grants ADC files use: the JWT bearer grant of a service-account
   * key, the refresh-token grant of a gcloud ADC file. Errors in RFC 6749's shape.
   * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
   */
  async #token(route: RouteContext): Promise<Response> {
    const form = await route.form();
    const refuse = (error: string, description: string) =>
      Response.json({ error, error_description: description }, { status: 400 });
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const problem = assertionProblem(
        form.get('assertion') ?? '',
        this.tokenUri,
        Math.floor(this.#now().getTime() / 1000),
      );
      if (problem !== undefined) return refuse('invalid_grant', problem);
    } else if (grant === 'refresh_token') {
      const user = GCP_FAKE_AUTHORIZED_USER;
      if (form.get('client_id') !== user.client_id || form.get('client_secret') !== user.client_secret)
        return Response.json(
          { error: 'invalid_client', error_description: 'The OAuth client was not found.' },
          { status: 401 },
        );
      if (form.get('refresh_token') !== user.refresh_token) return refuse('invalid_grant', 'Bad Request');
    } else return refuse('unsupported_grant_type', `Invalid grant_type: ${grant ?? ''}`);
    this.#counter += 1;
    const token = `ya29.fake-issued-${this.#counter}-${'x'.repeat(20)}`;
    this.#tokens.add(token);
    return Response.json({ access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }
}
