import { FakeCloud, type RateLimitOptions, type RouteContext } from '@provision/testkit/fake-cloud';
import { type OvhFakeCredentials, refusalOf } from './ovh-fake-auth.js';
import {
  FAKE_FLAVORS,
  FAKE_IMAGES,
  FAKE_REGIONS,
  fakePublicCatalog,
  OVH_FAKE_PROJECT,
} from './ovh-fake-catalog.js';
import {
  createInstance,
  deleteInstance,
  getInstance,
  type InstanceContext,
  listInstances,
  powerAction,
} from './ovh-fake-instances.js';
import type { OvhFakeInstance } from './ovh-fake-records.js';
import { apiError, jsonResponse, stableUuid } from './ovh-fake-wire.js';

/** The keys the fake accepts, in OVH's formats (16-character key, 32-character secret and consumer key). */
export const OVH_FAKE_CREDENTIALS: OvhFakeCredentials = {
  applicationKey: 'FakeOvhAppKey016',
  applicationSecret: 'FakeOvhApplicationSecret00000032',
  consumerKey: 'FakeOvhConsumerKey00000000000032',
};

/** OVH Europe's API host (paths start with `/1.0`). */
export const OVH_API_URL = 'https://eu.api.ovh.com';

/** Operation name of instance creation, for faults and `failNextCreation`. */
export const CREATE_INSTANCE_OPERATION = 'create-instance';

/** Options of `OvhFake`. */
export interface OvhFakeOptions {
  /** The only keys the fake accepts. Default `OVH_FAKE_CREDENTIALS`. */
  credentials?: OvhFakeCredentials;
  /** Where the fake answers. Default `https://eu.api.ovh.com`. */
  baseUrl?: string;
  /** The project the keys may use. Default `OVH_FAKE_PROJECT`. */
  project?: string;
  /** An instance turns ACTIVE on this read after creation. Default 2. */
  readsUntilActive?: number;
  /** Instances the project may have in each region; creates beyond answer 400. Default 20. */
  instanceLimit?: number;
  rateLimit?: RateLimitOptions;
  /** The fake's clock: `created` dates, `/auth/time` and the timestamp check. Default: the real clock. */
  now?: () => Date;
}

/**
 * A stateful fake of OVHcloud's API v1, the part under `/cloud/project/{serviceName}` that
 * provision uses (instances, power actions, flavors, images, regions, quota, the project) and
 * `/auth/time`, written from OVH's published API schema (`cloud.json`, `auth.json`; see
 * `test-fixtures/`). Every request but `/auth/time` must be signed as OVH signs them (see
 * `refusalOf`); a bad key, consumer key, timestamp or signature is refused in OVH's words.
 */
export class OvhFake extends FakeCloud {
  /** The store kind that holds hosts, as `leftovers()` reports it. */
  readonly hostKind = 'instance';
  readonly credentials: OvhFakeCredentials;
  readonly project: string;

