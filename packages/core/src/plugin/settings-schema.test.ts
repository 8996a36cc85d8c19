import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { samplePlugin } from '../__fixtures__/sample-plugin.js';
import { commonSettings } from '../common-settings.js';
import { commonSettingsShape } from '../zod.js';
import { createProvisioner } from './create-provisioner.js';
import { type Schema, setting, settingsSchema } from './settings-schema.js';

const schema = settingsSchema({
  token: setting.string().optional(),
  region: setting.string({ pattern: /^[a-z]+-\d$/, message: 'must be a region like "eu-1"' }).optional(),
  credentials: setting
    .object({
      id: setting.string({ minLength: 1 }),
      secret: setting.string(),
      note: setting.string().optional(),
    })
    .optional(),
  ...commonSettings,
});

function issueOf(value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues[0];
}

describe('settingsSchema', () => {
  it('accepts valid settings and returns only the fields given', () => {
    const fetch = async () => new Response('');
    const result = schema.safeParse({
      token: 'abc',
      credentials: { id: 'x', secret: 'y' },
      endpoint: 'http://127.0.0.1:8080/base',
      retry: { maxRetries: 0, baseDelayMs: 5 },
      timeoutMs: 1000,
      fetch,
    });
    expect(result).toEqual({
      success: true,
      data: {
        token: 'abc',
        credentials: { id: 'x', secret: 'y' },
        endpoint: 'http://127.0.0.1:8080/base',
        retry: { maxRetries: 0, baseDelayMs: 5 },
        timeoutMs: 1000,
        fetch,
      },
    });
    expect(schema.safeParse({})).toEqual({ success: true, data: {} });
  });

  it('names the field and what it must be, never the value given', () => {
    const secret = 'sk_live_do_not_print';
    for (const [value, path, message] of [
      [{ token: 42 }, ['token'], 'must be a string'],
      [{ tokn: secret }, ['tokn'], 'is not a known setting'],
      [{ region: secret }, ['region'], 'must be a region like "eu-1"'],
      [{ credentials: { secret } }, ['credentials', 'id'], 'is required'],
      [{ credentials: { id: '', secret } }, ['credentials', 'id'], 'must be at least 1 characters'],
      [
        { credentials: { id: 'x', secret, extra: secret } },
        ['credentials', 'extra'],
        'is not a known setting',
      ],
      [{ retry: { maxRetries: 11 } }, ['retry', 'maxRetries'], 'must be a whole number from 0 to 10'],
      [{ timeoutMs: 0 }, ['timeoutMs'], `must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`],
      [{ allowInsecureHttp: 'yes' }, ['allowInsecureHttp'], 'must be true or false'],
      [{ fetch: secret }, ['fetch'], 'must be a fetch function'],
      [
        { endpoint: 'ftp://example.com' },
        ['endpoint'],
        'must be an https:// URL (or http:// to this machine)',
      ],
      [
        { endpoint: `https://user:${secret}@example.com` },
        ['endpoint'],
        expect.stringContaining('user name'),
      ],
    ] as const) {
      const issue = issueOf(value);
      expect(issue).toEqual({ path, message });
      expect(JSON.stringify(issue)).not.toContain(secret);
    }
    expect(issueOf('not an object')).toEqual({ path: [], message: 'must be an object' });
  });

  it('is checked by createProvisioner, which names the setting', () => {
    expect(() => createProvisioner(samplePlugin(), { timeoutMs: -1 } as never)).toThrowError(
      /Invalid Sample Cloud setting "timeoutMs": must be a whole number/,
    );
  });

  it('leaves plugins free to declare settings with zod instead', () => {
    const zodSchema: Schema<{ token?: string | undefined }> = z
      .object({ token: z.string().optional(), ...commonSettingsShape })
      .strict();
    const plugin = { ...samplePlugin(), settings: zodSchema };
    expect(() => createProvisioner(plugin, { token: 'fine' })).not.toThrow();
    expect(() => createProvisioner(plugin, { endpoint: 'not a url' } as never)).toThrowError(
      /setting "endpoint"/,
    );
  });
});
