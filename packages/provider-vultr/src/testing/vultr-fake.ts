import type { InboundRuleState } from '@provision/testkit/contract-fake';
import {
  bearerToken,
  FakeCloud,
  type RateLimitOptions,
  type RouteContext,
} from '@provision/testkit/fake-cloud';
import { FAKE_OS, FAKE_PLANS, FAKE_REGIONS } from './vultr-fake-catalog.js';
import {
  createGroup,
  createRule,
  deleteGroup,
  deleteRule,
  type FirewallContext,
  getGroup,
  inboundRulesOf,
  listGroups,
  listRules,
  updateGroup,
} from './vultr-fake-firewalls.js';
import {
  createInstance,
  deleteInstance,
  getInstance,
  type InstanceContext,
  instanceId,
  listInstances,
  powerAction,
} from './vultr-fake-instances.js';
import type { VultrFakeGroup, VultrFakeInstance } from './vultr-fake-records.js';
import { errorResponse, fakeUuid, jsonResponse, paginate, vultrDate } from './vultr-fake-wire.js';

/** A fixed key in Vultr's API key format (36 upper-case letters and digits). */
export const VULTR_FAKE_API_KEY = 'FAKEVULTRKEY0000000000000000000000PV';

/** Vultr's API base URL (the description's server is `https://api.vultr.com/v2`). */
export const VULTR_API_URL = 'https://api.vultr.com';

/** Operation name of instance creation, for faults and `failNextCreation`. */
export const CREATE_INSTANCE_OPERATION = 'create-instance';

/** Options of `VultrFake`. */
export interface VultrFakeOptions {
  /** The only key the fake accepts as `Authorization: Bearer <key>`. Default `VULTR_FAKE_API_KEY`. */
  apiKey?: string;
  /** Where the fake answers. Default `https://api.vultr.com`. */
  baseUrl?: string;
  /** An instance turns active on this read after creation. Default 2. */
  readsUntilActive?: number;
  /** Instances the account may have; creates beyond answer 400. Default 25. */
  instanceLimit?: number;
  /** Throttle like the real API (above 30 requests a second it answers 429). Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for `date_created`. Default: the real clock. */
  now?: () => Date;
}

/** Paths the description marks `security: []`: answered without a key. */
const PUBLIC_PATHS = new Set(['/v2/plans', '/v2/regions', '/v2/os']);

/**
 * A stateful fake of the Vultr API v2 (instances, power actions, firewall groups and rules,
 * plans, regions, os, account), written from Vultr's OpenAPI description; see `test-fixtures/`
 * for the trimmed copy its answers are checked against. Operation names (for faults and call
 * counts) are the description's operationIds. The key is checked before routing (401 on any
 * path but the public catalog ones), as the API does.
 */
