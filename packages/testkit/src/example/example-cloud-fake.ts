import { FakeCloud } from '../fake-cloud/fake-cloud.js';
import type { RateLimitOptions } from '../fake-cloud/rate-limiter.js';
import type { RouteContext, RouteHandler } from '../fake-cloud/route-context.js';
import {
  EXAMPLE_CLOUD_OFFER,
  EXAMPLE_POWER_ACTIONS,
  type ExampleFirewallRecord,
  type ExampleFirewallRule,
  type ExampleServerRecord,
  rulesProblem,
  serverBodyProblem,
} from './example-cloud-records.js';

/** Options of `ExampleCloudFake`. */
export interface ExampleCloudFakeOptions {
  /** The bearer token the fake accepts. Default `EXAMPLE_FAKE_TOKEN`. */
  token?: string;
  /** Reads until a server is running (or, once deleting, gone). Default 2. */
  readsUntilActive?: number;
  rateLimit?: RateLimitOptions;
}

/** The token `ExampleCloudFake` accepts unless told otherwise. */
export const EXAMPLE_FAKE_TOKEN = 'ex_fake0000000000000000000001';

/** The example cloud's API root. */
export const EXAMPLE_API_URL = 'https://api.example-cloud.test';

const MAX_PER_PAGE = 50;
const FIRST_ADDRESS = 10;

/** A normalised inbound rule: an inclusive port range for one protocol. */
export interface ExampleInboundRule {
  from: number;
  to: number;
  protocol: 'tcp' | 'udp';
}

function publicServer(server: ExampleServerRecord) {
  const { user_data: _userData, addressing: _addressing, ...rest } = server;
  return rest;
}

/**
 * An in-memory cloud with servers and firewalls behind a small JSON API, for the contract
 * suite's self-tests and as the model of a fake for plugin authors.
 *
 * - `POST /v1/servers` `{ name, region, plan, image, user_data?, tags?, firewall_ids? }` -> 201 `{ server }`,
 *   `starting`, then `running` with an IPv4 on the `readsUntilActive`-th `GET /v1/servers/:id`;
 *   422 `capacity_unavailable` when sold out (or, with `soldOutFailsLater`, accepted and `failed`);
 *   `failed` with `failure_reason` after `failNextCreation`.
 * - `GET /v1/servers?tag=k:v&page=N&per_page=M` (every tag must match; `per_page` at most 50) ->
 *   `{ servers, next_page }`.
 * - `DELETE /v1/servers/:id` -> 202 (now `deleting`; gone after `readsUntilActive` reads), or 204
 *   when it was already deleting (gone now).
 * - `POST /v1/firewalls` `{ name, rules: [{ protocol, from_port, to_port }] }` -> 201 `{ firewall }`;
 *   `GET /v1/firewalls?name=` -> `{ firewalls }`; `DELETE /v1/firewalls/:id` -> 204, also while
 *   attached (the server then has none). A firewall outlives its server: only a client deletes it.
 *
 * Errors: `{ "error": { "code", "message" } }`; a wrong bearer token is 401 `unauthorized`; a
 * creation beyond `hostLimit` is 403 `quota_exceeded`.
 */
export class ExampleCloudFake extends FakeCloud {
  /** Store kind of servers in `leftovers()`. */
  readonly hostKind = 'server';
  /** Operation name of server creation. */
  readonly createOperation = 'servers.create';
  readonly token: string;
  readonly servers = this.store<ExampleServerRecord>(
    'server',
    (server) => `server ${server.id} (${server.name}, ${server.state})`,
  );
  readonly firewalls = this.store<ExampleFirewallRecord>(
    'firewall',
    (firewall) => `firewall ${firewall.id} (${firewall.name})`,
  );
  #nextAddress = FIRST_ADDRESS;
  /** Servers the account may hold (`undefined`: no limit); creations beyond it answer 403 `quota_exceeded`. */
  hostLimit: number | undefined;
  /**
   * The `failure_reason` of a creation accepted in a sold-out region and failed later (Nova: "No
   * valid host was found"); `undefined` (default): such a creation is refused with 422.
   */
  soldOutFailsLater: string | undefined;
  /** Caps `per_page` further (a cloud may serve fewer items than asked); `undefined`: only the API's 50. */
  maxPerPage: number | undefined;

