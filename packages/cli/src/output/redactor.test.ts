import { PassThrough } from 'node:stream';
import type { AnyPluginManifest } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { RedactingStream } from './redacting-stream.js';
import { REDACTED, Redactor } from './redactor.js';

const TOKEN = `dop_v1_${'c0ffee'.repeat(10)}abcd`;
const KEY_ID = 'AKIASENTINEL00000042';
const SECRET = 'sentinel/Secret+Key0000000000000000000042';
const USER_DATA = '#!/bin/sh\necho "user-data-sentinel-93ab" > /tmp/ready\nexit 0\n';

// Only the fields the redactor reads.
const plugins = [
  {
    secretSettings: ['token'],
    env: { required: ['DIGITALOCEAN_TOKEN'], optional: ['DIGITALOCEAN_API_URL'] },
  },
  {
    secretSettings: ['credentials'],
    env: { required: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], optional: ['AWS_REGION'] },
  },
] as unknown as AnyPluginManifest[];

function redactor(): Redactor {
  const result = new Redactor();
  result.addProviderSecrets(plugins, {
    DIGITALOCEAN_TOKEN: TOKEN,
    DIGITALOCEAN_API_URL: 'http://127.0.0.1:4510/digitalocean',
    AWS_ACCESS_KEY_ID: KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_REGION: 'us-east-1',
  });
  result.addUserData(USER_DATA);
  return result;
}

describe('Redactor', () => {
  it('removes credential values, also JSON-escaped once or twice, and keeps other settings', () => {
    const text = `token ${TOKEN}; ${JSON.stringify({ message: JSON.stringify({ secret: SECRET }) })}`;
    const result = redactor().redact(`${text} at http://127.0.0.1:4510/digitalocean in us-east-1`);
    expect(result).not.toContain(TOKEN);
    expect(result).not.toContain('sentinel');
    expect(result).toContain('http://127.0.0.1:4510/digitalocean in us-east-1');
  });

  it('removes keys recognised by their variable names alone, of providers whose manifest was not imported', () => {
    const result = new Redactor();
    result.addEnvironmentSecrets({
      OVH_CONSUMER_KEY: 'consumer-sentinel-7f2e',
      OVH_APPLICATION_KEY: 'application-sentinel-3b9d',
      OVH_ENDPOINT: 'ovh-eu-endpoint',
      KEYBOARD_LAYOUT: 'dvorak-programmer',
    });
    const text = result.redact(
      'consumer-sentinel-7f2e application-sentinel-3b9d ovh-eu-endpoint dvorak-programmer',
    );
    expect(text).toBe(`${REDACTED} ${REDACTED} ovh-eu-endpoint dvorak-programmer`);
  });

  it('removes the user-data plain, JSON-escaped, base64 and URL-encoded base64, whole or cut short', () => {
    const base64 = Buffer.from(USER_DATA).toString('base64');
    const forms = [
      USER_DATA,
      JSON.stringify({ user_data: USER_DATA }),
      `UserData=${base64}`,
      `UserData=${encodeURIComponent(base64)}&Action=RunInstances`,
      `body: UserData=${base64.slice(0, 30)}...`,
      `said: {"user_data":"${JSON.stringify(USER_DATA).slice(1, 40)}...`,
    ];
    for (const form of forms) {
      const result = redactor().redact(form);
      expect(result, form).not.toContain('user-data-sentinel-93ab');
      expect(result, form).not.toContain(base64.slice(0, 20));
      expect(result, form).toContain(REDACTED);
    }
  });

  it('removes the start of a credential cut short by "..." or an ellipsis, wherever the mark is', () => {
    const cutShort = [
      `token ${SECRET.slice(0, 12)}...`,
      `token ${SECRET.slice(0, 12)}\u2026 and more`,
      // A mark before the value, and the value cut short at the end of a second line.
      `wait... then\nkey ${SECRET.slice(0, 20)}\u2026`,
      `${TOKEN} then ${SECRET.slice(0, 10)}...`,
    ];
    for (const text of cutShort) {
      const result = redactor().redact(text);
      expect(result, text).not.toContain(SECRET.slice(0, 10));
      expect(result, text).toContain(REDACTED);
    }
    // The same start with no mark after it is ordinary text.
    expect(redactor().redact(`token ${SECRET.slice(0, 12)} and more`)).toBe(
      `token ${SECRET.slice(0, 12)} and more`,
    );
  });

  it('removes credential shapes whose values it was never given', () => {
    const clean = new Redactor();
    const echoed = [
      'Authorization: Bearer dop_v1_unknown',
      '{"authorization":"AWS4-HMAC-SHA256 Credential=AKIAOTHERKEY00000001/20261201/us-east-1/ec2/aws4_request, Signature=0123456789abcdef0123"}',
      'X-Amz-Security-Token: FwoGZXIvYXdzEXAMPLE',
      'key AKIAOTHERKEY00000001 and ASIAOTHERKEY00000001',
      `the token ${`dop_v1_${'1'.repeat(64)}`} was refused`,
    ];
    for (const line of echoed) {
      const result = clean.redact(line);
      expect(result, line).not.toMatch(/unknown|AKIAOTHER|ASIAOTHER|FwoG|0123456789abcdef0123|1{64}/);
    }
  });

  it('leaves text alone when it holds no secret', () => {
    const text = 'digitalocean answered HTTP 422 to provision: name already in use (web-1, nyc1)';
    expect(redactor().redact(text)).toBe(text);
  });
});

describe('RedactingStream', () => {
  it('redacts every write and passes terminal properties through', () => {
    const target = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    let written = '';
    target.on('data', (chunk) => {
      written += String(chunk);
    });
    const stream = new RedactingStream(target, redactor());
    stream.write(`warning: listing failed: Bearer ${TOKEN}\n`);
    stream.write('plain line\n');
    expect(written).toBe(`warning: listing failed: Bearer ${REDACTED}\nplain line\n`);
    expect(stream.isTTY).toBe(true);
    expect(stream.columns).toBe(120);
  });
});
