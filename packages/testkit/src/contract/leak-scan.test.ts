import { describe, expect, it } from 'vitest';
import { findLeaks, textsOf } from './leak-scan.js';

const SECRET = { label: 'setting token', value: 'ex_supersecret0001' };

describe('findLeaks', () => {
  it('finds a secret in a message', () => {
    expect(findLeaks(new Error(`token ${SECRET.value} rejected`), [SECRET], 'error')).toContainEqual({
      secret: 'setting token',
      where: 'error.message',
    });
  });

  it('finds a secret deep in the cause chain', () => {
    const error = new Error('outer', {
      cause: new Error('middle', { cause: { detail: [`x ${SECRET.value}`] } }),
    });
    const places = findLeaks(error, [SECRET], 'error').map((leak) => leak.where);
    expect(places).toContain('error.cause.cause.detail.0');
  });

  it('finds a secret in a non-enumerable or symbol-keyed property', () => {
    const error = new Error('clean');
    Object.defineProperty(error, 'request', {
      value: { authorization: `Bearer ${SECRET.value}` },
      enumerable: false,
    });
    (error as unknown as Record<symbol, string>)[Symbol('hidden')] = SECRET.value;
    const places = findLeaks(error, [SECRET], 'error').map((leak) => leak.where);
    expect(places).toContain('error.request.authorization');
    expect(places).toContain('error.Symbol(hidden)');
  });

  it('finds a secret in headers and in a request object', () => {
    const headers = new Headers({ authorization: `Bearer ${SECRET.value}` });
    expect(findLeaks({ headers }, [SECRET], 'value')).not.toEqual([]);
    const request = new Request('https://api.example-cloud.test/v1/servers', { headers });
    expect(findLeaks(new Error('failed', { cause: request }), [SECRET], 'error')).not.toEqual([]);
  });

  it('reports nothing for a clean error and survives cycles', () => {
    const error = new Error('Server 1001 was not found.') as Error & { self?: unknown };
    error.self = error;
    expect(findLeaks(error, [SECRET], 'error')).toEqual([]);
    expect(textsOf(error, 'error').length).toBeGreaterThan(0);
  });
});

describe('findLeaks reports', () => {
  it('only the most precise place of a leak', () => {
    const error = new Error('outer', { cause: new Error(`inner ${SECRET.value}`) });
    const places = findLeaks(error, [SECRET], 'error').map((leak) => leak.where);
    // The stack repeats the message: both are real places; the wrappers around them are not.
    expect(places.sort()).toEqual(['error.cause.message', 'error.cause.stack']);
  });
});