  readonly #instances = this.store<OvhFakeInstance>(
    'instance',
    (item) => `instance ${item.name} (${item.id})`,
  );
  readonly #now: () => Date;
  #instanceLimit: number;
  #instanceCounter = 0;
  #addressCounter = 0;
  readonly #context: InstanceContext;

  constructor(options: OvhFakeOptions = {}) {
    super({
      provider: 'ovh',
      baseUrl: options.baseUrl ?? OVH_API_URL,
      ...(options.readsUntilActive === undefined ? {} : { readsUntilActive: options.readsUntilActive }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    this.credentials = options.credentials ?? OVH_FAKE_CREDENTIALS;
    this.project = options.project ?? OVH_FAKE_PROJECT;
    this.#now = options.now ?? (() => new Date());
    this.#instanceLimit = options.instanceLimit ?? 20;
    this.#context = {
      instances: this.#instances,
      lifecycle: this.lifecycle,
      now: this.#now,
      instanceLimit: () => this.#instanceLimit,
      nextInstanceId: () => stableUuid('instance', String(++this.#instanceCounter)),
      nextAddressIndex: () => ++this.#addressCounter,
      fail: (status, message) => this.fail(status, 'ovh', message),
      hasCapacity: (region, plan) => this.hasCapacity(region, plan),
      takeAsyncFailure: () => this.takeAsyncFailure(CREATE_INSTANCE_OPERATION),
    };
    this.#registerRoutes();
  }

  /** Every instance, in creation order. */
  instances(): readonly Readonly<OvhFakeInstance>[] {
    return this.#instances.values();
  }

  /**
   * Stores a copy of instance `sourceId` (region, flavor, image, state) under another name and a
   * new id, as if created and read until active: fills a project fast (the bench's 5,000 hosts),
   * where provision() would list the whole project twice per instance. Returns the copy.
   * @throws Error when `sourceId` is not stored.
   */
  copyInstance(sourceId: string, name: string): Readonly<OvhFakeInstance> {
    const source = this.#instances.get(sourceId);
    if (source === undefined) throw new Error(`no instance ${sourceId} to copy`);
    return this.#instances.set({
      ...source,
      id: this.#context.nextInstanceId(),
      name,
      addressIndex: source.status === 'BUILD' ? 0 : this.#context.nextAddressIndex(),
    });
  }

  /** Sets how many instances the project may have in each region. */
  setInstanceLimit(limit: number): void {
    this.#instanceLimit = limit;
  }

  /** Which addresses an instance shows from now on. */
  setAddressing(id: string, addressing: OvhFakeInstance['addressing']): void {
    const instance = this.#instances.get(id);
    if (instance !== undefined) instance.addressing = addressing;
  }

  /** Puts an instance in a state by hand (`DELETING` is gone on its next read). */
  setStatus(id: string, status: OvhFakeInstance['status']): void {
    const instance = this.#instances.get(id);
    if (instance !== undefined) instance.status = status;
  }

  /** The next create is accepted, then the instance ends in `ERROR`. */
  failNextInstanceCreation(reason: string): void {
    this.failNextCreation(CREATE_INSTANCE_OPERATION, reason);
  }

  override reset(): void {
    super.reset();
    this.#instanceCounter = 0;
    this.#addressCounter = 0;
  }

  /** The API's `{ class, message }`; the base's generic codes in OVH's words. */
  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    const words: Record<string, string> = {
      rate_limited: 'Too many requests',
      internal_error: 'Internal server error',
      bad_request: 'Invalid JSON body',
      not_found: 'Got an invalid (or empty) URL',
    };
    return apiError(status, words[code] ?? message, headers);
  }

  /** A signed route under the fake's project (another project answers 404, as an unknown service does). */
  #route(
    method: string,
    pattern: string,
    operation: string,
    handler: (context: InstanceContext, route: RouteContext) => Response | Promise<Response>,
  ): void {
    this.route(method, `/1.0/cloud/project/:serviceName${pattern}`, operation, async (route) => {
      const body = await route.request.clone().text();
      const seconds = Math.floor(this.#now().getTime() / 1000);
      const refusal = refusalOf(route.request, route.clientUrl, body, this.credentials, seconds);
      if (refusal !== undefined) return refusal;
      if (route.params.serviceName !== this.project) this.fail(404, 'ovh', 'This service does not exist');
      return handler(this.#context, route);
    });
  }

  #registerRoutes(): void {
    // Keyless (`noAuthentication: true` in auth.json): the server's time, in epoch seconds.
    this.route('GET', '/1.0/auth/time', 'get-time', () =>
      jsonResponse(Math.floor(this.#now().getTime() / 1000)),
    );
    // Keyless too: the public price list of a subsidiary (`ovhSubsidiary` is required).
    this.route('GET', '/1.0/order/catalog/public/cloud', 'get-public-cloud-catalog', (route) => {
      const subsidiary = route.url.searchParams.get('ovhSubsidiary');
      if (subsidiary === null || !/^[A-Z]{2}$/.test(subsidiary))
        this.fail(400, 'ovh', 'Invalid parameter: ovhSubsidiary');
      return jsonResponse(fakePublicCatalog(subsidiary));
    });
    this.#route('GET', '', 'get-project', () =>
      jsonResponse({
        access: 'full',
        creationDate: '2026-01-01T00:00:00Z',
        description: 'provision fake project',
        expiration: null,
        iam: null,
        manualQuota: false,
        orderId: null,
        planCode: 'project.2018',
        projectName: 'provision fake project',
        project_id: this.project,
        status: 'ok',
        unleash: false,
      }),
    );
    this.#route('GET', '/instance', 'list-instances', listInstances);
    this.#route('POST', '/instance', CREATE_INSTANCE_OPERATION, createInstance);
    this.#route('GET', '/instance/:instanceId', 'get-instance', getInstance);
    this.#route('DELETE', '/instance/:instanceId', 'delete-instance', deleteInstance);
    this.#route('POST', '/instance/:instanceId/start', 'start-instance', powerAction('start'));
    this.#route('POST', '/instance/:instanceId/stop', 'stop-instance', powerAction('stop'));
    this.#route('POST', '/instance/:instanceId/reboot', 'reboot-instance', powerAction('reboot'));
    this.#route('GET', '/flavor', 'list-flavors', (_context, route) => {
      const region = route.url.searchParams.get('region');
      return jsonResponse(FAKE_FLAVORS.filter((flavor) => region === null || flavor.region === region));
    });
    this.#route('GET', '/image', 'list-images', (_context, route) => {
      const region = route.url.searchParams.get('region');
      const osType = route.url.searchParams.get('osType');
      return jsonResponse(
        FAKE_IMAGES.filter(
          (image) =>
            (region === null || image.region === region) && (osType === null || image.type === osType),
        ),
      );
    });
    this.#route('GET', '/region', 'list-regions', () => jsonResponse([...FAKE_REGIONS]));
    this.#route('GET', '/quota', 'get-quota', () => {
      const used = (region: string) =>
        this.#instances.values().filter((item) => item.region === region).length;
      return jsonResponse(
        FAKE_REGIONS.map((region) => ({
          instance: {
            maxCores: 20,
            maxInstances: this.#instanceLimit,
            maxRam: 81920,
            usedCores: used(region),
            usedInstances: used(region),
            usedRAM: used(region) * 2000,
          },
          keymanager: null,
          keypair: null,
          loadbalancer: null,
          network: null,
          region,
          share: null,
          volume: null,
        })),
      );
    });
  }
}
