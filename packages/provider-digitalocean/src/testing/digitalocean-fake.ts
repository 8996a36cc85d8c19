import {
  bearerToken,
  FakeCloud,
  type RateLimitOptions,
  type RouteContext,
  type RouteHandler,
} from '@provision/testkit/fake-cloud';
import { getAction, listActions, postDropletAction } from './digitalocean-fake-actions.js';
import { CATALOG_REGIONS, CATALOG_SIZES, regionObject, sizeObject } from './digitalocean-fake-catalog.js';
import { CREATE_DROPLET_OPERATION, createDroplets } from './digitalocean-fake-droplet-create.js';
import {
  destroyDroplet,
  destroyDropletsByTag,
  getDroplet,
  listDroplets,
} from './digitalocean-fake-droplets.js';
import {
  createFirewall,
  deleteFirewall,
  getFirewall,
  inboundRulesOf,
  listFirewalls,
  type NormalizedInboundRule,
  updateFirewall,
} from './digitalocean-fake-firewalls.js';
import {
  ERROR_ID,
  ERROR_MESSAGE,
  errorBody,
  fakeUuid,
  isoSeconds,
  jsonResponse,
  paginate,
  RATE_LIMIT_PER_HOUR,
} from './digitalocean-fake-http.js';
import { getImage, listImages } from './digitalocean-fake-images.js';
import { createKey, deleteKey, getKey, listKeys, updateKey } from './digitalocean-fake-keys.js';
import type {
  DigitalOceanFakeAction,
  DigitalOceanFakeContext,
  DigitalOceanFakeDroplet,
  DigitalOceanFakeFirewall,
  DigitalOceanFakeSshKey,
} from './digitalocean-fake-records.js';
import { createTag, unassignTag } from './digitalocean-fake-tags.js';

/** A fixed token in DigitalOcean's personal access token format (`dop_v1_` + 64 hex digits). */
export const DIGITALOCEAN_FAKE_TOKEN = `dop_v1_${'0123456789abcdef'.repeat(4)}`;

/** DigitalOcean's API base URL. */
export const DIGITALOCEAN_API_URL = 'https://api.digitalocean.com';

/** Options of `DigitalOceanFake`. */
export interface DigitalOceanFakeOptions {
  /** The only token the fake accepts as `Authorization: Bearer <token>`. Default `DIGITALOCEAN_FAKE_TOKEN`. */
  token?: string;
  /** Where the fake answers. Default `https://api.digitalocean.com`. */
  baseUrl?: string;
  /** A Droplet is `active` (a firewall `succeeded`, an action `completed`) on this read. Default 2. */
  readsUntilActive?: number;
  /** A deleted Droplet answers 404 on this read after the DELETE (0: at once). Default `readsUntilActive`. */
  destroyAfterReads?: number;
  /** The account's `droplet_limit`; creates beyond it answer 422. Default 25 (the description's example). */
  dropletLimit?: number;
  /** Throttle like the real API (token bucket, real time); answers 429 with `Retry-After`. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for `created_at`, `started_at` and `ratelimit-reset`. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of the DigitalOcean API v2 (Droplets, Droplet actions, firewalls, sizes, regions,
 * account), written from DigitalOcean's OpenAPI description; see `test-fixtures/` for the trimmed copy
 * its responses are checked against. Operation names (for faults and call counts) are the
 * description's operationIds: `droplets_create`, `droplets_get`, `droplets_list`, `droplets_destroy`,
 * `droplets_destroy_byTag`, `dropletActions_post`, `actions_get`, `firewalls_create`, `firewalls_get`,
 * `firewalls_list`, `firewalls_update`, `firewalls_delete`, `sizes_list`, `regions_list`, `account_get`, `images_list`,
 * `images_get`, `sshKeys_list`, `sshKeys_create`, `sshKeys_get`, `sshKeys_update`, `sshKeys_delete`,
 * `tags_create`, `tags_unassign_resources`.
 * The token is checked before routing, so a bad token answers 401 on any path.
 */
export class DigitalOceanFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'droplet';
  /** The token requests must carry. */
  readonly token: string;

