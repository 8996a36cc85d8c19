import {
  FakeCloud,
  type RateLimitOptions,
  type RouteContext,
  type RouteHandler,
} from '@provision/testkit/fake-cloud';

/** Acme's API root. */
export const ACME_API_URL = 'https://api.acme.test';

/** The API key `AcmeFake` accepts unless told otherwise. */
export const ACME_FAKE_API_KEY = 'acme_fake000000000000000000001';

/** Options of `AcmeFake`. */
export interface AcmeFakeOptions {
  /** Where the fake answers. Default `ACME_API_URL` (the emulator passes its own URL). */
  baseUrl?: string;
  /** The API key the fake accepts. Default `ACME_FAKE_API_KEY`. */
  apiKey?: string;
  /** Reads of a machine until it is running. Default 2. */
  readsUntilActive?: number;
  rateLimit?: RateLimitOptions;
}

/** A machine as Acme stores it. `user_data` is kept but never sent back. */
export interface AcmeMachineRecord {
  id: string;
  name: string;
  region: string;
  plan: string;
  image: string;
  user_data: string | null;
  labels: Record<string, string>;
  state: 'booting' | 'running' | 'failed';
  ipv4: string | null;
  failure_reason: string | null;
  created_at: string;
}

/** What Acme sells (its own list: the fake does not read the plugin's catalog). */
const OFFER = { region: ['fra1', 'nyc1'], plan: ['a1-nano', 'a1-small'], image: ['ubuntu-2404'] } as const;
const LABEL_KEY = /^[a-z][a-z0-9_.-]{0,62}$/;
const LABEL_VALUE = /^[A-Za-z0-9_.-]{0,128}$/;
const MAX_PER_PAGE = 100;

function bodyProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.name !== 'string' || !/^[a-z0-9-]{1,63}$/.test(body.name))
    return 'name must be 1-63 of a-z0-9-';
  for (const field of ['region', 'plan', 'image'] as const) {
    const known: readonly string[] = OFFER[field];
    if (typeof body[field] !== 'string' || !known.includes(body[field] as string)) return `unknown ${field}`;
  }
  if (body.user_data !== undefined && typeof body.user_data !== 'string') return 'user_data must be a string';
  const labels = body.labels ?? {};
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    return 'labels must be an object';
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_KEY.test(key) || typeof value !== 'string' || !LABEL_VALUE.test(value))
      return `label ${key.slice(0, 63)} is malformed`;
  }
  return undefined;
}

function publicMachine(machine: AcmeMachineRecord) {
  const { user_data: _userData, ...rest } = machine;
  return rest;
}

/**
 * Acme Cloud in memory, behind its JSON API (every request needs the `X-Api-Key` header):
 * - `POST /v1/machines` `{ name, region, plan, image, user_data?, labels? }` -> 201 `{ machine }`,
 *   `booting`, then `running` with an IPv4 on the `readsUntilActive`-th `GET /v1/machines/:id`;
 *   409 `capacity` when sold out; `failed` with `failure_reason` after `failNextCreation`.
 * - `GET /v1/machines?label=k=v&page=N&per_page=M` (every label must match; `per_page` at most 100)
 *   -> `{ machines, next_page }`.
 * - `DELETE /v1/machines/:id` -> 204, the machine is gone at once; 404 when there is none.
 *
 * Errors: `{ "error": "<code>", "message": "..." }`; a wrong or missing key is 401 `unauthorized`.
 */
export class AcmeFake extends FakeCloud {
  /** Caps `per_page` further (an API may serve fewer items than asked); `undefined`: only Acme's 100. */
  maxPerPage: number | undefined;
  readonly apiKey: string;
  readonly machines = this.store<AcmeMachineRecord>(
    'machine',
    (machine) => `machine ${machine.id} (${machine.name}, ${machine.state})`,
  );

