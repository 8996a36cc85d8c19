import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client.js';
import { REDACTED, redactSent } from './redact-sent.js';

const TOKEN = 'tok_0123456789abcdefSECRET';
const USER_DATA = '#!/bin/sh\necho "s3cr3t-payload" > /etc/motd\n';

describe('redactSent', () => {
  it('cuts out a value in every form a cloud quotes it in, and the start of a cut quote', () => {
    const base64 = Buffer.from(USER_DATA).toString('base64');
    const forms = [
      USER_DATA,
      JSON.stringify(USER_DATA).slice(1, -1),
      encodeURIComponent(USER_DATA),
      base64,
      encodeURIComponent(base64),
      `${base64.slice(0, 20)}...`,
    ];
    for (const form of forms) {
      const message = `Invalid request: ${form} (request id 7)`;
      const clean = redactSent(message, [USER_DATA]);
      expect(clean, form).not.toContain('s3cr3t');
      expect(clean, form).not.toContain(base64.slice(0, 12));
      expect(clean).toContain(REDACTED);
      expect(clean).toContain('(request id 7)');
    }
    expect(redactSent('nothing to hide here', [USER_DATA, undefined, 'ab'])).toBe('nothing to hide here');
  });
});

describe('createHttpClient and an error that quotes the request', () => {
  const server = setupServer(
    http.post('https://api.example.test/v1/servers', async ({ request }) =>
      HttpResponse.json(
        {
          code: 'bad_request',
          message: `rejected ${await request.text()} sent with ${request.headers.get('authorization')}`,
        },
        { status: 422 },
      ),
    ),
  );
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterAll(() => server.close());

  it('never lets the credential, the body or a declared secret into the error', async () => {
    const client = createHttpClient({
      provider: 'example',
      version: '0.0.0',
      baseUrl: 'https://api.example.test',
      credential: () => TOKEN,
      retry: { maxRetries: 0 },
    });
    const error = await client
      .request({
        method: 'POST',
        path: '/v1/servers',
        body: { name: 'web-1', user_data: USER_DATA },
        operation: 'provision',
        secrets: [USER_DATA],
      })
      .then(
        () => undefined,
        (failure: unknown) => failure as Error,
      );
    expect(error?.message).toMatch(/rejected/);
    for (const leak of [TOKEN, 's3cr3t', 'Bearer tok_']) expect(error?.message).not.toContain(leak);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});
