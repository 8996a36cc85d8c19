import { describe, expect, it } from 'vitest';
import {
  type OpenApiDocument,
  type OpenApiSchema,
  requestErrors,
  requiredProperties,
  responseErrors,
  schemaErrors,
} from './index.js';

// The validator guards providers' conformance tests, so it must be shown to fail where it should.
describe('schemaErrors', () => {
  const droplet: OpenApiSchema = {
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id: { type: 'integer' },
      status: { type: 'string', enum: ['new', 'active'] },
      kernel: { type: 'object', nullable: true },
      tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' } },
      created_at: { type: 'string', format: 'date-time' },
    },
  };

  it('accepts a conforming value', () => {
    expect(
      schemaErrors(
        { id: 1, status: 'new', kernel: null, tags: ['a'], created_at: '2026-01-01T00:00:00Z' },
        droplet,
      ),
    ).toEqual([]);
  });

  it('reports missing required properties, wrong types, enums, patterns, nulls and dates', () => {
    expect(
      schemaErrors({ status: 'gone', tags: ['A'], created_at: 'yesterday', extra: true }, droplet),
    ).toEqual([
      '$.id: required but missing',
      '$.status: "gone" is not one of ["new","active"]',
      '$.tags[0]: does not match ^[a-z]+$',
      '$.created_at: not a date-time',
    ]);
    expect(schemaErrors({ id: 1.5, status: 'new' }, droplet)).toEqual(['$.id: expected integer, got number']);
    expect(schemaErrors({ id: 1, status: null }, droplet)).toEqual(['$.status: null but not nullable']);
  });

  it('reads a pattern with identity escapes the Unicode flag refuses, as ECMA-262 does', () => {
    const tag: OpenApiSchema = { type: 'string', pattern: '^[a-zA-Z0-9_\\-\\:]+$' };
    expect(schemaErrors('env:test', tag)).toEqual([]);
    expect(schemaErrors('env test', tag)).toEqual(['$: does not match ^[a-zA-Z0-9_\\-\\:]+$']);
  });

  it('applies allOf to all members, anyOf to at least one and oneOf to exactly one', () => {
    const a: OpenApiSchema = { type: 'object', required: ['a'] };
    const b: OpenApiSchema = { type: 'object', required: ['b'] };
    expect(schemaErrors({ a: 1 }, { allOf: [a, b] })).toEqual(['$.b: required but missing']);
    expect(schemaErrors({ b: 1 }, { anyOf: [a, b] })).toEqual([]);
    expect(schemaErrors({ c: 1 }, { anyOf: [a, b] })).toHaveLength(1);
    expect(schemaErrors({ a: 1 }, { oneOf: [a, b] })).toEqual([]);
    expect(schemaErrors({ a: 1, b: 1 }, { oneOf: [a, b] })).toEqual([
      '$: matches 2 of oneOf, expected exactly 1',
    ]);
  });

  it('follows $ref, takes 3.1 type lists with null, and closes objects with additionalProperties: false', () => {
    const document: OpenApiDocument = {
      paths: {},
      components: {
        schemas: { id: { type: ['integer', 'null'] }, box: { $ref: '#/components/schemas/id' } },
      },
    };
    const closed: OpenApiSchema = {
      type: 'object',
      properties: { id: { $ref: '#/components/schemas/box' } },
      additionalProperties: false,
    };
    expect(schemaErrors({ id: null }, closed, '$', { document })).toEqual([]);
    expect(schemaErrors({ id: 'x', more: 1 }, closed, '$', { document })).toEqual([
      '$.id: expected integer or null, got string',
      '$.more: not allowed (additionalProperties is false)',
    ]);
    expect(() => schemaErrors(1, { $ref: '#/components/schemas/none' }, '$', { document })).toThrow(
      /no #\/components/,
    );
  });

  it('collects required properties through $ref, allOf and the first oneOf branch', () => {
    const single: OpenApiSchema = { allOf: [{ required: ['name'] }, { required: ['size', 'image'] }] };
    expect(requiredProperties({ oneOf: [single, { required: ['names'] }] })).toEqual([
      'name',
      'size',
      'image',
    ]);
  });
});