  constructor(options: AcmeFakeOptions = {}) {
    super({
      provider: 'acme',
      baseUrl: options.baseUrl ?? ACME_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.apiKey = options.apiKey ?? ACME_FAKE_API_KEY;
    const routes: Array<[string, string, string, RouteHandler]> = [
      ['POST', '/v1/machines', 'machines.create', (context) => this.#create(context)],
      ['GET', '/v1/machines', 'machines.list', (context) => this.#list(context)],
      ['GET', '/v1/machines/:id', 'machines.get', (context) => this.#get(context)],
      ['DELETE', '/v1/machines/:id', 'machines.delete', (context) => this.#delete(context)],
    ];
    for (const [method, pattern, operation, handler] of routes)
      this.route(method, pattern, operation, this.#authorized(handler));
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    return Response.json({ error: code, message }, { status, ...(headers === undefined ? {} : { headers }) });
  }

  #authorized(handler: RouteHandler): RouteHandler {
    return (context) => {
      if (context.request.headers.get('x-api-key') !== this.apiKey)
        this.fail(401, 'unauthorized', 'The X-Api-Key header is missing or not a valid key.');
      return handler(context);
    };
  }

  async #create(context: RouteContext): Promise<Response> {
    const body = await context.json<Record<string, unknown>>();
    const problem =
      typeof body === 'object' && body !== null ? bodyProblem(body) : 'the body must be an object';
    if (problem !== undefined) this.fail(422, 'invalid_request', `Invalid machine: ${problem}.`);
    const region = body.region as string;
    const plan = body.plan as string;
    if (!this.hasCapacity(region, plan))
      this.fail(409, 'capacity', `Plan ${plan} is sold out in ${region}; try another plan or region.`);
    const reason = this.takeAsyncFailure(context.operation);
    const machine = this.machines.set({
      id: this.machines.nextId('m-'),
      name: body.name as string,
      region,
      plan,
      image: body.image as string,
      user_data: (body.user_data as string | undefined) ?? null,
      labels: { ...(body.labels as Record<string, string> | undefined) },
      state: reason === undefined ? 'booting' : 'failed',
      ipv4: null,
      failure_reason: reason ?? null,
      created_at: new Date().toISOString(),
    });
    return Response.json({ machine: publicMachine(machine) }, { status: 201 });
  }

  #list(context: RouteContext): Response {
    const query = context.url.searchParams;
    const page = Number(query.get('page') ?? '1');
    const perPage = Math.min(Number(query.get('per_page') ?? '20'), this.maxPerPage ?? MAX_PER_PAGE);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1)
      this.fail(400, 'bad_request', 'page and per_page must be whole numbers >= 1.');
    const filters = query.getAll('label').map((filter) => {
      const equals = filter.indexOf('=');
      return equals < 0 ? [filter, undefined] : [filter.slice(0, equals), filter.slice(equals + 1)];
    });
    const matching = this.machines
      .values()
      .filter((machine) =>
        filters.every(
          ([key = '', value]) =>
            key in machine.labels && (value === undefined || machine.labels[key] === value),
        ),
      );
    const start = (page - 1) * perPage;
    return Response.json({
      machines: matching.slice(start, start + perPage).map(publicMachine),
      next_page: start + perPage < matching.length ? page + 1 : null,
    });
  }

  #get(context: RouteContext): Response {
    const machine = this.#existing(context.params.id ?? '');
    if (machine.state === 'booting' && this.lifecycle.read(`machine:${machine.id}`)) {
      machine.state = 'running';
      // Ids restart with the store, so addresses are deterministic too.
      machine.ipv4 = `203.0.113.${(Number(machine.id.slice(2)) % 250) + 1}`;
    }
    return Response.json({ machine: publicMachine(machine) });
  }

  #delete(context: RouteContext): Response {
    const machine = this.#existing(context.params.id ?? '');
    this.machines.delete(machine.id);
    return new Response(null, { status: 204 });
  }

  #existing(id: string): AcmeMachineRecord {
    const machine = this.machines.get(id);
    if (machine === undefined) this.fail(404, 'not_found', `Machine ${id} does not exist.`);
    return machine;
  }
}
