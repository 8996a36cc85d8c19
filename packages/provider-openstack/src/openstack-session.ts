import { InvalidRequestError, type ProvisionerContext, UnsupportedError } from '@provision/core';
import {
  type CachedValue,
  createCachedValue,
  createHttpClient,
  type HttpClient,
} from '@provision/provider-utils';
import { COMPUTE_MICROVERSION, type TokenBody, tokenAnswer } from './openstack-api.js';
import { type OpenStackAuth, resolveOpenStackAuth } from './openstack-credentials.js';
import { openstackErrors, parseOpenStackError } from './openstack-errors.js';
import { AUTO_REGION } from './openstack-region.js';
import type { OpenStackSettings } from './openstack-settings.js';
import { VERSION } from './version.js';

/** The services a provisioner talks to, as the service catalog types them. */
export type ServiceType = 'compute' | 'network' | 'image';

/** A Keystone token and what came with it. */
interface Session {
  readonly token: string;
  readonly projectId: string;
  readonly catalog: NonNullable<TokenBody['catalog']>;
}

/** The clients of one region. */
export interface RegionClients {
  readonly region: string;
  readonly compute: HttpClient;
  readonly network: HttpClient;
  readonly image: HttpClient;
}

// Catalog URLs of Neutron and Glance are the service roots (`http://host:9696`); Nova's carries
// its version (`/v2.1`, sometimes with the project id after it).
const VERSION_PATH: Record<ServiceType, string> = { compute: '', network: '/v2.0', image: '/v2' };

/**
 * One Keystone v3 session for a provisioner: the token (`X-Subject-Token`) is asked once and
 * reused by every request until shortly before `expires_at`, or until a service answers 401;
 * each service's endpoint comes from the token's catalog (interface `OS_INTERFACE`, the region's).
 * https://docs.openstack.org/api-ref/identity/v3/#password-authentication-with-scoped-authorization
 */
export class OpenStackSession {
  readonly #settings: OpenStackSettings;
  readonly #context: ProvisionerContext;
  readonly #session: CachedValue<Session>;
  readonly #regions = new Map<string, RegionClients>();
  #auth: OpenStackAuth | undefined;
  readonly #identity: HttpClient;
  #keystone: HttpClient | undefined;

