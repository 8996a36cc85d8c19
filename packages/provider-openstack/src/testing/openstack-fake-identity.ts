import type { RouteContext } from '@provision/testkit/fake-cloud';
import { FAKE_KEYSTONE_REGIONS, FAKE_PROJECT, FAKE_REGIONS, FAKE_USER } from './openstack-fake-catalog.js';
import { fail, isoSeconds, json } from './openstack-fake-wire.js';

// Keystone v3, from its API reference (https://docs.openstack.org/api-ref/identity/v3/):
// password authentication (user by id, or by name with its domain) scoped to a project (by id,
// or by name with its domain), and application credentials (by id, pre-scoped).

/** The password and application credential the fake accepts. */
export interface FakeIdentity {
  readonly password: string;
  readonly applicationCredentialId: string;
  readonly applicationCredentialSecret: string;
}

/** A token the fake issued. */
export interface IssuedToken {
  readonly projectId: string | undefined;
  readonly expiresAt: number;
}

interface Named {
  id?: unknown;
  name?: unknown;
  domain?: { id?: unknown; name?: unknown };
}

const inDefaultDomain = (named: Named) => named.domain?.id === 'default' || named.domain?.name === 'Default';

const unauthorized = (): never => fail('identity', 401, 'The request you have made requires authentication.');

function checkUser(user: Named & { password?: unknown }, identity: FakeIdentity): void {
  const known = user.id === FAKE_USER.id || (user.name === FAKE_USER.name && inDefaultDomain(user));
  if (!known || user.password !== identity.password) unauthorized();
}

function checkProject(project: Named): void {
  const known =
    project.id === FAKE_PROJECT.id || (project.name === FAKE_PROJECT.name && inDefaultDomain(project));
  if (!known) fail('identity', 401, `The request you have made requires authentication.`);
}

/** The service catalog of a token: compute, network and image of each region, pointing at the fake. */
export function serviceCatalog(baseUrl: string) {
  const entry = (type: string, name: string, path: (region: string) => string, index: number) => ({
    id: `${index}a0000000000000000000000000000${index}`,
    type,
    name,
    endpoints: FAKE_REGIONS.flatMap((region, offset) =>
      ['public', 'internal'].map((wanted, kind) => ({
        id: `${index}${offset}${kind}0000000000000000000000000000`,
        interface: wanted,
        region_id: region,
        region,
        url: `${baseUrl}${path(region)}`,
      })),
    ),
  });
  return [
    {
      id: '0a00000000000000000000000000000a',
      type: 'identity',
      name: 'keystone',
      endpoints: ['public', 'internal'].map((wanted, kind) => ({
        id: `0${kind}000000000000000000000000000000`,
        interface: wanted,
        region_id: FAKE_REGIONS[0],
        region: FAKE_REGIONS[0],
        url: `${baseUrl}/identity/v3`,
      })),
    },
    entry('compute', 'nova', (region) => `/compute/${region}/v2.1`, 1),
    entry('network', 'neutron', (region) => `/network/${region}`, 2),
    entry('image', 'glance', (region) => `/image/${region}`, 3),
  ];
}

/** `POST /v3/auth/tokens`: 201 with the token in `X-Subject-Token` and its body. */
export async function issueToken(
  route: RouteContext,
  identity: FakeIdentity,
  baseUrl: string,
  now: Date,
  issue: (token: IssuedToken) => string,
): Promise<Response> {
  const body = await route.json<{
    auth?: { identity?: Record<string, unknown>; scope?: { project?: Named } };
  }>();
  const request = body?.auth?.identity;
  const methods = request?.methods;
  if (!Array.isArray(methods) || methods.length === 0)
    fail('identity', 400, "Invalid input for field 'identity': 'methods' is a required property");
  let projectId: string | undefined;
  if (methods[0] === 'password') {
    const user = (request?.password as { user?: Named & { password?: unknown } } | undefined)?.user;
    if (typeof user !== 'object' || user === null)
      fail('identity', 400, "Invalid input for field 'identity/password/user'");
    checkUser(user, identity);
    const project = body?.auth?.scope?.project;
    if (project !== undefined) {
      checkProject(project);
      projectId = FAKE_PROJECT.id;
    }
  } else if (methods[0] === 'application_credential') {
    const credential = request?.application_credential as { id?: unknown; secret?: unknown } | undefined;
    if (
      credential?.id !== identity.applicationCredentialId ||
      credential?.secret !== identity.applicationCredentialSecret
    )
      unauthorized();
    projectId = FAKE_PROJECT.id;
  } else fail('identity', 401, `Attempted to authenticate with an unsupported method.`);
  const expiresAt = now.getTime() + 60 * 60 * 1000;
  const token = issue({ projectId, expiresAt });
  const project =
    projectId === undefined
      ? {}
      : {
          project: {
            id: FAKE_PROJECT.id,
            name: FAKE_PROJECT.name,
            domain: { id: 'default', name: 'Default' },
          },
          roles: [{ id: '9fe2ff9ee4384b1894a90878d3e92bab', name: 'member' }],
          catalog: serviceCatalog(baseUrl),
        };
  return json(
    {
      token: {
        methods: [methods[0]],
        user: {
          id: FAKE_USER.id,
          name: FAKE_USER.name,
          domain: { id: 'default', name: 'Default' },
          password_expires_at: null,
        },
        audit_ids: ['3T2dc1CGQxyJsHdDu1xkcw'],
        issued_at: `${isoSeconds(now).slice(0, -1)}.000000Z`,
        expires_at: `${isoSeconds(new Date(expiresAt)).slice(0, -1)}.000000Z`,
        is_domain: false,
        ...project,
      },
    },
    201,
    { 'x-subject-token': token },
  );
}

/** `GET /v3` (the version document clients discover the API with). */
export function identityVersion(baseUrl: string): Response {
  return json({
    version: {
      id: 'v3.14',
      status: 'stable',
      updated: '2020-04-07T00:00:00Z',
      links: [{ rel: 'self', href: `${baseUrl}/identity/v3/` }],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
    },
  });
}

/**
 * `GET /v3/regions` (List regions): every region with its description and parent, filtered by
 * `parent_region_id` (the direct children of that region); Keystone does not page it (`links.next` is null).
 * https://docs.openstack.org/api-ref/identity/v3/#list-regions
 */
export function listRegions(route: RouteContext, baseUrl: string): Response {
  const parent = route.url.searchParams.get('parent_region_id');
  const self = `${baseUrl}/identity/v3/regions`;
  return json({
    regions: FAKE_KEYSTONE_REGIONS.filter(
      (region) => parent === null || region.parentRegionId === parent,
    ).map((region) => ({
      id: region.id,
      description: region.description,
      parent_region_id: region.parentRegionId,
      links: { self: `${self}/${region.id}` },
    })),
    links: {
      self: route.url.search === '' ? self : `${self}${route.url.search}`,
      previous: null,
      next: null,
    },
  });
}
