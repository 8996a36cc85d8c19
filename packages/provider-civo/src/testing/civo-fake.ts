import type { InboundRuleState } from '@provision/testkit/contract-fake';
import {
  bearerToken,
  FakeCloud,
  type RateLimitOptions,
  type RouteContext,
} from '@provision/testkit/fake-cloud';
import { defaultNetworkId, FAKE_REGIONS, FAKE_SIZES, fakeDiskImages } from './civo-fake-catalog.js';
import {
  createFirewall,
  createRule,
  deleteFirewall,
  deleteRule,
  type FirewallContext,
  inboundRulesOf,
  listFirewalls,
  listRules,
  renameFirewall,
} from './civo-fake-firewalls.js';
import {
  createInstance,
  deleteInstance,
  getInstance,
  type InstanceContext,
  listInstances,
  powerAction,
  regionOf,
} from './civo-fake-instances.js';
import type { CivoFakeFirewall, CivoFakeInstance } from './civo-fake-records.js';
import { errorResponse, fakeUuid, jsonResponse } from './civo-fake-wire.js';

/** A fixed key in the form of a Civo API key (50 letters and digits). */
export const CIVO_FAKE_TOKEN = 'FakeCivoKey0000000000000000000000000000000000000PV';

/** Civo's API base URL (paths start with `/v2`). */
export const CIVO_API_URL = 'https://api.civo.com';

/** Operation name of instance creation, for faults and `failNextCreation`. */
export const CREATE_INSTANCE_OPERATION = 'createInstance';

/** Options of `CivoFake`. */
export interface CivoFakeOptions {
  /** The only key the fake accepts as `Authorization: bearer <key>`. Default `CIVO_FAKE_TOKEN`. */
  token?: string;
  /** Where the fake answers. Default `https://api.civo.com`. */
  baseUrl?: string;
  /** An instance turns active on this read after creation. Default 2. */
  readsUntilActive?: number;
  /** Instances the account may have (its quota's `instance_count_limit`). Default 25. */
  instanceLimit?: number;
  /** Reads a deleted instance answers `DELETING` (keeping its hostname) before it is gone. Default 0: at once. */
  destroyAfterReads?: number;
  /** Throttle like a real API. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for `created_at`. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of the Civo API v2 (instances, power actions, firewalls and rules, networks,
 * disk images, sizes, regions, quota), written from Civo's API reference (civo.com/api): Civo
 * publishes no machine-readable description, see `test-fixtures/civo-api.SOURCE.md`. Every call
 * names its region (`?region=` or in the body); the key is checked before routing (401).
 */
export class CivoFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'instance';
  readonly token: string;