  constructor(options: ExampleCloudFakeOptions = {}) {
    super({
      provider: 'example',
      baseUrl: EXAMPLE_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.token = options.token ?? EXAMPLE_FAKE_TOKEN;
    this.route(
      'POST',
      '/v1/servers',
      'servers.create',
      this.#authorized((context) => this.#createServer(context)),
    );
    this.route(
      'GET',
      '/v1/servers',
      'servers.list',
      this.#authorized((context) => this.#listServers(context)),
    );
    this.route(
      'GET',
      '/v1/servers/:id',
      'servers.get',
      this.#authorized((context) => this.#getServer(context)),
    );
    this.route(
      'POST',
      '/v1/servers/:id/actions',
      'servers.action',
      this.#authorized((context) => this.#serverAction(context)),
    );
    this.route(
      'DELETE',
      '/v1/servers/:id',
      'servers.delete',
      this.#authorized((context) => this.#deleteServer(context)),
    );
    this.route(
      'POST',
      '/v1/firewalls',
      'firewalls.create',
      this.#authorized((context) => this.#createFirewall(context)),
    );
    this.route(
      'GET',
      '/v1/firewalls',
      'firewalls.list',
      this.#authorized((context) => this.#listFirewalls(context)),
    );
    this.route(
      'DELETE',
      '/v1/firewalls/:id',
      'firewalls.delete',
      this.#authorized((context) => this.#deleteFirewall(context)),
    );
  }

  /** What can reach a server: the union of its firewalls' rules, or `undefined` when none guards it. */
  inboundRules(serverId: string): ExampleInboundRule[] | undefined {
    const server = this.servers.get(serverId);
    const firewalls = (server?.firewall_ids ?? []).flatMap((id) => this.firewalls.get(id) ?? []);
    if (firewalls.length === 0) return undefined;
    const rules = new Map<string, ExampleInboundRule>();
    for (const rule of firewalls.flatMap((firewall) => firewall.rules)) {
      rules.set(`${rule.from_port}-${rule.to_port}/${rule.protocol}`, {
        from: rule.from_port,
        to: rule.to_port,
        protocol: rule.protocol,
      });
    }
    return [...rules.values()];
  }

  /** From now on a running `serverId` has `addressing`: public, none at all, or only its private address. */
  setAddressing(serverId: string, addressing: ExampleServerRecord['addressing']): void {
    const server = this.servers.get(serverId);
    if (server === undefined) return;
    server.addressing = addressing;
    if (server.state === 'running') this.#address(server);
  }

  /** A running server made outside any plugin (no tags); returns its public IPv4. */
  createUnmanagedServer(name = 'console-made'): string {
    const server = this.servers.set({
      ...this.#newServer(name, EXAMPLE_CLOUD_OFFER.regions[0], EXAMPLE_CLOUD_OFFER.plans[0], null, {}),
      state: 'running',
    });
    this.#address(server);
    return server.ipv4 as string;
  }

  override reset(): void {
    super.reset();
    this.#nextAddress = FIRST_ADDRESS;
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    return Response.json(
      { error: { code, message } },
      { status, ...(headers === undefined ? {} : { headers }) },
    );
  }

  #authorized(handler: RouteHandler): RouteHandler {
    return (context) => {
      if (context.request.headers.get('authorization') !== `Bearer ${this.token}`) {
        this.fail(401, 'unauthorized', 'The bearer token is missing or not valid.');
      }
      return handler(context);
    };
  }

  async #createServer(context: RouteContext): Promise<Response> {
    const body = await context.json<Record<string, unknown>>();
    const problem =
      typeof body === 'object' && body !== null ? serverBodyProblem(body) : 'the body must be an object';
    if (problem !== undefined) this.fail(422, 'invalid_request', `Invalid server: ${problem}.`);
    const firewallIds = (body.firewall_ids ?? []) as string[];
    const missing = firewallIds.find((id) => !this.firewalls.has(id));
    if (missing !== undefined) this.fail(422, 'invalid_request', `Firewall ${missing} does not exist.`);
    const region = body.region as string;
    const plan = body.plan as string;
    const soldOut = !this.hasCapacity(region, plan);
    if (soldOut && this.soldOutFailsLater === undefined) {
      this.fail(
        422,
        'capacity_unavailable',
        `Plan ${plan} is sold out in ${region}; try another plan or region.`,
      );
    }
    if (this.hostLimit !== undefined && this.servers.size >= this.hostLimit) {
      this.fail(
        403,
        'quota_exceeded',
        `The account may hold ${this.hostLimit} servers; delete one or ask for more.`,
      );
    }
    const reason = this.takeAsyncFailure(context.operation) ?? (soldOut ? this.soldOutFailsLater : undefined);
    const server = this.servers.set({
      ...this.#newServer(
        body.name as string,
        region,
        plan,
        (body.user_data as string | undefined) ?? null,
        body.tags as Record<string, string> | undefined,
      ),
      image: body.image as string,
      state: reason === undefined ? 'starting' : 'failed',
      failure_reason: reason ?? null,
      firewall_ids: [...new Set(firewallIds)],
    });
    return Response.json({ server: publicServer(server) }, { status: 201 });
  }

  #newServer(
    name: string,
    region: string,
    plan: string,
    userData: string | null,
    tags: Record<string, string> | undefined,
  ): ExampleServerRecord {
    return {
      id: this.servers.nextId(),
      name,
      region,
      plan,
      image: EXAMPLE_CLOUD_OFFER.images[0],
      user_data: userData,
      tags: { ...tags },
      state: 'starting',
      ipv4: null,
      private_ipv4: null,
      addressing: 'public',
      failure_reason: null,
      firewall_ids: [],
      created_at: new Date().toISOString(),
    };
  }

  /** Gives a running server the addresses its `addressing` says. */
  #address(server: ExampleServerRecord): void {
    server.private_ipv4 ??= `10.20.0.${this.#nextAddress}`;
    if (server.addressing !== 'public') server.ipv4 = null;
    else server.ipv4 ??= `203.0.113.${this.#nextAddress}`;
    this.#nextAddress += 1;
    if (server.addressing === 'none') server.private_ipv4 = null;
  }

  #listServers(context: RouteContext): Response {
    const query = context.url.searchParams;
    const page = Number(query.get('page') ?? '1');
    const perPage = Math.min(Number(query.get('per_page') ?? '20'), this.maxPerPage ?? MAX_PER_PAGE);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1) {
      this.fail(400, 'bad_request', 'page and per_page must be whole numbers >= 1.');
    }
    const filters = query.getAll('tag').map((filter) => {
      const colon = filter.indexOf(':');
      return colon < 0 ? [filter, undefined] : [filter.slice(0, colon), filter.slice(colon + 1)];
    });
    const matching = this.servers
      .values()
      .filter((server) =>
        filters.every(
          ([key, value]) =>
            key !== undefined && key in server.tags && (value === undefined || server.tags[key] === value),
        ),
      );
    const start = (page - 1) * perPage;
    return Response.json({
      servers: matching.slice(start, start + perPage).map(publicServer),
      next_page: start + perPage < matching.length ? page + 1 : null,
    });
  }

  #getServer(context: RouteContext): Response {
    const server = this.#existingServer(context.params.id as string);
    if (server.state === 'starting' && this.lifecycle.read(`server:${server.id}`)) {
      server.state = 'running';
      this.#address(server);
    } else if (
      ['stopping', 'powering_on', 'rebooting'].includes(server.state) &&
      this.lifecycle.read(`server:${server.id}`)
    ) {
      server.state = server.state === 'stopping' ? 'stopped' : 'running';
    } else if (server.state === 'deleting' && this.lifecycle.read(`server:${server.id}`)) {
      this.servers.delete(server.id);
      this.fail(404, 'not_found', `Server ${server.id} does not exist.`);
    }
    return Response.json({ server: publicServer(server) });
  }

  /** `POST /v1/servers/:id/actions` `{ type: 'start' | 'stop' | 'reboot' }` -> 202; 409 `invalid_state` from the wrong state. */
  async #serverAction(context: RouteContext): Promise<Response> {
    const server = this.#existingServer(context.params.id as string);
    const body = await context.json<{ type?: unknown }>();
    const action = EXAMPLE_POWER_ACTIONS[body?.type as keyof typeof EXAMPLE_POWER_ACTIONS];
    if (action === undefined) this.fail(422, 'invalid_request', 'type must be start, stop or reboot.');
    if (server.state !== action.from)
      this.fail(
        409,
        'invalid_state',
        `Server ${server.id} is ${server.state}; ${String(body.type)} needs it ${action.from}.`,
      );
    server.state = action.during;
    this.lifecycle.restart(`server:${server.id}`);
    return Response.json({ server: publicServer(server) }, { status: 202 });
  }

  #deleteServer(context: RouteContext): Response {
    const server = this.#existingServer(context.params.id as string);
    if (server.state === 'deleting') {
      this.servers.delete(server.id);
      return new Response(null, { status: 204 });
    }
    server.state = 'deleting';
    this.lifecycle.restart(`server:${server.id}`);
    return Response.json({ server: publicServer(server) }, { status: 202 });
  }

  async #createFirewall(context: RouteContext): Promise<Response> {
    const body = await context.json<{ name?: unknown; rules?: unknown }>();
    if (typeof body?.name !== 'string' || body.name.length === 0)
      this.fail(422, 'invalid_request', 'name is required.');
    const problem = rulesProblem(body.rules);
    if (problem !== undefined) this.fail(422, 'invalid_request', `Invalid firewall: ${problem}.`);
    const rules = (body.rules as ExampleFirewallRule[]).map(({ protocol, from_port, to_port }) => ({
      protocol,
      from_port,
      to_port,
    }));
    const firewall = this.firewalls.set({
      id: this.firewalls.nextId('fw-'),
      name: body.name,
      rules,
      created_at: new Date().toISOString(),
    });
    return Response.json({ firewall: this.#publicFirewall(firewall) }, { status: 201 });
  }

  #listFirewalls(context: RouteContext): Response {
    const name = context.url.searchParams.get('name');
    const firewalls = this.firewalls.values().filter((firewall) => name === null || firewall.name === name);
    return Response.json({ firewalls: firewalls.map((firewall) => this.#publicFirewall(firewall)) });
  }

  #deleteFirewall(context: RouteContext): Response {
    const id = context.params.id as string;
    if (!this.firewalls.delete(id)) this.fail(404, 'not_found', `Firewall ${id} does not exist.`);
    for (const server of this.servers.values())
      server.firewall_ids = server.firewall_ids.filter((attached) => attached !== id);
    return new Response(null, { status: 204 });
  }

  #existingServer(id: string): ExampleServerRecord {
    const server = this.servers.get(id);
    if (server === undefined) this.fail(404, 'not_found', `Server ${id} does not exist.`);
    return server;
  }

  #publicFirewall(firewall: ExampleFirewallRecord) {
    const serverIds = this.servers
      .values()
      .filter((server) => server.firewall_ids.includes(firewall.id))
      .map((server) => server.id);
    return { ...firewall, server_ids: serverIds };
  }
}
