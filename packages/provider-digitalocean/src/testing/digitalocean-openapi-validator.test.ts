import { describe, expect, it } from 'vitest';
import { type OpenApiSchema, requiredProperties, schemaErrors } from './digitalocean-openapi-validator.js';

// The validator guards the conformance test, so it must be shown to fail where it should.
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

  it('collects required properties through allOf and the first oneOf branch', () => {
    const single: OpenApiSchema = { allOf: [{ required: ['name'] }, { required: ['size', 'image'] }] };
    expect(requiredProperties({ oneOf: [single, { required: ['names'] }] })).toEqual([
      'name',
      'size',
      'image',
    ]);
  });
});
