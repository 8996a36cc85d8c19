import {
  bearerToken,
  FakeCloud,
  type RateLimitOptions,
  type RouteContext,
  type RouteHandler,
} from '@provision/testkit/fake-cloud';
import {
  FAKE_IMAGES,
  FAKE_LOCATIONS,
  FAKE_SERVER_TYPES,
  imageObject,
  pricingObject,
  serverTypeObject,
} from './hetzner-fake-catalog.js';
import {
  applyFirewallToResources,
  createFirewall,
  deleteFirewall,
  getFirewall,
  listFirewalls,
  listPrimaryIps,
  removeFirewallFromResources,
  replaceFirewall,
} from './hetzner-fake-firewalls.js';
import { hetznerErrors, isoTime, json, paginate, RATE_LIMIT_PER_HOUR } from './hetzner-fake-http.js';
import type {
  HetznerFakeAction,
  HetznerFakeContext,
  HetznerFakeFirewall,
  HetznerFakePrimaryIp,
  HetznerFakeServer,
} from './hetzner-fake-records.js';
import {
  CREATE_SERVER_OPERATION,
  createServer,
  deleteServer,
  getAction,
  getServer,
  listServerActions,
  listServers,
  powerAction,
} from './hetzner-fake-servers.js';

/** A fixed token in Hetzner's format (64 letters and digits). */
export const HETZNER_FAKE_TOKEN = 'FakeHetznerToken'.repeat(4);

/** Hetzner Cloud's API base URL. */
export const HETZNER_API_URL = 'https://api.hetzner.cloud/v1';

/** Options of `HetznerFake`. */
export interface HetznerFakeOptions {
  /** The only token the fake accepts as `Authorization: Bearer <token>`. Default `HETZNER_FAKE_TOKEN`. */
  token?: string;
  /** Where the fake answers. Default `https://api.hetzner.cloud/v1`. */
  baseUrl?: string;
  /** A server is `running` (a power action done) on this read. Default 2. */
  readsUntilActive?: number;
  /** A deleted server answers 404 on this read after the DELETE (0: at once). Default `readsUntilActive`. */
  destroyAfterReads?: number;
  /** Servers the project may have; creates beyond answer `resource_limit_exceeded`. Default 25. */
  serverLimit?: number;
  /** Throttle like the real API; answers 429 `rate_limit_exceeded`. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for `created` and `RateLimit-Reset`. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of the Hetzner Cloud API v1 (servers, server actions, actions, firewalls,
 * primary IPs, server types, locations, images, pricing), written from Hetzner's OpenAPI
 * description; see `test-fixtures/` for the trimmed copy its answers are checked against.
 * Operation names (for faults and call counts) are the description's operationIds. The token is
 * checked before routing, so a bad token answers 401 on any path.
 */
export class HetznerFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'server';
  /** The token requests must carry. */
  readonly token: string;

