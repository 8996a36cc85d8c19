import { FakeCloud, type RateLimitOptions, type RouteContext } from '@provision/testkit/fake-cloud';
import {
  FAKE_METROS,
  FAKE_OPERATING_SYSTEMS,
  FAKE_PLANS,
  FAKE_PROJECT,
  FAKE_PROJECT_ID,
  metroOf,
} from './metal-fake-catalog.js';
import {
  createDevice,
  type DeviceContext,
  deleteDevice,
  deviceAction,
  getDevice,
  listDevices,
  type MetalFakeDevice,
} from './metal-fake-devices.js';
import { bodyOf, errorResponse, fakeUuid, jsonResponse } from './metal-fake-wire.js';

/** A fixed key in the form of an Equinix Metal API key (32 letters and digits). */
export const METAL_FAKE_TOKEN = 'FakeMetalKey00000000000000000001';

/** Equinix Metal's API base URL: the fake's `apiUrl` when it serves the real host's address. */
export const METAL_API_URL = 'https://api.equinix.com/metal/v1';

/** Where the API lives below the host, as on api.equinix.com. */
export const API_PATH = '/metal/v1';

/** Operation name of device creation, for faults and `failNextCreation`. */
export const CREATE_DEVICE_OPERATION = 'createDevice';

/** Options of `MetalFake`. */
export interface MetalFakeOptions {
  /** The only key the fake accepts as `X-Auth-Token`. Default `METAL_FAKE_TOKEN`. */
  token?: string;
  /**
   * The host the fake answers on; the API is below it at `/metal/v1` (`apiUrl`), as on the real
   * host, so clients that build paths from the host alone (Libcloud) reach it too. Default
   * `https://api.equinix.com`.
   */
  baseUrl?: string;
  /** A device turns active on this read after creation. Default 2. */
  readsUntilActive?: number;
  /**
   * A deleted device is `deprovisioning` for this many further requests to the fake (any, from
   * anyone: the passing of time, counted), then gone. 0: gone at once. Default 2.
   */
  destroyAfterRequests?: number;
  /** Devices the project may have. Default 25. */
  deviceLimit?: number;
  /** Throttle like a real API. Default: none. */
  rateLimit?: RateLimitOptions;
  /** The clock for `created_at`. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of the Equinix Metal API v1 (devices of one project, their power actions, the
 * capacity check, plans, metros, operating systems, the project), written from its OpenAPI
 * description (`test-fixtures/metal-openapi.SOURCE.md`). The key (`X-Auth-Token`) is checked
 * before routing (401); every error is `{ "errors": [...] }`.
 */
export class MetalFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'device';
  readonly token: string;
  /** The project the fake serves. */
  readonly projectId = FAKE_PROJECT_ID;

  readonly #devices = this.store<MetalFakeDevice>('device', (item) => `device ${item.hostname} (${item.id})`);
  #deviceLimit: number;
  #maxPerPage: number | undefined;
  #deviceCounter = 0;
  #addressCounter = 0;
  readonly #context: DeviceContext;