  readonly #instances = this.store<CivoFakeInstance>(
    'instance',
    (item) => `instance ${item.hostname} (${item.id})`,
  );
  readonly #firewalls = this.store<CivoFakeFirewall>(
    'firewall',
    (item) => `firewall ${item.name} (${item.id})`,
  );
  #instanceLimit: number;
  #maxPerPage: number | undefined;
  #instanceCounter = 0;
  #firewallCounter = 0;
  #ruleCounter = 0;
  #addressCounter = 0;
  readonly #context: InstanceContext & FirewallContext;

  constructor(options: CivoFakeOptions = {}) {
    super({
      provider: 'civo',
      baseUrl: options.baseUrl ?? CIVO_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.token = options.token ?? CIVO_FAKE_TOKEN;
    this.#instanceLimit = options.instanceLimit ?? 25;
    const now = options.now ?? (() => new Date());
    this.#context = {
      instances: this.#instances,
      firewalls: this.#firewalls,
      lifecycle: this.lifecycle,
      now,
      instanceLimit: () => this.#instanceLimit,
      destroyAfterReads: options.destroyAfterReads ?? 0,
      maxPerPage: () => this.#maxPerPage,
      nextInstanceId: () => fakeUuid('779d651a', ++this.#instanceCounter),
      nextFirewallId: () => fakeUuid('af5f3bae', ++this.#firewallCounter),
      nextRuleId: () => fakeUuid('4b5c6d7e', ++this.#ruleCounter),
      nextAddressIndex: () => ++this.#addressCounter,
      fail: (status, code, reason) => this.fail(status, code, reason),
      hasCapacity: (region, plan) => this.hasCapacity(region, plan),
      takeAsyncFailure: () => this.takeAsyncFailure(CREATE_INSTANCE_OPERATION),
    };
    this.#registerRoutes();
  }

  /** Every instance, in creation order. */
  instances(): readonly Readonly<CivoFakeInstance>[] {
    return this.#instances.values();
  }

  /** Every firewall the account made, in creation order. */
  firewalls(): readonly Readonly<CivoFakeFirewall>[] {
    return this.#firewalls.values();
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
  setAddressing(id: string, addressing: CivoFakeInstance['addressing']): void {
    const instance = this.#instances.get(id);
    if (instance !== undefined) instance.addressing = addressing;
  }

  override reset(): void {
    super.reset();
    this.#instanceCounter = 0;
    this.#firewallCounter = 0;
    this.#ruleCounter = 0;
    this.#addressCounter = 0;
  }

  /** Every error as `{ code, reason, result }`; the base's generic codes in Civo's words. */
  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    const words: Record<string, [string, string]> = {
      rate_limited: ['too_many_requests', 'Too many requests, please slow down'],
      internal_error: ['internal_server_error', 'Internal server error'],
      bad_request: ['parameter_invalid', 'The request body could not be read'],
      not_found: ['not_found', 'The requested resource was not found'],
    };
    const [civoCode, reason] = words[code] ?? [code, message];
    return errorResponse(status, civoCode, reason, headers);
  }

  protected override beforeRoute(request: Request): void {
    if (bearerToken(request) !== this.token)
      this.fail(401, 'authentication_invalid_key', 'The API key provided is invalid, please contact us');
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

  #regional(pattern: string, operation: string, items: (region: string) => unknown): void {
    this.#route('GET', pattern, operation, (context, route) =>
      jsonResponse(items(regionOf(context, Object.fromEntries(route.url.searchParams)))),
    );
  }

  #registerRoutes(): void {
    this.#route('GET', '/v2/instances', 'listInstances', listInstances);
    this.#route('POST', '/v2/instances', CREATE_INSTANCE_OPERATION, createInstance);
    this.#route('GET', '/v2/instances/:id', 'getInstance', getInstance);
    this.#route('DELETE', '/v2/instances/:id', 'deleteInstance', deleteInstance);
    this.#route('PUT', '/v2/instances/:id/start', 'startInstance', powerAction('start'));
    this.#route('PUT', '/v2/instances/:id/stop', 'stopInstance', powerAction('stop'));
    for (const kind of ['reboots', 'hard_reboots', 'soft_reboots'])
      this.#route('POST', `/v2/instances/:id/${kind}`, 'rebootInstance', powerAction('reboot'));
    this.#route('GET', '/v2/firewalls', 'listFirewalls', listFirewalls);
    this.#route('POST', '/v2/firewalls', 'createFirewall', createFirewall);
    this.#route('PUT', '/v2/firewalls/:id', 'updateFirewall', renameFirewall);
    this.#route('DELETE', '/v2/firewalls/:id', 'deleteFirewall', deleteFirewall);
    this.#route('GET', '/v2/firewalls/:id/rules', 'listFirewallRules', listRules);
    this.#route('POST', '/v2/firewalls/:id/rules', 'createFirewallRule', createRule);
    this.#route('DELETE', '/v2/firewalls/:id/rules/:rule_id', 'deleteFirewallRule', deleteRule);
    this.#regional('/v2/networks', 'listNetworks', (region) => [
      {
        id: defaultNetworkId(region),
        name: 'Default',
        default: true,
        cidr: '192.168.1.0/24',
        label: 'Default',
        status: 'Active',
        ipv4_enabled: true,
        ipv6_enabled: false,
      },
    ]);
    this.#regional('/v2/disk_images', 'listDiskImages', (region) => fakeDiskImages(region));
    this.#route('GET', '/v2/sizes', 'listSizes', () => jsonResponse(FAKE_SIZES));
    this.#route('GET', '/v2/regions', 'listRegions', () => jsonResponse(FAKE_REGIONS));
    this.#route('GET', '/v2/quota', 'getQuota', (context) =>
      jsonResponse({
        id: '44aab548-61ca-11e5-860e-5cf9389be614',
        default_user_id: 'ca04ddda-06e1-469a-ad63-27ac3298c42c',
        default_user_email_address: 'user@example.com',
        instance_count_limit: context.instanceLimit(),
        instance_count_usage: context.instances.size,
        cpu_core_limit: 10 * context.instanceLimit(),
        cpu_core_usage: context.instances.size,
        ram_mb_limit: 5120 * context.instanceLimit(),
        ram_mb_usage: context.instances.size * 1024,
        disk_gb_limit: 250 * context.instanceLimit(),
        disk_gb_usage: context.instances.size * 25,
        security_group_limit: 16 * context.instanceLimit(),
        security_group_usage: context.firewalls.size,
      }),
    );
  }
}
