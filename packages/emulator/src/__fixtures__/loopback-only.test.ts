import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';

describe('the loopback-only guard every test file runs under', () => {
  it('refuses connections anywhere but 127.0.0.1, before any lookup', async () => {
    const failure = await fetch('https://api.digitalocean.com/v2/account').catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).cause)).toMatch(/tests may only reach 127\.0\.0\.1/);
    expect(() => connect(443, 'example.com')).toThrow(/tests may only reach 127\.0\.0\.1/);
    expect(() => connect({ port: 80, host: '0.0.0.0' })).toThrow(/tests may only reach 127\.0\.0\.1/);
  });
});