const document: OpenApiDocument = {
  paths: {
    '/v1/servers': {
      get: {
        operationId: 'servers_list',
        parameters: [
          { $ref: '#/components/parameters/page' },
          {
            name: 'exclude',
            in: 'query',
            style: 'form',
            explode: false,
            schema: { type: 'array', items: { type: 'string' } },
          },
          { name: 'id', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
        ],
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/page' } } } },
        },
      },
      post: {
        operationId: 'servers_create',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/new_server' } } },
        },
        responses: { '202': { headers: { 'x-request-id': { required: true, schema: { type: 'string' } } } } },
      },
    },
    '/v1/servers/{server_id}': {
      parameters: [
        { name: 'server_id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      delete: {
        operationId: 'servers_delete',
        responses: { '204': {}, default: { $ref: '#/components/responses/error' } },
      },
    },
    '/v1/servers/mine': { delete: { operationId: 'servers_delete_mine', responses: { '204': {} } } },
  },
  components: {
    parameters: { page: { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } } },
    schemas: {
      new_server: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, id: { type: 'integer', readOnly: true } },
      },
      page: {
        type: 'object',
        required: ['servers'],
        properties: { servers: { type: 'array', items: { type: 'object' } } },
      },
    },
    responses: {
      error: {
        content: {
          'application/json': {
            schema: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
          },
        },
      },
    },
  },
};

describe('requestErrors', () => {
  it('accepts a conforming request and matches literal segments before parameters', () => {
    expect(requestErrors(document, { method: 'POST', path: '/v1/servers', body: { name: 'web' } })).toEqual(
      [],
    );
    expect(requestErrors(document, { method: 'GET', path: '/v1/servers?page=2' })).toEqual([]);
    expect(requestErrors(document, { method: 'DELETE', path: '/v1/servers/mine' })).toEqual([]);
    // Array query parameters: comma-separated with `explode: false`, repeated by default.
    expect(requestErrors(document, { method: 'GET', path: '/v1/servers?exclude=plan,specs.cpus' })).toEqual(
      [],
    );
    expect(requestErrors(document, { method: 'GET', path: '/v1/servers?id=1&id=2' })).toEqual([]);
    expect(requestErrors(document, { method: 'DELETE', path: '/v1/servers/12' })).toEqual([]);
  });

  it('reports unknown operations, bad parameters, unknown query keys and bodies', () => {
    expect(requestErrors(document, { method: 'PUT', path: '/v1/servers' })).toEqual([
      'PUT /v1/servers: no such operation in the description',
    ]);
    expect(requestErrors(document, { method: 'DELETE', path: '/v1/servers/0' })).toEqual([
      'servers_delete path server_id: below 1',
    ]);
    expect(requestErrors(document, { method: 'GET', path: '/v1/servers?page=x&per=3' })).toEqual([
      'servers_list query page: expected integer, got string',
      'servers_list: query parameter per is not in the description',
    ]);
    expect(requestErrors(document, { method: 'GET', path: '/v1/servers?id=1&id=two' })).toEqual([
      'servers_list query id[1]: expected integer, got string',
    ]);
    expect(requestErrors(document, { method: 'POST', path: '/v1/servers' })).toEqual([
      'servers_create: a request body is required',
    ]);
    // The readOnly id is the server's to set, so it does not count; the missing name does.
    expect(requestErrors(document, { method: 'POST', path: '/v1/servers', body: { id: 3 } })).toEqual([
      'servers_create body.name: required but missing',
    ]);
  });
});

describe('responseErrors', () => {
  it('accepts conforming answers, the default response included', () => {
    expect(
      responseErrors(document, { method: 'GET', path: '/v1/servers', status: 200, body: { servers: [] } }),
    ).toEqual([]);
    expect(
      responseErrors(document, {
        method: 'POST',
        path: '/v1/servers',
        status: 202,
        headers: { 'X-Request-Id': 'r1' },
      }),
    ).toEqual([]);
    expect(
      responseErrors(document, {
        method: 'DELETE',
        path: '/v1/servers/3',
        status: 404,
        body: { message: 'no' },
      }),
    ).toEqual([]);
  });

  it('reports undescribed statuses, missing headers, missing or extra bodies and schema breaks', () => {
    expect(responseErrors(document, { method: 'DELETE', path: '/v1/servers/3', status: 200 })).toEqual([
      'servers_delete: status 200 is not described',
    ]);
    expect(responseErrors(document, { method: 'POST', path: '/v1/servers', status: 202 })).toEqual([
      'servers_create 202: header x-request-id is required',
    ]);
    expect(responseErrors(document, { method: 'GET', path: '/v1/servers', status: 200 })).toEqual([
      'servers_list 200: no body where the description has one',
    ]);
    expect(
      responseErrors(document, { method: 'DELETE', path: '/v1/servers/3', status: 204, body: {} }),
    ).toEqual(['servers_delete 204: a body where the description has none']);
    expect(
      responseErrors(document, { method: 'GET', path: '/v1/servers', status: 200, body: { servers: 1 } }),
    ).toEqual(['servers_list 200.servers: expected array, got integer']);
  });
});
