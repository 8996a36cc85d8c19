import { describe, expect, it } from 'vitest';
import { EXAMPLE_API_URL, EXAMPLE_FAKE_TOKEN, ExampleCloudFake } from '../example/example-cloud-fake.js';
import { createFakeConformance } from './fake-conformance.js';
import type { OpenApiDocument, OpenApiSchema } from './openapi-document.js';

// A small description of the example cloud, written for these tests: servers with a closed
// schema, firewalls, and an error shape.
const error: OpenApiSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
};
const server: OpenApiSchema = {
  type: 'object',
  required: ['id', 'name', 'state'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string', enum: ['starting', 'running', 'deleting'] },
  },
};
const json = (schema: OpenApiSchema) => ({ content: { 'application/json': { schema } } });
const DOCUMENT: OpenApiDocument = {
  paths: {
    '/v1/servers': {
      post: {
        operationId: 'createServer',
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            required: ['name', 'region', 'plan', 'image'],
            properties: { name: { type: 'string' } },
          }),
        },
        responses: {
          '201': json({ type: 'object', required: ['server'], properties: { server } }),
          default: json(error),
        },
      },
    },
    '/v1/servers/{id}': {
      get: {
        operationId: 'getServer',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': json({ type: 'object', properties: { server } }), default: json(error) },
      },
    },
  },
};
const SERVER = { name: 'web-1', region: 'east-1', plan: 'nano', image: 'ubuntu-24-04' };

function setup(options: Partial<Parameters<typeof createFakeConformance>[0]> = {}) {
  const fake = new ExampleCloudFake({ readsUntilActive: 1 });
  const check = createFakeConformance({
    description: DOCUMENT,
    fake: () => fake,
    baseUrl: EXAMPLE_API_URL,
    headers: { authorization: `Bearer ${EXAMPLE_FAKE_TOKEN}` },
    ...options,
  });
  return { fake, check };
}

