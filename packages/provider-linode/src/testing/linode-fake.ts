import {
  bearerToken,
  FakeCloud,
  type RateLimitOptions,
  type RouteContext,
  type RouteHandler,
} from '@provision/testkit/fake-cloud';
import { FAKE_IMAGES, FAKE_REGIONS, FAKE_TYPES } from './linode-fake-catalog.js';
import {
  createFirewall,
  deleteFirewall,
  getFirewall,
  listDevices,
  listFirewalls,
  listLinodeFirewalls,
  openInbound,
  replaceRules,
  updateFirewall,
} from './linode-fake-firewalls.js';
import {
  applyFilter,
  errorResponse,
  jsonResponse,
  LinodeRequestError,
  linodeTime,
  page,
} from './linode-fake-http.js';
import {
  CREATE_LINODE_OPERATION,
  createLinode,
  deleteLinode,
  linodeObject,
  linodeOf,
  listLinodes,
  powerAction,
} from './linode-fake-instances.js';
import type {
  LinodeFakeContext,
  LinodeFakeEvent,
  LinodeFakeFirewall,
  LinodeFakeInstance,
} from './linode-fake-records.js';

/** A fixed token in Linode's personal access token format (64 hexadecimal characters). */
export const LINODE_FAKE_TOKEN = '0123456789abcdef'.repeat(4);

/** Linode's API base URL (paths carry `/v4`). */
export const LINODE_API_URL = 'https://api.linode.com';

/** Options of `LinodeFake`. */
export interface LinodeFakeOptions {
  /** The only token the fake accepts as `Authorization: Bearer <token>`. Default `LINODE_FAKE_TOKEN`. */
  token?: string;
  /** Where the fake answers. Default `https://api.linode.com`. */
  baseUrl?: string;
  /** Reads each step of a transition takes (provisioning, booting, shutting down...). Default 2. */
  readsUntilActive?: number;
  /** Reads a deleted Linode answers `deleting` before 404 (0: at once). Default 1. */
  destroyAfterReads?: number;
  /** Linodes the account may have; creates beyond answer 400. Default 50. */
  linodeLimit?: number;
  /** Throttle like the real API (answers 429 with `Retry-After`). Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for `created` and `updated`. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of the Linode API v4 (instances with their power actions, Cloud Firewalls,
 * types, regions, images, profile, account, events), written from Linode's OpenAPI description;
 * `test-fixtures/` holds the trimmed copy its answers are checked against. Operation names are
 * the description's operationIds (`post-linode-instance`, `get-firewalls`...). Every request needs
 * the Bearer token (401 otherwise, on any path); errors are `{ errors: [{ reason, field }] }`.
 */
export class LinodeFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'linode';
  /** The token requests must carry. */
  readonly token: string;