export class VultrFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'instance';
  readonly apiKey: string;

  readonly #instances = this.store<VultrFakeInstance>(
    'instance',
    (item) => `instance ${item.label} (${item.id})`,
  );
  readonly #groups = this.store<VultrFakeGroup>(
    'firewall_group',
    (item) => `firewall group ${item.description} (${item.id})`,
  );
  readonly #now: () => Date;
  #instanceLimit: number;
  #maxPerPage: number | undefined;
  #instanceCounter = 0;
  #groupCounter = 0;
  #addressCounter = 0;
  readonly #context: InstanceContext & FirewallContext;

  constructor(options: VultrFakeOptions = {}) {
    super({
      provider: 'vultr',
      baseUrl: options.baseUrl ?? VULTR_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.apiKey = options.apiKey ?? VULTR_FAKE_API_KEY;
    this.#now = options.now ?? (() => new Date());
    this.#instanceLimit = options.instanceLimit ?? 25;
    this.#context = {
      instances: this.#instances,
      groups: this.#groups,
      lifecycle: this.lifecycle,
      now: this.#now,
      instanceLimit: () => this.#instanceLimit,
      maxPerPage: () => this.#maxPerPage,
      nextInstanceId: () => instanceId(++this.#instanceCounter),
      nextGroupId: () => fakeUuid('1a2b3c4d', ++this.#groupCounter),
      nextAddressIndex: () => ++this.#addressCounter,
      fail: (status, message) => this.fail(status, 'vultr', message),
      hasCapacity: (region, plan) => this.hasCapacity(region, plan),
      takeAsyncFailure: () => this.takeAsyncFailure(CREATE_INSTANCE_OPERATION),
    };
    this.#registerRoutes();
  }

  /** Every instance, in creation order. */
  instances(): readonly Readonly<VultrFakeInstance>[] {
    return this.#instances.values();
  }

  /** Every firewall group, in creation order. */
  groups(): readonly Readonly<VultrFakeGroup>[] {
    return this.#groups.values();
  }

  /** Moves every firewall group's `date_created` back by `ms`, as if it had been made that long ago. */
  ageGroups(ms: number): void {
    for (const group of this.#groups.values())
      group.dateCreated = vultrDate(new Date(Date.parse(group.dateCreated) - ms));
  }

  /** What the internet can reach on an instance (see `inboundRulesOf`). */
  inboundRules(instanceId: string): InboundRuleState[] | undefined {
    return inboundRulesOf(this.#context, instanceId);
  }

  /** Sets how many instances the account may have. */
  setInstanceLimit(limit: number): void {
    this.#instanceLimit = limit;
  }

  /** Caps `GET /v2/instances` pages below `per_page` (`undefined` undoes it). */
  setMaxPerPage(size: number | undefined): void {
    this.#maxPerPage = size;
  }

  /** Which addresses an instance shows from now on. */
  setAddressing(id: string, addressing: VultrFakeInstance['addressing']): void {
    const instance = this.#instances.get(id);
    if (instance !== undefined) instance.addressing = addressing;
  }

  /** The next `POST /v2/instances` is accepted, then the instance ends `suspended`. */
  failNextInstanceCreation(reason: string): void {
    this.failNextCreation(CREATE_INSTANCE_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#instanceCounter = 0;
    this.#groupCounter = 0;
    this.#addressCounter = 0;
  }

  /** Every error as `{ error, status }`; the base's generic codes in Vultr's words. */
  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    const words: Record<string, string> = {
      rate_limited: 'Rate limit reached - please try your request again later.',
      internal_error: 'Internal server error.',
      bad_request: 'Invalid JSON body.',
    };
    return errorResponse(status, words[code] ?? message, headers);
  }

  protected override beforeRoute(request: Request): void {
    if (PUBLIC_PATHS.has(new URL(request.url).pathname.replace(/^.*(?=\/v2\/)/, ''))) return;
    if (bearerToken(request) !== this.apiKey) this.fail(401, 'vultr', 'Invalid API token.');
  }

  #route(
    method: string,
    pattern: string,
    operation: string,
    handler: (
      context: InstanceContext & FirewallContext,
      route: RouteContext,
    ) => Response | Promise<Response>,
  ): void {
    this.route(method, pattern, operation, (route) => handler(this.#context, route));
  }

  #catalog(pattern: string, operation: string, key: string, items: readonly unknown[]): void {
    this.#route('GET', pattern, operation, (_context, route) => {
      const page = paginate(items, route.url);
      if (page === undefined) return errorResponse(400, 'Invalid cursor.');
      return jsonResponse({ [key]: page.items, meta: page.meta });
    });
  }

  #registerRoutes(): void {
    this.#route('GET', '/v2/instances', 'list-instances', listInstances);
    this.#route('POST', '/v2/instances', CREATE_INSTANCE_OPERATION, createInstance);
    this.#route('GET', '/v2/instances/:instance-id', 'get-instance', getInstance);
    this.#route('DELETE', '/v2/instances/:instance-id', 'delete-instance', deleteInstance);
    this.#route('POST', '/v2/instances/:instance-id/start', 'start-instance', powerAction('start'));
    this.#route('POST', '/v2/instances/:instance-id/halt', 'halt-instance', powerAction('halt'));
    this.#route('POST', '/v2/instances/:instance-id/reboot', 'reboot-instance', powerAction('reboot'));
    this.#route('GET', '/v2/firewalls', 'list-firewall-groups', listGroups);
    this.#route('POST', '/v2/firewalls', 'create-firewall-group', createGroup);
    this.#route('GET', '/v2/firewalls/:firewall-group-id', 'get-firewall-group', getGroup);
    this.#route('PUT', '/v2/firewalls/:firewall-group-id', 'update-firewall-group', updateGroup);
    this.#route('DELETE', '/v2/firewalls/:firewall-group-id', 'delete-firewall-group', deleteGroup);
    this.#route('GET', '/v2/firewalls/:firewall-group-id/rules', 'list-firewall-group-rules', listRules);
    this.#route(
      'POST',
      '/v2/firewalls/:firewall-group-id/rules',
      'post-firewalls-firewall-group-id-rules',
      createRule,
    );
    this.#route(
      'DELETE',
      '/v2/firewalls/:firewall-group-id/rules/:firewall-rule-id',
      'delete-firewall-group-rule',
      deleteRule,
    );
    this.#catalog('/v2/plans', 'list-plans', 'plans', FAKE_PLANS);
    this.#catalog('/v2/regions', 'list-regions', 'regions', FAKE_REGIONS);
    this.#catalog('/v2/os', 'list-os', 'os', FAKE_OS);
    this.#route('GET', '/v2/account', 'get-account', () =>
      jsonResponse({
        account: {
          name: 'Fake Account',
          email: 'user@example.com',
          acls: ['manage_users', 'subscriptions', 'provisioning', 'firewall'],
          balance: -10.5,
          pending_charges: 1.25,
          last_payment_date: '2026-11-01T00:00:00+00:00',
          last_payment_amount: -10,
        },
      }),
    );
  }
}
