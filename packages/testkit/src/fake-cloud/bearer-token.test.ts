import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearer-token.js';

const withAuthorization = (value?: string) =>
  new Request(
    'https://api.example.test/v1/servers',
    value === undefined ? {} : { headers: { authorization: value } },
  );

describe('bearerToken', () => {
  it('reads the token of a Bearer header, the scheme in any case', () => {
    expect(bearerToken(withAuthorization('Bearer abc123'))).toBe('abc123');
    expect(bearerToken(withAuthorization('bearer  abc123 '))).toBe('abc123');
  });

  it('answers undefined without a header, for another scheme, or for a token with spaces', () => {
    expect(bearerToken(withAuthorization())).toBeUndefined();
    expect(bearerToken(withAuthorization('Basic YTpi'))).toBeUndefined();
    expect(bearerToken(withAuthorization('Bearer'))).toBeUndefined();
    expect(bearerToken(withAuthorization('Bearer a b'))).toBeUndefined();
  });
});
