import { InvalidRequestError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { checkEndpoint, resolveEndpoint } from './endpoint.js';

const rules = { provider: 'digitalocean', setting: 'endpoint', envVar: 'DIGITALOCEAN_API_URL' };

function failure(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('resolveEndpoint', () => {
  it('takes the setting, then the variable, then the public API', () => {
    const env = { DIGITALOCEAN_API_URL: 'http://127.0.0.1:4010/digitalocean' };
    expect(
      resolveEndpoint({
        ...rules,
        value: 'https://proxy.test',
        env,
        fallback: 'https://api.digitalocean.com',
      }),
    ).toBe('https://proxy.test');
    expect(
      resolveEndpoint({ ...rules, value: undefined, env, fallback: 'https://api.digitalocean.com' }),
    ).toBe(env.DIGITALOCEAN_API_URL);
    expect(
      resolveEndpoint({ ...rules, value: undefined, env: {}, fallback: 'https://api.digitalocean.com' }),
    ).toBe('https://api.digitalocean.com');
  });

  it('names the variable a bad value came from, and the setting it stands for', () => {
    const error = failure(() =>
      resolveEndpoint({
        ...rules,
        value: undefined,
        env: { DIGITALOCEAN_API_URL: 'not a url' },
        fallback: 'https://x.test',
      }),
    );
    expect(error.message).toContain('DIGITALOCEAN_API_URL');
    expect(error.message).toContain('"endpoint"');
    expect(error).toMatchObject({ field: 'endpoint', provider: 'digitalocean', operation: 'settings' });
  });

  it('names the setting and the variable for a bad setting', () => {
    const error = failure(() =>
      resolveEndpoint({ ...rules, value: 'ftp://files.test', env: {}, fallback: 'https://x.test' }),
    );
    expect(error.message).toContain('"endpoint" setting (or DIGITALOCEAN_API_URL)');
    expect(error.message).toContain('ftp://');
  });
});

describe('checkEndpoint', () => {
  it('never repeats a user name or password held in the URL', () => {
    for (const value of ['https://admin:hunter2-secret@api.test/', 'https://hunter2-secret@api.test/']) {
      const error = failure(() => checkEndpoint(value, rules));
      expect(error.message).toContain('user name or password');
      expect(JSON.stringify({ ...error, message: error.message, hint: error.hint })).not.toContain('hunter2');
    }
  });

  it('does not repeat an unparseable value either', () => {
    const error = failure(() => checkEndpoint('dop_v1_abcdef-pasted-by-mistake', rules));
    expect(error.message).not.toContain('dop_v1');
  });

  it.each(['file:///etc/passwd', 'ftp://a.test', 'javascript:alert(1)', 'gopher://a.test'])(
    'refuses %s',
    (value) => {
      expect(() => checkEndpoint(value, rules)).toThrow(/not an HTTP API/);
    },
  );

  it('refuses plain http to a remote host unless allowed, and says how to allow it', () => {
    const error = failure(() => checkEndpoint('http://10.0.0.5:8080', rules));
    expect(error.message).toContain('unencrypted');
    expect(error.hint).toContain('allowInsecureHttp');
    expect(checkEndpoint('http://10.0.0.5:8080', { ...rules, allowInsecureHttp: true }).hostname).toBe(
      '10.0.0.5',
    );
  });
});
