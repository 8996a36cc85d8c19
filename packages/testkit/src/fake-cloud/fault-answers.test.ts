import { describe, expect, it } from 'vitest';
import { ExampleCloudFake } from '../example/example-cloud-fake.js';
import type { NetworkError } from './network-error.js';

const TOKEN = 'ex_fake0000000000000000000001';

function send(
  fake: ExampleCloudFake,
  body = '{"name":"web","region":"east-1","plan":"nano","image":"ubuntu-24-04"}',
) {
  return fake.handle(
    new Request(`${fake.baseUrl}/v1/servers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
    }),
  ) as Promise<Response | NetworkError>;
}

describe('answer faults', () => {
  it('non-cloud-200 answers a proxy page or an empty body, and commits nothing', async () => {
    const fake = new ExampleCloudFake();
    fake.injectFault({ kind: 'non-cloud-200' });
    fake.injectFault({ kind: 'non-cloud-200', page: 'empty' });
    const html = (await send(fake)) as Response;
    expect([
      html.status,
      html.headers.get('content-type'),
      (await html.text()).startsWith('<!DOCTYPE html>'),
    ]).toEqual([200, 'text/html; charset=utf-8', true]);
    const empty = (await send(fake)) as Response;
    expect([empty.status, await empty.text()]).toEqual([200, '']);
    expect(fake.servers.size).toBe(0);
    expect(fake.requests.map((entry) => entry.fault)).toEqual(['non-cloud-200', 'non-cloud-200']);
  });

  it("echo-error answers the cloud's 400 quoting the body and the Authorization header", async () => {
    const fake = new ExampleCloudFake();
    fake.injectFault({ kind: 'echo-error' });
    const answer = (await send(fake, '{"user_data":"secret-script"}')) as Response;
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(answer.status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('secret-script');
    expect(body.error.message).toContain(`Bearer ${TOKEN}`);
    expect(fake.servers.size).toBe(0);
  });

  it("refused answers the cloud's 403 and commits nothing", async () => {
    const fake = new ExampleCloudFake();
    fake.injectFault({ kind: 'refused', operation: 'servers.create' });
    const answer = (await send(fake)) as Response;
    expect([answer.status, ((await answer.json()) as { error: { code: string } }).error.code]).toEqual([
      403,
      'forbidden',
    ]);
    expect(fake.servers.size).toBe(0);
  });
});
