import { silentLogger } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';
import { createRestConnection, type RestConnectionOptions } from './rest-connection.js';

/** A connection on an in-memory `fetch` that answers 200 (or `status`) and logs what it got. */
function connect(
  overrides: Partial<RestConnectionOptions> & { env?: Record<string, string>; endpoint?: string } = {},
  status = 200,
) {
  const seen: Array<{ url: string; auth: string | null }> = [];
  const fetchFake: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    seen.push({ url: request.url, auth: request.headers.get('x-auth-token') });
    return new Response(JSON.stringify({ ok: true, error: 'refused' }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  let reads = 0;
  const { env = {}, endpoint, ...rest } = overrides;
  const client = createRestConnection({
    provider: 'tagcloud',
    version: '1.0.0',
    settings: { fetch: fetchFake, retry: { maxRetries: 0 }, endpoint },
    context: { env, logger: silentLogger },
    endpointEnv: 'TAGCLOUD_URL',
    defaultEndpoint: 'https://api.tagcloud.test/v1',
    credential: () => `token-${++reads}`,
    authorize: (token) => ({ 'x-auth-token': token }),
    rateLimiter: createRateLimiter(),
    ...rest,
  });
  return { client, seen };
}

describe('createRestConnection', () => {
  it('sends to the default endpoint, the credential read per request', async () => {
    const { client, seen } = connect();
    await client.request({ method: 'GET', path: '/things', operation: 'list' });
    await client.request({ method: 'GET', path: '/things', operation: 'list' });
    expect(seen).toEqual([
      { url: 'https://api.tagcloud.test/v1/things', auth: 'token-1' },
      { url: 'https://api.tagcloud.test/v1/things', auth: 'token-2' },
    ]);
  });

  it('takes the endpoint from the setting, then the variable', async () => {
    const env = { TAGCLOUD_URL: 'http://127.0.0.1:9/v1' };
    const fromEnv = connect({ env });
    await fromEnv.client.request({ method: 'GET', path: '/a', operation: 'list' });
    expect(fromEnv.seen[0]?.url).toBe('http://127.0.0.1:9/v1/a');
    const fromSetting = connect({ env, endpoint: 'http://127.0.0.1:8/v2' });
    await fromSetting.client.request({ method: 'GET', path: '/a', operation: 'list' });
    expect(fromSetting.seen[0]?.url).toBe('http://127.0.0.1:8/v2/a');
  });

  it('refuses plain http to another machine when it is made, before any request', () => {
    expect(() => connect({ endpoint: 'http://api.tagcloud.test/v1' })).toThrow(/plain http:\/\//);
  });

  it('reads errors with the cloud’s parser and table', async () => {
    const { client } = connect(
      { parseError: (body) => ({ message: (body as { error: string }).error }) },
      422,
    );
    await expect(client.request({ method: 'GET', path: '/a', operation: 'list' })).rejects.toThrow(/refused/);
  });

  it('names the provider and version of the context’s manifest, and needs them from somewhere', async () => {
    const seen: string[] = [];
    const fetchFake: typeof fetch = async (input, init) => {
      seen.push(new Request(input, init).headers.get('user-agent') ?? '');
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const common = {
      settings: { fetch: fetchFake, retry: { maxRetries: 0 } },
      endpointEnv: 'TAGCLOUD_URL',
      defaultEndpoint: 'https://api.tagcloud.test/v1',
      credential: () => 'token',
    };
    const manifest = { id: 'tagcloud', version: '2.3.4' };
    const client = createRestConnection({ ...common, context: { env: {}, logger: silentLogger, manifest } });
    await client.request({ method: 'GET', path: '/a', operation: 'list' });
    expect(seen[0]).toMatch(/tagcloud\/2\.3\.4/);
    expect(() => createRestConnection({ ...common, context: { env: {}, logger: silentLogger } })).toThrow(
      /needs provider and version/,
    );
  });
});