  constructor(options: MetalFakeOptions = {}) {
    super({
      provider: 'equinix-metal',
      baseUrl: options.baseUrl ?? 'https://api.equinix.com',
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.token = options.token ?? METAL_FAKE_TOKEN;
    this.#deviceLimit = options.deviceLimit ?? 25;
    this.#destroyAfterRequests = options.destroyAfterRequests ?? 2;
    const now = options.now ?? (() => new Date());
    this.#context = {
      devices: this.#devices,
      lifecycle: this.lifecycle,
      now,
      deviceLimit: () => this.#deviceLimit,
      maxPerPage: () => this.#maxPerPage,
      startDeprovisioning: (device) => {
        device.state = 'deprovisioning';
        if (this.#destroyAfterRequests === 0) this.#devices.delete(device.id);
        else this.#deprovisioning.set(device.id, 0);
      },
      nextDeviceId: () => fakeUuid('de71ce00', ++this.#deviceCounter),
      nextAddressIndex: () => ++this.#addressCounter,
      fail: (status, message) => this.fail(status, 'metal', message),
      hasCapacity: (metro, plan) => this.hasCapacity(metro, plan),
      takeAsyncFailure: () => this.takeAsyncFailure(CREATE_DEVICE_OPERATION),
    };
    this.#registerRoutes();
  }

  // Each deprovisioning device and the requests seen since its DELETE.
  readonly #deprovisioning = new Map<string, number>();
  readonly #destroyAfterRequests: number;

  // Deprovisioning takes time, counted in requests: a device the project no longer reads (a
  // duplicate a racing provision deleted) still goes, as on the real cloud.
  #tick(): void {
    for (const [id, seen] of this.#deprovisioning) {
      if (seen + 1 < this.#destroyAfterRequests) this.#deprovisioning.set(id, seen + 1);
      else {
        this.#deprovisioning.delete(id);
        this.#devices.delete(id);
      }
    }
  }

  /** The API's base URL: what `METAL_API_URL` (or the `endpoint` setting) names. */
  get apiUrl(): string {
    return `${this.baseUrl}${API_PATH}`;
  }

  /** Every device, in creation order. */
  devices(): readonly Readonly<MetalFakeDevice>[] {
    return this.#devices.values();
  }

  /** Sets how many devices the project may have. */
  setDeviceLimit(limit: number): void {
    this.#deviceLimit = limit;
  }

  /** Caps listing pages below `per_page` (`undefined` undoes it). */
  setMaxPerPage(size: number | undefined): void {
    this.#maxPerPage = size;
  }

  /** Which addresses a device shows from now on. */
  setAddressing(id: string, addressing: MetalFakeDevice['addressing']): void {
    const device = this.#devices.get(id);
    if (device !== undefined) device.addressing = addressing;
  }

  override reset(): void {
    super.reset();
    this.#deviceCounter = 0;
    this.#addressCounter = 0;
    this.#deprovisioning.clear();
  }

  /** Every error as `{ errors: [...] }`; the base's generic codes in Equinix Metal's words. */
  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    const words: Record<string, string> = {
      rate_limited: 'Too many requests',
      internal_error: 'Internal server error',
      bad_request: 'The request could not be read',
      not_found: 'Not found',
    };
    return errorResponse(status, words[code] ?? message, headers);
  }

  protected override beforeRoute(request: Request): void {
    if (request.headers.get('x-auth-token') !== this.token)
      this.fail(401, 'metal', 'Invalid authentication token');
    this.#tick();
  }

  #route(
    method: string,
    pattern: string,
    operation: string,
    handler: (context: DeviceContext, route: RouteContext) => Response | Promise<Response>,
  ): void {
    this.route(method, `${API_PATH}${pattern}`, operation, (route) => handler(this.#context, route));
  }

  #registerRoutes(): void {
    this.#route('GET', '/projects/:id', 'findProjectById', (context, route) => {
      if (route.params.id !== FAKE_PROJECT_ID) context.fail(404, 'Not found');
      return jsonResponse(FAKE_PROJECT);
    });
    this.#route('GET', '/projects/:id/devices', 'findProjectDevices', listDevices);
    this.#route('POST', '/projects/:id/devices', CREATE_DEVICE_OPERATION, createDevice);
    this.#route('GET', '/devices/:id', 'findDeviceById', getDevice);
    this.#route('DELETE', '/devices/:id', 'deleteDevice', deleteDevice);
    this.#route('POST', '/devices/:id/actions', 'performAction', deviceAction);
    this.#route('POST', '/capacity/metros', 'checkCapacityForMetro', async (context, route) => {
      const body = await bodyOf(route.request).catch(() =>
        context.fail(422, 'The request body is not valid JSON'),
      );
      if (!Array.isArray(body.servers)) context.fail(422, 'servers is required');
      const servers = (body.servers as Array<Record<string, unknown>>).map((server) => {
        const metro = String(server.metro ?? '');
        const plan = String(server.plan ?? '');
        const sold = FAKE_PLANS.find((entry) => entry.slug === plan);
        const available =
          metroOf(metro) !== undefined &&
          sold?.deployment_types.includes('on_demand') === true &&
          context.hasCapacity(metro, plan);
        return { metro, plan, quantity: String(server.quantity ?? '1'), available };
      });
      return jsonResponse({ servers });
    });
    this.#route('GET', '/capacity/metros', 'findCapacityForMetro', (context) =>
      jsonResponse({
        capacity: Object.fromEntries(
          FAKE_METROS.map((metro) => [
            metro.code,
            Object.fromEntries(
              FAKE_PLANS.filter((plan) => plan.deployment_types.includes('on_demand')).map((plan) => {
                const open = context.hasCapacity(metro.code, plan.slug);
                return [
                  plan.slug,
                  { level: open ? 'normal' : 'unavailable', available_servers: open ? 20 : 0 },
                ];
              }),
            ),
          ]),
        ),
      }),
    );
    this.#route('GET', '/plans', 'findPlans', (_context, route) => {
      const type = route.url.searchParams.get('type');
      return jsonResponse({ plans: FAKE_PLANS.filter((plan) => type === null || plan.type === type) });
    });
    // The plans the project may deploy (Libcloud lists these): the same list, for the one project.
    this.#route('GET', '/projects/:id/plans', 'findPlansByProject', (context, route) => {
      if (route.params.id !== FAKE_PROJECT_ID) context.fail(404, 'Not found');
      return jsonResponse({ plans: FAKE_PLANS });
    });
    this.#route('GET', '/locations/metros', 'findMetros', () => jsonResponse({ metros: FAKE_METROS }));
    this.#route('GET', '/operating-systems', 'findOperatingSystems', () =>
      jsonResponse({ operating_systems: FAKE_OPERATING_SYSTEMS }),
    );
  }
}