  constructor(settings: OpenStackSettings, context: ProvisionerContext) {
    this.#settings = settings;
    this.#context = context;
    this.#identity = createHttpClient({
      ...this.#common(),
      baseUrl: () => this.auth().authUrl as string,
    });
    this.#session = createCachedValue(() => this.#issue());
  }

  /** The resolved credentials (read on first use; throws MissingCredentialsError). */
  auth(): OpenStackAuth {
    this.#auth ??= resolveOpenStackAuth(this.#settings, this.#context.env);
    return this.#auth;
  }

  /** The project the token is scoped to. */
  async projectId(): Promise<string> {
    return (await this.#session.get()).projectId;
  }

  /** Keystone itself with the token: the identity API's own reads (`GET /v3/regions`). */
  keystone(): HttpClient {
    this.#keystone ??= this.#authorized(() => this.auth().authUrl as string, {});
    return this.#keystone;
  }

  /** The regions with a compute endpoint of the configured interface in the token's catalog. */
  async computeRegions(): Promise<string[]> {
    return this.#regionsOf(await this.#session.get(), 'compute');
  }

  /** The region a spec's `auto` stands for: the configured one, else the catalog's only one. */
  async resolveRegion(region: string): Promise<string> {
    if (region !== AUTO_REGION) return region;
    const configured = this.auth().regionName;
    if (configured !== undefined) return configured;
    const regions = this.#regionsOf(await this.#session.get(), 'compute');
    if (regions.length === 1) return regions[0] as string;
    throw new InvalidRequestError(
      `This OpenStack cloud has compute in ${regions.length} regions (${regions.join(', ')}); say which: set OS_REGION_NAME or give a region.`,
      { provider: 'openstack', operation: 'provision', field: 'region' },
    );
  }

  /** The clients of `region` (`auto`: see `resolveRegion`). */
  async clients(region: string): Promise<RegionClients> {
    const name = await this.resolveRegion(region);
    let clients = this.#regions.get(name);
    if (clients === undefined) {
      clients = {
        region: name,
        compute: this.#client('compute', name),
        network: this.#client('network', name),
        image: this.#client('image', name),
      };
      this.#regions.set(name, clients);
    }
    return clients;
  }

  #common() {
    const settings = this.#settings;
    return {
      provider: 'openstack',
      version: VERSION,
      allowInsecureHttp: settings.allowInsecureHttp,
      fetch: settings.fetch,
      retry: settings.retry,
      timeoutMs: settings.timeoutMs,
      logger: this.#context.logger,
      errors: openstackErrors,
      parseError: parseOpenStackError,
    };
  }

  #client(service: ServiceType, region: string): HttpClient {
    return this.#authorized(
      async () => this.#endpoint(await this.#session.get(), service, region),
      service === 'compute' ? { 'openstack-api-version': `compute ${COMPUTE_MICROVERSION}` } : {},
    );
  }

  /** A client sending the session's token to `baseUrl`, asking for a new token after a 401. */
  #authorized(
    baseUrl: () => string | Promise<string>,
    headers: Readonly<Record<string, string>>,
  ): HttpClient {
    return createHttpClient({
      ...this.#common(),
      baseUrl,
      headers,
      credential: async () => (await this.#session.get()).token,
      authorize: (token) => ({ 'x-auth-token': token }),
      onUnauthorized: () => this.#session.invalidate(),
      // The token changes on refresh; the account stays the user and project at one Keystone.
      account: () => {
        const auth = this.auth();
        return `${auth.authUrl} ${auth.userId ?? auth.username ?? auth.applicationCredentialId} ${auth.projectId ?? auth.projectName}`;
      },
    });
  }

  #regionsOf(session: Session, service: ServiceType): string[] {
    const wanted = this.auth().interface;
    const regions = session.catalog
      .filter((entry) => entry.type === service)
      .flatMap((entry) => entry.endpoints)
      .filter((endpoint) => endpoint.interface === wanted)
      .map((endpoint) => endpoint.region_id ?? endpoint.region ?? '');
    return [...new Set(regions)];
  }

  #endpoint(session: Session, service: ServiceType, region: string): string {
    const wanted = this.auth().interface;
    const endpoint = session.catalog
      .filter((entry) => entry.type === service)
      .flatMap((entry) => entry.endpoints)
      .find(
        (candidate) => candidate.interface === wanted && (candidate.region_id ?? candidate.region) === region,
      );
    if (endpoint === undefined)
      throw new UnsupportedError(
        `The OpenStack service catalog has no ${wanted} ${service} endpoint in region "${region}" (regions with one: ${this.#regionsOf(session, service).join(', ') || 'none'}).`,
        {
          provider: 'openstack',
          hint: 'Set OS_REGION_NAME (or the region of the spec) to one of them, or OS_INTERFACE.',
        },
      );
    const url = endpoint.url.replace(/\/+$/, '');
    const suffix = VERSION_PATH[service];
    return suffix === '' || url.endsWith(suffix) ? url : `${url}${suffix}`;
  }

  async #issue(): Promise<{ value: Session; expiresAt: number }> {
    const auth = this.auth();
    const answer = await this.#identity.request({
      method: 'POST',
      path: '/auth/tokens',
      body: tokenRequest(auth),
      operation: 'verifyCredentials',
      schema: tokenAnswer,
      // Never repeated blindly: each success makes a token.
      idempotent: false,
      secrets: [auth.password, auth.applicationCredentialSecret],
    });
    const token = answer.headers.get('x-subject-token');
    const project = answer.data.token.project?.id;
    if (!token || project === undefined)
      throw new UnsupportedError(
        'Keystone issued a token without a project scope or without X-Subject-Token; provision needs a project-scoped token.',
        {
          provider: 'openstack',
          hint: 'Give a project (OS_PROJECT_NAME or OS_PROJECT_ID), or a project-scoped application credential.',
        },
      );
    const expiresAt = Date.parse(answer.data.token.expires_at);
    return {
      value: { token, projectId: project, catalog: answer.data.token.catalog ?? [] },
      expiresAt: Number.isNaN(expiresAt) ? Date.now() + 60 * 60 * 1000 : expiresAt,
    };
  }
}

/** The body of `POST /v3/auth/tokens`, for a password or an application credential. */
export function tokenRequest(auth: OpenStackAuth): unknown {
  if (auth.method === 'application_credential')
    return {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: {
            id: auth.applicationCredentialId,
            secret: auth.applicationCredentialSecret,
          },
        },
      },
    };
  const domain = (id: string | undefined, name: string | undefined) =>
    id !== undefined ? { id } : { name: name ?? 'Default' };
  const user =
    auth.userId !== undefined
      ? { id: auth.userId, password: auth.password }
      : {
          name: auth.username,
          domain: domain(auth.userDomainId, auth.userDomainName),
          password: auth.password,
        };
  const project =
    auth.projectId !== undefined
      ? { id: auth.projectId }
      : { name: auth.projectName, domain: domain(auth.projectDomainId, auth.projectDomainName) };
  return {
    auth: { identity: { methods: ['password'], password: { user } }, scope: { project } },
  };
}
