import { beforeEach, describe, expect, it } from 'vitest';
import { FakeCloud } from './fake-cloud.js';
import { NETWORK_ERROR } from './network-error.js';
import { setupFakeServer } from './setup-fake-server.js';

const MANAGEMENT = 'https://management.example.test';
const LOGIN = 'https://login.example.test';
const TOKEN = 'fake-access-token';

/**
 * A cloud spread over two origins, as Azure is: a token endpoint on one, a case-insensitive
 * resource API on the other that checks the token before it looks at the path.
 */
class TwoOriginCloud extends FakeCloud {
  readonly groups = this.store<{ id: string; name: string }>('group');

  constructor() {
    super({ provider: 'two', baseUrl: MANAGEMENT, bases: { login: LOGIN }, caseInsensitivePaths: true });
    this.route(
      'POST',
      '/:tenant/oauth2/v2.0/token',
      'token',
      (context) => Response.json({ access_token: TOKEN, tenant: context.params.tenant }),
      { base: 'login' },
    );
    this.route('PUT', '/subscriptions/:subscription/resourceGroups/:name', 'groups.put', (context) => {
      const group = this.groups.set({
        id: context.params.name as string,
        name: context.params.name as string,
      });
      return Response.json(group, { status: 201 });
    });
    this.route('POST', '/slow', 'slow', async (context) =>
      Response.json({ body: await context.request.text() }),
    );
  }

  protected override beforeRoute(request: Request, base: string): void {
    if (base === 'login') return;
    if (request.headers.get('authorization') !== `Bearer ${TOKEN}`)
      this.fail(401, 'unauthorized', 'No token.');
  }

  protected errorResponse(status: number, code: string, message: string, headers?: Record<string, string>) {
    return Response.json(
      { error: { code, message } },
      { status, ...(headers === undefined ? {} : { headers }) },
    );
  }
}

const server = setupFakeServer();
let cloud: TwoOriginCloud;
beforeEach(() => {
  cloud = new TwoOriginCloud();
  server.use(cloud);
});

const authorized = { authorization: `Bearer ${TOKEN}` };

describe('several origins', () => {
  it('answers on each of its base URLs, each with its own routes', async () => {
    expect(cloud.baseUrls).toEqual({ main: MANAGEMENT, login: LOGIN });
    const token = await fetch(`${LOGIN}/tenant-1/oauth2/v2.0/token`, { method: 'POST' });
    expect(await token.json()).toEqual({ access_token: TOKEN, tenant: 'tenant-1' });
    // The token route lives on the login origin only.
    const wrongOrigin = await fetch(`${MANAGEMENT}/tenant-1/oauth2/v2.0/token`, {
      method: 'POST',
      headers: authorized,
    });
    expect(wrongOrigin.status).toBe(404);
    expect(cloud.requests.map((entry) => entry.operation)).toEqual(['token', 'unmatched']);
  });

  it('refuses a route on a base it does not have', () => {
    class Broken extends TwoOriginCloud {
      constructor() {
        super();
        this.route('GET', '/x', 'x', () => new Response(null), { base: 'storage' });
      }
    }
    expect(() => new Broken()).toThrow(/"storage" is not one of this cloud's base URLs/);
  });
});

describe('case-insensitive paths', () => {
  it('matches literal segments in any case and keeps parameters as sent', async () => {
    const response = await fetch(`${MANAGEMENT}/SUBSCRIPTIONS/s-1/resourcegroups/MyGroup`, {
      method: 'PUT',
      headers: authorized,
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'MyGroup', name: 'MyGroup' });
  });
});

describe('beforeRoute', () => {
  it('answers 401 before routing: an unknown path with a bad token is refused, not 404', async () => {
    const unknown = await fetch(`${MANAGEMENT}/no/such/path`);
    expect(unknown.status).toBe(401);
    const known = await fetch(`${MANAGEMENT}/subscriptions/s-1/resourceGroups/g`, { method: 'PUT' });
    expect(known.status).toBe(401);
    expect(cloud.groups.size).toBe(0);
    const unknownWithToken = await fetch(`${MANAGEMENT}/no/such/path`, { headers: authorized });
    expect(unknownWithToken.status).toBe(404);
  });
});

describe('a fault is a property of one request', () => {
  it('handle(request, { fault }) breaks that request only, whatever order concurrent requests run in', async () => {
    const send = (name: string, fault?: 'http-500' | 'connection-reset') =>
      cloud.handle(
        new Request(`${MANAGEMENT}/slow`, { method: 'POST', headers: authorized, body: name }),
        fault === undefined ? {} : { fault: { kind: fault } },
      );
    const names = Array.from({ length: 30 }, (_, index) => `r${index}`);
    const faultOf = (index: number) =>
      index % 3 === 0 ? 'http-500' : index % 3 === 1 ? 'connection-reset' : undefined;
    const results = await Promise.all(names.map((name, index) => send(name, faultOf(index))));
    results.forEach((result, index) => {
      const fault = faultOf(index);
      if (fault === 'connection-reset') expect(result).toBe(NETWORK_ERROR);
      else expect((result as Response).status).toBe(fault === 'http-500' ? 500 : 200);
    });
    for (const entry of cloud.requests) expect(entry.fault).toBe(faultOf(Number(entry.body?.slice(1))));
    expect(cloud.pendingFaults).toEqual([]);
  });

  it('a fault given to handle() wins over injected ones, which wait for a request without one', async () => {
    cloud.injectFault({ kind: 'http-500' });
    const request = () =>
      new Request(`${MANAGEMENT}/slow`, { method: 'POST', headers: authorized, body: 'x' });
    const first = await cloud.handle(request(), { fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
    expect((first as Response).status).toBe(429);
    expect((first as Response).headers.get('retry-after')).toBe('7');
    expect(cloud.pendingFaults).toHaveLength(1);
    expect(((await cloud.handle(request())) as Response).status).toBe(500);
    expect(((await cloud.handle(request())) as Response).status).toBe(200);
  });
});