  readonly #linodes = this.store<LinodeFakeInstance>(
    'linode',
    (linode) => `linode ${linode.label} (${linode.id})`,
  );
  readonly #firewalls = this.store<LinodeFakeFirewall>(
    'firewall',
    (firewall) => `firewall ${firewall.label} (${firewall.id})`,
  );
  readonly #events: LinodeFakeEvent[] = [];
  readonly #context: LinodeFakeContext;
  #addresses = 0;

  constructor(options: LinodeFakeOptions = {}) {
    super({
      provider: 'linode',
      baseUrl: options.baseUrl ?? LINODE_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.token = options.token ?? LINODE_FAKE_TOKEN;
    const now = options.now ?? (() => new Date());
    this.#context = {
      linodes: this.#linodes,
      firewalls: this.#firewalls,
      events: this.#events,
      lifecycle: this.lifecycle,
      destroyAfterReads: options.destroyAfterReads ?? 1,
      linodeLimit: options.linodeLimit ?? 50,
      maxPageSize: undefined,
      now: () => linodeTime(now()),
      nextAddressIndex: () => ++this.#addresses,
      nextEventId: () => 7_000_000 + this.#events.length + 1,
      hasCapacity: (region, type) => this.hasCapacity(region, type),
      takeAsyncFailure: (operation) => this.takeAsyncFailure(operation),
    };
    this.#registerRoutes();
  }

  /** Every Linode that still exists (deleting ones included), in creation order. */
  linodes(): readonly Readonly<LinodeFakeInstance>[] {
    return this.#linodes.values();
  }

  /** Every Cloud Firewall, in creation order. */
  firewalls(): readonly Readonly<LinodeFakeFirewall>[] {
    return this.#firewalls.values();
  }

  /** Moves every Cloud Firewall's `created` (UTC, no offset) back by `ms`, as if made that long ago. */
  ageFirewalls(ms: number): void {
    for (const firewall of this.#firewalls.values())
      firewall.created = linodeTime(new Date(Date.parse(`${firewall.created}Z`) - ms));
  }

  /** The `linode_create` events, failed ones with the reason given to `failNextLinodeCreation`. */
  events(): readonly Readonly<LinodeFakeEvent>[] {
    return this.#events;
  }

  /**
   * What the internet can reach on a Linode: the ACCEPT rules open to `0.0.0.0/0` or `::/0` of
   * its enabled firewall, as port ranges; `undefined` without one (Linode then lets all in).
   */
  inboundRules(linodeId: string): Array<{ from: number; to: number; protocol: 'tcp' | 'udp' }> | undefined {
    const firewall = this.#firewalls
      .values()
      .find((candidate) => candidate.status === 'enabled' && candidate.linodes.includes(Number(linodeId)));
    return firewall === undefined ? undefined : openInbound(firewall);
  }

  /** The next create is accepted, then fails: the Linode goes and its `linode_create` event fails with `reason`. */
  failNextLinodeCreation(reason: string): void {
    this.failNextCreation(CREATE_LINODE_OPERATION, reason);
  }

  /** Sets how many Linodes the account may have. */
  setLinodeLimit(limit: number): void {
    this.#context.linodeLimit = limit;
  }

  /** Caps a page below `page_size` (`undefined` undoes it), to test clients that follow `pages`. */
  setMaxPageSize(size: number | undefined): void {
    this.#context.maxPageSize = size;
  }

  /** Which addresses a Linode shows from now on. */
  setAddressing(linodeId: string, addressing: 'public' | 'private-only' | 'none'): void {
    const linode = this.#linodes.get(linodeId);
    if (linode !== undefined) linode.addressing = addressing;
  }

  override reset(): void {
    super.reset();
    this.#events.length = 0;
    this.#addresses = 0;
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    // The base's generic conditions, in Linode's words.
    const reason =
      {
        not_found: 'Not found',
        rate_limited: 'Too Many Requests',
        internal_error: 'Please try again later',
        bad_request: 'Invalid JSON',
      }[code] ?? message;
    return errorResponse(status, [{ reason }], headers);
  }

  /** The token is checked before the path: a bad token gets 401 on any route. */
  protected override beforeRoute(request: Request): void {
    if (bearerToken(request) !== this.token) this.fail(401, 'unauthorized', 'Invalid Token');
  }

  #route(
    method: string,
    pattern: string,
    operation: string,
    handler: (context: LinodeFakeContext, route: RouteContext) => Response | Promise<Response>,
  ): void {
    const answer: RouteHandler = async (route) => {
      try {
        return await handler(this.#context, route);
      } catch (error) {
        if (!(error instanceof LinodeRequestError)) throw error;
        return errorResponse(error.status, [
          error.field === undefined ? { reason: error.reason } : { reason: error.reason, field: error.field },
        ]);
      }
    };
    this.route(method, pattern, operation, answer);
  }

  #registerRoutes(): void {
    const context = this.#context;
    this.#route('GET', '/v4/linode/instances', 'get-linode-instances', listLinodes);
    this.#route('POST', '/v4/linode/instances', CREATE_LINODE_OPERATION, createLinode);
    this.#route('GET', '/v4/linode/instances/:linodeId', 'get-linode-instance', (_, route) =>
      jsonResponse(linodeObject(linodeOf(context, route))),
    );
    this.#route('DELETE', '/v4/linode/instances/:linodeId', 'delete-linode-instance', deleteLinode);
    this.#route(
      'POST',
      '/v4/linode/instances/:linodeId/boot',
      'post-boot-linode-instance',
      powerAction('boot'),
    );
    this.#route(
      'POST',
      '/v4/linode/instances/:linodeId/shutdown',
      'post-shutdown-linode-instance',
      powerAction('shutdown'),
    );
    this.#route(
      'POST',
      '/v4/linode/instances/:linodeId/reboot',
      'post-reboot-linode-instance',
      powerAction('reboot'),
    );
    this.#route(
      'GET',
      '/v4/linode/instances/:linodeId/firewalls',
      'get-linode-firewalls',
      listLinodeFirewalls,
    );
    this.#route('GET', '/v4/networking/firewalls', 'get-firewalls', listFirewalls);
    this.#route('POST', '/v4/networking/firewalls', 'post-firewalls', createFirewall);
    this.#route('GET', '/v4/networking/firewalls/:firewallId', 'get-firewall', getFirewall);
    this.#route('PUT', '/v4/networking/firewalls/:firewallId', 'put-firewall', updateFirewall);
    this.#route('DELETE', '/v4/networking/firewalls/:firewallId', 'delete-firewall', deleteFirewall);
    this.#route('GET', '/v4/networking/firewalls/:firewallId/devices', 'get-firewall-devices', listDevices);
    this.#route('PUT', '/v4/networking/firewalls/:firewallId/rules', 'put-firewall-rules', replaceRules);
    this.#route('GET', '/v4/linode/types', 'get-linode-types', (_, route) =>
      jsonResponse(
        page(
          applyFilter(FAKE_TYPES, route.request, ['class', 'disk', 'gpus', 'label', 'memory', 'vcpus']),
          route.url,
        ),
      ),
    );
    this.#route('GET', '/v4/regions', 'get-regions', (_, route) =>
      jsonResponse(page(applyFilter(FAKE_REGIONS, route.request, ['country', 'site-type']), route.url)),
    );
    this.#route('GET', '/v4/images', 'get-images', (_, route) =>
      jsonResponse(
        page(
          applyFilter(FAKE_IMAGES, route.request, ['deprecated', 'is_public', 'label', 'status', 'vendor']),
          route.url,
        ),
      ),
    );
    this.#route('GET', '/v4/account/events', 'get-events', (_, route) =>
      jsonResponse(
        page(
          applyFilter([...context.events].reverse(), route.request, [
            'action',
            'created',
            'entity.id',
            'entity.type',
            'id',
          ]),
          route.url,
        ),
      ),
    );
    this.#route('GET', '/v4/profile', 'get-profile', () =>
      jsonResponse({
        uid: 1234,
        username: 'fake-user',
        email: 'fake-user@example.com',
        restricted: false,
        timezone: 'US/Eastern',
        email_notifications: true,
        ip_whitelist_enabled: false,
        lish_auth_method: 'keys_only',
        authentication_type: 'password',
        authorized_keys: [],
        two_factor_auth: true,
        verified_phone_number: null,
        referrals: {
          code: 'fake',
          url: 'https://www.linode.com/?r=fake',
          total: 0,
          completed: 0,
          pending: 0,
          credit: 0,
        },
      }),
    );
  }
}