  readonly #droplets = this.store<DigitalOceanFakeDroplet>(
    'droplet',
    (droplet) => `droplet ${droplet.name} (${droplet.id})`,
  );
  readonly #firewalls = this.store<DigitalOceanFakeFirewall>(
    'firewall',
    (firewall) => `firewall ${firewall.name} (${firewall.id})`,
  );
  readonly #sshKeys = this.store<DigitalOceanFakeSshKey>(
    'ssh_key',
    (key) => `SSH key ${key.name} (${key.id})`,
  );
  readonly #actions = new Map<number, DigitalOceanFakeAction>();
  readonly #knownTags = new Set<string>();
  readonly #now: () => Date;
  #dropletLimit: number;
  readonly #resetAt: number;
  readonly #context: DigitalOceanFakeContext;
  #actionCounter = 0;
  #addressCounter = 0;
  #requestIdCounter = 0;

  constructor(options: DigitalOceanFakeOptions = {}) {
    super({
      provider: 'digitalocean',
      baseUrl: options.baseUrl ?? DIGITALOCEAN_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.token = options.token ?? DIGITALOCEAN_FAKE_TOKEN;
    this.#now = options.now ?? (() => new Date());
    this.#dropletLimit = options.dropletLimit ?? 25;
    this.#resetAt = Math.floor(this.#now().getTime() / 1000) + 3600;
    const destroyAfterReads = options.destroyAfterReads ?? this.readsUntilActive;
    this.#context = {
      droplets: this.#droplets,
      firewalls: this.#firewalls,
      sshKeys: this.#sshKeys,
      actions: this.#actions,
      knownTags: this.#knownTags,
      lifecycle: this.lifecycle,
      baseUrl: this.baseUrl,
      dropletLimit: this.#dropletLimit,
      maxPerPage: undefined,
      destroyAfterReads,
      now: () => isoSeconds(this.#now()),
      nextActionId: () => {
        this.#actionCounter += 1;
        return 36_800_000 + this.#actionCounter;
      },
      nextAddressIndex: () => {
        this.#addressCounter += 1;
        return this.#addressCounter;
      },
      fail: (status, id, message) => this.fail(status, id, message),
      hasCapacity: (region, size) => this.hasCapacity(region, size),
      takeAsyncFailure: (operation) => this.takeAsyncFailure(operation),
    };
    this.#registerRoutes();
  }

  /** Every Droplet that still exists (including ones being destroyed), in creation order. */
  droplets(): readonly Readonly<DigitalOceanFakeDroplet>[] {
    return this.#droplets.values();
  }

  /** Every SSH key of the account, in creation order. */
  sshKeys(): readonly Readonly<DigitalOceanFakeSshKey>[] {
    return this.#sshKeys.values();
  }

  /**
   * Caps how many items a page of `GET /v2/droplets` holds, below `per_page` (`undefined` undoes
   * it): a test of a client that must follow `links.pages.next`.
   */
  setMaxPerPage(size: number | undefined): void {
    (this.#context as { maxPerPage: number | undefined }).maxPerPage = size;
  }

  /** Which addresses a Droplet shows from now on: `public`, `private-only` (a VPC address) or `none`. */
  setAddressing(dropletId: string, addressing: 'public' | 'private-only' | 'none'): void {
    const droplet = this.#droplets.get(dropletId);
    if (droplet !== undefined) droplet.addressing = addressing;
  }

  /**
   * Replaces a Droplet's tags behind the client's back, as someone editing them in the control
   * panel would (for example a test moving an expiry tag into the past instead of waiting for it).
   */
  setDropletTags(dropletId: string, tags: readonly string[]): void {
    const droplet = this.#droplets.get(dropletId);
    if (droplet !== undefined) droplet.tags = [...tags];
  }

  /** Sets the account's `droplet_limit` (as support would raise it); creates beyond it answer 422. */
  setDropletLimit(limit: number): void {
    this.#dropletLimit = limit;
    (this.#context as { dropletLimit: number }).dropletLimit = limit;
  }

  /** Every firewall, in creation order. */
  firewalls(): readonly Readonly<DigitalOceanFakeFirewall>[] {
    return this.#firewalls.values();
  }

  /** Moves every firewall's `created_at` back by `ms`, as if it had been made that long ago. */
  ageFirewalls(ms: number): void {
    for (const firewall of this.#firewalls.values())
      firewall.createdAt = isoSeconds(new Date(Date.parse(firewall.createdAt) - ms));
  }

  /** Every action, including the `errored` create of a Droplet `failNextCreation` made fail. */
  actions(): readonly Readonly<DigitalOceanFakeAction>[] {
    return [...this.#actions.values()];
  }

  /**
   * What the internet can reach on a Droplet: the union of the TCP/UDP inbound rules open to
   * `0.0.0.0/0` or `::/0` of the firewalls applied to it (by id or tag), ports `"0"`/`"all"` as
   * 1-65535; `undefined` when no firewall applies (DigitalOcean then lets everything in).
   */
  inboundRules(dropletId: string): NormalizedInboundRule[] | undefined {
    return inboundRulesOf(this.#context, dropletId);
  }

  /** Makes the next `POST /v2/droplets` accept the Droplet, then fail it: its create action errors and it vanishes. */
  failNextDropletCreation(reason: string): void {
    this.failNextCreation(CREATE_DROPLET_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#actions.clear();
    this.#knownTags.clear();
    this.#actionCounter = 0;
    this.#addressCounter = 0;
    this.#requestIdCounter = 0;
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): Response {
    // The base reports its own conditions with generic codes; DigitalOcean words them its way.
    const [id, text] = (
      {
        internal_error: [ERROR_ID.serverError, ERROR_MESSAGE.serverError],
        rate_limited: [ERROR_ID.tooManyRequests, ERROR_MESSAGE.tooManyRequests],
        bad_request: [ERROR_ID.badRequest, ERROR_MESSAGE.badRequest],
        not_found: [ERROR_ID.notFound, ERROR_MESSAGE.notFound],
      } as Record<string, [string, string]>
    )[code] ?? [code, message];
    this.#requestIdCounter += 1;
    const extra: Record<string, string> = status === 429 ? { 'ratelimit-remaining': '0' } : {};
    return jsonResponse(errorBody(id, text, fakeUuid('4e9a7c00', this.#requestIdCounter)), status, {
      ...extra,
      ...headers,
    });
  }

  /** `ratelimit-*` on every answer (`shared/headers.yml`): 5000 an hour, one used per request. */
  protected override responseHeaders(): Record<string, string> {
    return {
      'ratelimit-limit': String(RATE_LIMIT_PER_HOUR),
      'ratelimit-remaining': String(Math.max(0, RATE_LIMIT_PER_HOUR - this.count() - 1)),
      'ratelimit-reset': String(this.#resetAt),
    };
  }

  /** The token is checked before the path: a bad token gets 401 even on an unknown route, as the API does. */
  protected override beforeRoute(request: Request): void {
    if (bearerToken(request) !== this.token)
      this.fail(401, ERROR_ID.unauthorized, ERROR_MESSAGE.unauthorized);
  }

  #route(
    method: string,
    pattern: string,
    operation: string,
    handler: (context: DigitalOceanFakeContext, route: RouteContext) => Response | Promise<Response>,
  ): void {
    const withContext: RouteHandler = (route) => handler(this.#context, route);
    this.route(method, pattern, operation, withContext);
  }

  #registerRoutes(): void {
    this.#route('GET', '/v2/droplets', 'droplets_list', listDroplets);
    this.#route('POST', '/v2/droplets', CREATE_DROPLET_OPERATION, createDroplets);
    this.#route('DELETE', '/v2/droplets', 'droplets_destroy_byTag', destroyDropletsByTag);
    this.#route('GET', '/v2/droplets/:droplet_id', 'droplets_get', getDroplet);
    this.#route('DELETE', '/v2/droplets/:droplet_id', 'droplets_destroy', destroyDroplet);
    this.#route('POST', '/v2/droplets/:droplet_id/actions', 'dropletActions_post', postDropletAction);
    this.#route('GET', '/v2/actions', 'actions_list', listActions);
    this.#route('GET', '/v2/actions/:action_id', 'actions_get', getAction);
    this.#route('GET', '/v2/firewalls', 'firewalls_list', listFirewalls);
    this.#route('POST', '/v2/firewalls', 'firewalls_create', createFirewall);
    this.#route('GET', '/v2/firewalls/:firewall_id', 'firewalls_get', getFirewall);
    this.#route('PUT', '/v2/firewalls/:firewall_id', 'firewalls_update', updateFirewall);
    this.#route('DELETE', '/v2/firewalls/:firewall_id', 'firewalls_delete', deleteFirewall);
    this.#route('GET', '/v2/sizes', 'sizes_list', (_context, route) => {
      const page = paginate(CATALOG_SIZES, route.url);
      return jsonResponse({ sizes: page.items.map(sizeObject), links: page.links, meta: page.meta });
    });
    this.#route('GET', '/v2/regions', 'regions_list', (_context, route) => {
      const page = paginate(CATALOG_REGIONS, route.url);
      return jsonResponse({ regions: page.items.map(regionObject), links: page.links, meta: page.meta });
    });
    this.#route('GET', '/v2/images', 'images_list', listImages);
    this.#route('GET', '/v2/images/:image_id', 'images_get', getImage);
    this.#route('GET', '/v2/account/keys', 'sshKeys_list', listKeys);
    this.#route('POST', '/v2/account/keys', 'sshKeys_create', createKey);
    this.#route('GET', '/v2/account/keys/:ssh_key_identifier', 'sshKeys_get', getKey);
    this.#route('PUT', '/v2/account/keys/:ssh_key_identifier', 'sshKeys_update', updateKey);
    this.#route('DELETE', '/v2/account/keys/:ssh_key_identifier', 'sshKeys_delete', deleteKey);
    this.#route('POST', '/v2/tags', 'tags_create', createTag);
    this.#route('DELETE', '/v2/tags/:tag_id/resources', 'tags_unassign_resources', unassignTag);
    this.#route('GET', '/v2/account', 'account_get', () =>
      jsonResponse({
        account: {
          droplet_limit: this.#dropletLimit,
          floating_ip_limit: 3,
          email: 'sammy@example.com',
          name: 'Sammy the Fake',
          uuid: 'f4ce0a11c0ffee0000000000000000000000d0c5',
          email_verified: true,
          status: 'active',
          status_message: '',
          team: { uuid: '7ea70000000000000000000000000000000fa4e0', name: 'Fake Team' },
        },
      }),
    );
  }
}