  readonly #servers = this.store<HetznerFakeServer>(
    'server',
    (server) => `server ${server.name} (${server.id})`,
  );
  readonly #firewalls = this.store<HetznerFakeFirewall>(
    'firewall',
    (item) => `firewall ${item.name} (${item.id})`,
  );
  readonly #primaryIps = this.store<HetznerFakePrimaryIp>(
    'primary_ip',
    (ip) => `primary IP ${ip.ip} (${ip.id})`,
  );
  readonly #actions = new Map<number, HetznerFakeAction>();
  readonly #now: () => Date;
  readonly #resetAt: number;
  readonly #context: HetznerFakeContext;
  #serverLimit: number;
  #maxPerPage: number | undefined;
  #actionCounter = 0;
  #addressCounter = 0;

  constructor(options: HetznerFakeOptions = {}) {
    super({
      provider: 'hetzner',
      baseUrl: options.baseUrl ?? HETZNER_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.token = options.token ?? HETZNER_FAKE_TOKEN;
    this.#now = options.now ?? (() => new Date());
    this.#serverLimit = options.serverLimit ?? 25;
    this.#resetAt = Math.floor(this.#now().getTime() / 1000) + 3600;
    this.#context = {
      servers: this.#servers,
      firewalls: this.#firewalls,
      primaryIps: this.#primaryIps,
      actions: this.#actions,
      lifecycle: this.lifecycle,
      serverLimit: () => this.#serverLimit,
      maxPerPage: () => this.#maxPerPage,
      destroyAfterReads: options.destroyAfterReads ?? this.readsUntilActive,
      now: () => isoTime(this.#now()),
      startAction: (command, resources, failure) => {
        this.#actionCounter += 1;
        const action: HetznerFakeAction = {
          id: 13_000_000 + this.#actionCounter,
          command,
          status: 'running',
          started: isoTime(this.#now()),
          finished: null,
          resources,
          error: null,
          ...(failure === undefined ? {} : { failure }),
        };
        this.#actions.set(action.id, action);
        return action;
      },
      nextAddressIndex: () => ++this.#addressCounter,
      hasCapacity: (location, type) => this.hasCapacity(location, type),
      takeAsyncFailure: (operation) => this.takeAsyncFailure(operation),
    };
    this.#registerRoutes();
  }

  /** Every server that still exists (including ones being deleted), in creation order. */
  servers(): readonly Readonly<HetznerFakeServer>[] {
    return this.#servers.values();
  }

  /** Every firewall, in creation order. */
  firewalls(): readonly Readonly<HetznerFakeFirewall>[] {
    return this.#firewalls.values();
  }

  /** Moves every firewall's `created` back by `ms`, as if it had been made that long ago. */
  ageFirewalls(ms: number): void {
    for (const firewall of this.#firewalls.values())
      firewall.created = isoTime(new Date(Date.parse(firewall.created) - ms));
  }

  /** Every primary IP, in creation order. */
  primaryIps(): readonly Readonly<HetznerFakePrimaryIp>[] {
    return this.#primaryIps.values();
  }

  /** Every action, including the failed `create_server` of a server `failNextCreation` broke. */
  actions(): readonly Readonly<HetznerFakeAction>[] {
    return [...this.#actions.values()];
  }

  /** Sets how many servers the project may have (Hetzner raises it on request). */
  setServerLimit(limit: number): void {
    this.#serverLimit = limit;
  }

  /** Caps a page of the listings below `per_page` (`undefined` undoes it). */
  setMaxPerPage(size: number | undefined): void {
    this.#maxPerPage = size;
  }

  /** Which addresses a server shows from now on: `public`, `private-only` or `none`. */
  setAddressing(serverId: string, addressing: HetznerFakeServer['addressing']): void {
    const server = this.#servers.get(serverId);
    if (server !== undefined) server.addressing = addressing;
  }

  /** Makes the next `POST /servers` accept the server, then fail its `create_server` action with `reason`. */
  failNextServerCreation(reason: string): void {
    this.failNextCreation(CREATE_SERVER_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#actions.clear();
    this.#actionCounter = 0;
    this.#addressCounter = 0;
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    return hetznerErrors.fromBase(status, code, message, headers);
  }

  /** `RateLimit-*` on every answer ("Rate Limiting"): 3600 an hour, one used per request. */
  protected override responseHeaders(): Record<string, string> {
    return {
      'ratelimit-limit': String(RATE_LIMIT_PER_HOUR),
      'ratelimit-remaining': String(Math.max(0, RATE_LIMIT_PER_HOUR - this.count() - 1)),
      'ratelimit-reset': String(this.#resetAt),
    };
  }

  protected override beforeRoute(request: Request): void {
    if (bearerToken(request) !== this.token) hetznerErrors.fail('unauthorized');
  }

  #route(
    method: string,
    pattern: string,
    operation: string,
    handler: (context: HetznerFakeContext, route: RouteContext) => Response | Promise<Response>,
  ): void {
    const withContext: RouteHandler = (route) => handler(this.#context, route);
    this.route(method, pattern, operation, withContext);
  }

  #registerRoutes(): void {
    this.#route('GET', '/servers', 'list_servers', listServers);
    this.#route('POST', '/servers', CREATE_SERVER_OPERATION, createServer);
    this.#route('GET', '/servers/:id', 'get_server', getServer);
    this.#route('DELETE', '/servers/:id', 'delete_server', deleteServer);
    this.#route('GET', '/servers/:id/actions', 'list_actions_for_server', listServerActions);
    this.#route('POST', '/servers/:id/actions/poweron', 'power_on_server', powerAction('poweron'));
    this.#route('POST', '/servers/:id/actions/poweroff', 'power_off_server', powerAction('poweroff'));
    this.#route('POST', '/servers/:id/actions/reboot', 'soft_reboot_server', powerAction('reboot'));
    this.#route('GET', '/actions/:id', 'get_action', getAction);
    this.#route('GET', '/firewalls', 'list_firewalls', listFirewalls);
    this.#route('POST', '/firewalls', 'create_firewall', createFirewall);
    this.#route('GET', '/firewalls/:id', 'get_firewall', getFirewall);
    this.#route('PUT', '/firewalls/:id', 'replace_firewall', replaceFirewall);
    this.#route('DELETE', '/firewalls/:id', 'delete_firewall', deleteFirewall);
    this.#route(
      'POST',
      '/firewalls/:id/actions/apply_to_resources',
      'apply_to_resources',
      applyFirewallToResources,
    );
    this.#route(
      'POST',
      '/firewalls/:id/actions/remove_from_resources',
      'remove_from_resources',
      removeFirewallFromResources,
    );
    this.#route('GET', '/primary_ips', 'list_primary_ips', listPrimaryIps);
    this.#route('GET', '/server_types', 'list_server_types', (_context, route) => {
      const page = paginate(FAKE_SERVER_TYPES, route.url);
      return json({ server_types: page.items.map(serverTypeObject), meta: page.meta });
    });
    this.#route('GET', '/locations', 'list_locations', (_context, route) => {
      const page = paginate(FAKE_LOCATIONS, route.url);
      return json({ locations: page.items, meta: page.meta });
    });
    this.#route('GET', '/images', 'list_images', (_context, route) => {
      const query = route.url.searchParams;
      const matched = FAKE_IMAGES.filter(
        (item) =>
          (query.get('name') === null || item.name === query.get('name')) &&
          (query.get('architecture') === null || item.architecture === query.get('architecture')) &&
          query.getAll('type').every((type) => type === 'system'),
      );
      const page = paginate(matched, route.url);
      return json({ images: page.items.map(imageObject), meta: page.meta });
    });
    this.#route('GET', '/pricing', 'list_prices', () => json({ pricing: pricingObject() }));
  }
}