describe('createFakeConformance', () => {
  it('records each exchange with the operation that answered, and finds nothing wrong in conforming ones', async () => {
    const { fake, check } = setup();
    const created = await check.send('POST', '/v1/servers', SERVER);
    const { server: made } = (await created.json()) as { server: { id: string } };
    await check.send('GET', `/v1/servers/${made.id}`);
    expect(check.exchanges.map((exchange) => [exchange.operation, exchange.method, exchange.status])).toEqual(
      [
        ['servers.create', 'POST', 201],
        ['servers.get', 'GET', 200],
      ],
    );
    expect(check.exchangeOf(created)?.path).toBe('/v1/servers');
    expect(check.broken()).toEqual([]);
    // The request log of the fake saw the same two.
    expect(fake.requests.map((entry) => entry.operation)).toEqual(['servers.create', 'servers.get']);
  });

  it('names every route the fake serves that no exchange answered with a success', async () => {
    const { check } = setup();
    await check.send('POST', '/v1/servers', SERVER);
    expect(check.unansweredRoutes({ only: (operation) => operation.startsWith('servers.') })).toEqual([
      'servers.action',
      'servers.delete',
      'servers.get',
      'servers.list',
    ]);
    check.reset();
    expect(check.exchanges).toEqual([]);
    expect(check.unansweredRoutes()).toContain('servers.create');
    // Over the file, the create before reset() still counts.
    expect(check.unansweredRoutes({ since: 'file' })).not.toContain('servers.create');
  });

  it('reports a request the description refuses and an answer it does not describe', async () => {
    const { check } = setup();
    const refused = await check.send('POST', '/v1/servers', { name: 'x', region: 'east-1' });
    expect(refused.status).toBe(422);
    expect(check.exchangeOf(refused)?.requestErrors).toEqual([
      'createServer body.plan: required but missing',
      'createServer body.image: required but missing',
    ]);
    const listed = await check.send('GET', '/v1/firewalls');
    expect(listed.status).toBe(200);
    expect(check.exchangeOf(listed)?.requestErrors).toEqual([
      'GET /v1/firewalls: no such operation in the description',
    ]);
    expect(check.broken()).toHaveLength(2);
    // The same checks, bound to the description, for a test of the check itself.
    expect(check.validator.requestErrors({ method: 'POST', path: '/v1/servers', body: {} })).toHaveLength(4);
  });

  it('lets through only the problems a named description gap matches', async () => {
    const closed: OpenApiDocument = structuredClone(DOCUMENT);
    const entry = closed.paths['/v1/servers']?.post?.responses['201']?.content?.['application/json'];
    (entry?.schema?.properties?.server as OpenApiSchema).additionalProperties = false;
    const strict = setup({ description: closed });
    await strict.check.send('POST', '/v1/servers', SERVER);
    const problems = strict.check.broken().flatMap((exchange) => exchange.responseErrors);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.includes('not allowed'))).toBe(true);
    const excused = setup({
      description: closed,
      descriptionGaps: [[/not allowed/, 'a test of the gap list']],
    });
    await excused.check.send('POST', '/v1/servers', SERVER);
    expect(excused.check.broken()).toEqual([]);
  });

  it('checks error answers against errorSchema when one is given', async () => {
    const wrong = { authorization: 'Bearer ex_wrong' };
    const fits = setup({ errorSchema: error });
    await fits.check.send('GET', '/v1/servers/none', undefined, wrong);
    expect(fits.check.broken()).toEqual([]);
    const other = setup({ errorSchema: { type: 'object', required: ['message'] } });
    const answer = await other.check.send('GET', '/v1/servers/none', undefined, wrong);
    expect(answer.status).toBe(401);
    expect(other.check.exchangeOf(answer)?.responseErrors).toEqual([
      'servers.get 401 error.message: required but missing',
    ]);
  });

  it('takes a validator for a description in another format, and skips undescribed operations', async () => {
    const seen: string[] = [];
    const { check } = setup({
      description: {
        requestErrors: (request) => {
          seen.push(`${request.method} ${request.path}`);
          return [];
        },
        responseErrors: (response) => (response.status === 201 ? ['created is not described'] : []),
      },
      undescribed: ['firewalls.list'],
    });
    await check.send('POST', '/v1/servers?dry=1', SERVER);
    await check.send('GET', '/v1/firewalls');
    expect(seen).toEqual(['POST /v1/servers?dry=1']);
    expect(check.broken().map((exchange) => exchange.responseErrors)).toEqual([['created is not described']]);
  });

  it('reads a form body as a record, and does not ask for a JSON body a plain-text request carried', async () => {
    const { check } = setup({ checkRequestHeaders: false });
    const form = await check.send('POST', '/v1/servers', new URLSearchParams(SERVER).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    // The fake reads JSON only; the check read the form and found it complete.
    expect(check.exchangeOf(form)?.requestErrors).toEqual([]);
    const text = await check.send('POST', '/v1/servers', 'name=web', { 'content-type': 'text/plain' });
    expect(check.exchangeOf(text)?.requestErrors).toEqual([]);
  });

  it('answers a network error as fetch does, and still checks the request', async () => {
    const { fake, check } = setup();
    fake.injectFault({ kind: 'connection-reset', operation: 'servers.create' });
    await expect(check.send('POST', '/v1/servers', { name: 'web-1' })).rejects.toThrow(TypeError);
    expect(check.exchanges).toEqual([
      {
        operation: 'servers.create',
        method: 'POST',
        path: '/v1/servers',
        status: 'network-error',
        requestErrors: [
          'createServer body.region: required but missing',
          'createServer body.plan: required but missing',
          'createServer body.image: required but missing',
        ],
        responseErrors: [],
      },
    ]);
    // A dropped answer is no success: the route still counts as unanswered.
    expect(check.unansweredRoutes()).toContain('servers.create');
  });
});
