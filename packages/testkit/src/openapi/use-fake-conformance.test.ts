import { describe, expect, it } from 'vitest';
import { EXAMPLE_API_URL, EXAMPLE_FAKE_TOKEN, ExampleCloudFake } from '../example/example-cloud-fake.js';
import type { OpenApiDocument } from './openapi-document.js';
import { useFakeConformance } from './use-fake-conformance.js';

// The vitest wrapper over msw: a fresh fake per test, served to the real `fetch`, and after the
// file every servers route must have answered some test with a success.
const DOCUMENT: OpenApiDocument = {
  paths: {
    '/v1/servers': {
      get: {
        operationId: 'listServers',
        parameters: [{ name: 'per_page', in: 'query', schema: { type: 'integer', maximum: 50 } }],
        responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } },
      },
      post: {
        operationId: 'createServer',
        requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
};

const check = useFakeConformance({
  description: DOCUMENT,
  baseUrl: EXAMPLE_API_URL,
  transport: 'fetch',
  createFake: () => new ExampleCloudFake(),
  headers: { authorization: `Bearer ${EXAMPLE_FAKE_TOKEN}` },
  everyRouteAnswered: { only: (operation) => operation === 'servers.list' || operation === 'servers.create' },
});

describe('useFakeConformance', () => {
  it('serves a fresh fake to globalThis.fetch through msw, and checks what passes', async () => {
    expect(check.fake.servers.size).toBe(0);
    const made = await check.send('POST', '/v1/servers', {
      name: 'web-1',
      region: 'east-1',
      plan: 'nano',
      image: 'ubuntu-24-04',
    });
    expect(made.status).toBe(201);
    expect(check.fake.servers.size).toBe(1);
    check.expectConforming();
  });

  it('starts each test with a new fake and an empty record', async () => {
    expect(check.fake.servers.size).toBe(0);
    expect(check.exchanges).toEqual([]);
    await check.send('GET', '/v1/servers?per_page=60');
    expect(check.exchanges.pop()?.requestErrors).toEqual(['listServers query per_page: above 50']);
    check.expectConforming();
  });
});
