import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { ProviderApiError, RateLimitError, waitForHost } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { http, passthrough } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AwsSettings } from './aws-settings.js';
import { createAws } from './create-aws.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

// Answers that are not what EC2 sends (a proxy page, an empty body, a missing state), endpoints
// that never answer, and throttling: through the real SDK, against the fake.
const server = setupFakeServer();
let fake: AwsEc2Fake;
const fast = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 } };

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

function cloud(settings: AwsSettings = {}) {
  return createAws(
    { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl, ...fast, ...settings },
    { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
  );
}

/**
 * A proxy in front of the fake: every request reaches the fake (and its log), and the answer to
 * `action` is replaced by `rewrite(answer text)`.
 */
function rewriteAnswers(action: string, rewrite: (text: string) => { body: string; type?: string }): void {
  const origin = new URL(fake.baseUrl).origin;
  server.server.use(
    http.all(
      ({ request }) => new URL(request.url).origin === origin,
      async ({ request }) => {
        const form = new URLSearchParams(await request.clone().text());
        const answer = await fake.handle(request);
        if (!(answer instanceof Response) || form.get('Action') !== action) return answer as Response;
        const replaced = rewrite(await answer.text());
        return new Response(replaced.body, {
          status: 200,
          headers: { 'content-type': replaced.type ?? 'text/xml;charset=UTF-8' },
        });
      },
    ),
  );
}

const HTML = () => ({
  body: '<!DOCTYPE html><html><body>Sign in to the hotel Wi-Fi</body></html>',
  type: 'text/html',
});
const EMPTY = () => ({ body: '' });

async function activeHost(provisioner: ReturnType<typeof cloud>, inbound = false) {
  const host = await provisioner.provision({ name: 'web', ...(inbound ? { inbound: [{ from: 22 }] } : {}) });
  return waitForHost(provisioner, host.id, { interval: 1, maxInterval: 1 });
}

describe('AWS answers that are not EC2 XML', () => {
  it.each([
    ['an HTML page', HTML],
    ['an empty body', EMPTY],
  ])(
    'are an error for DescribeInstances (%s): list, status and delete never read it as nothing',
    async (_label, body) => {
      const provisioner = cloud();
      const host = await activeHost(provisioner);
      rewriteAnswers('DescribeInstances', body);
      for (const call of [
        () => (provisioner.list as NonNullable<typeof provisioner.list>)(),
        () => provisioner.status(host.id),
        () => provisioner.delete({ id: host.id }),
      ]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(ProviderApiError.isInstance(error) && error.code).toBe('invalid_response');
        expect((error as ProviderApiError).status).toBe(200);
      }
      // Each call reached the fake once (no SDK repeats), and nothing was terminated.
      expect(fake.since(0).filter((entry) => entry.operation === 'TerminateInstances')).toEqual([]);
      expect(fake.instances()).toHaveLength(1);
    },
  );

  it.each([
    ['an HTML page', HTML],
    ['an empty body', EMPTY],
  ])('are an error for TerminateInstances (%s): delete never says done', async (_label, body) => {
    const provisioner = cloud();
    const host = await activeHost(provisioner);
    rewriteAnswers('TerminateInstances', body);
    const mark = fake.mark();
    const error = await provisioner.delete({ id: host.id }).catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error) && error.code).toBe('invalid_response');
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual([
      'DescribeInstances',
      'TerminateInstances',
    ]);
  });

  it.each([
    ['an HTML page', HTML],
    ['an empty body', EMPTY],
  ])(
    'are an error for RunInstances (%s), and the repeat finds the host it launched',
    async (_label, body) => {
      const provisioner = cloud();
      rewriteAnswers('RunInstances', body);
      const error = await provisioner.provision({ name: 'web' }).catch((caught: unknown) => caught);
      expect(ProviderApiError.isInstance(error) && error.code).toBe('invalid_response');
      expect((error as ProviderApiError).message).not.toContain('Wi-Fi');
      expect(fake.count('RunInstances')).toBe(1);
      server.use(fake);
      const host = await provisioner.provision({ name: 'web' });
      expect(fake.createdCount('instance')).toBe(1);
      expect(host.id).toContain(fake.instances()[0]?.id);
    },
  );

  it('is an error when the XML answers another action than the one sent', async () => {
    rewriteAnswers('DescribeRegions', () => ({
      body: '<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><imagesSet/></DescribeImagesResponse>',
    }));
    const error = await cloud()
      .regions?.()
      .catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error) && error.code).toBe('invalid_response');
  });

  it('is an error when TerminateInstances gives no current state, never "terminated"', async () => {
    const provisioner = cloud();
    const host = await activeHost(provisioner, true);
    rewriteAnswers('TerminateInstances', (text) => ({
      body: text.replace(/<currentState>[\s\S]*?<\/currentState>/, ''),
    }));
    const error = await provisioner.delete({ id: host.id }).catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error) && error.code).toBe('invalid_response');
    // The group was not touched: the instance's state is unknown.
    expect(fake.count('DeleteSecurityGroup')).toBe(0);
    expect(fake.securityGroups()).toHaveLength(1);
  });
});

describe('AWS addresses', () => {
  it.each([
    ['no public address', (text: string) => text.replace(/<ipAddress>[^<]*<\/ipAddress>/g, '')],
    [
      'only a private address',
      (text: string) => text.replace(/<ipAddress>[^<]*<\/ipAddress>/g, '<ipAddress>10.0.3.7</ipAddress>'),
    ],
  ])('a running instance with %s is provisioning, and its ipv4 is never private', async (_label, strip) => {
    const provisioner = cloud();
    const host = await activeHost(provisioner);
    expect(host).toMatchObject({ status: 'active', nativeStatus: 'running' });
    rewriteAnswers('DescribeInstances', (text) => ({ body: strip(text) }));
    const seen = await provisioner.status(host.id);
    expect(seen).toMatchObject({ status: 'provisioning', nativeStatus: 'running' });
    expect(seen.ipv4).toBeUndefined();
    const [listed] = (await provisioner.list?.()) ?? [];
    expect(listed).toMatchObject({ status: 'provisioning' });
    expect(listed?.ipv4).toBeUndefined();
  });
});

describe('AWS endpoints that never answer', () => {
  let silent: Server | undefined;
  afterEach(async () => {
    silent?.closeAllConnections();
    await new Promise((resolve) => silent?.close(resolve));
    silent = undefined;
  });

  async function listen(
    onRequest: (request: IncomingMessage, response: ServerResponse) => void,
  ): Promise<string> {
    silent = createServer(onRequest);
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  }

  // msw lets a request through only when told to: these go to a real server on 127.0.0.1.
  function direct(endpoint: string) {
    server.server.use(
      http.all(
        ({ request }) => new URL(request.url).origin === endpoint,
        () => passthrough(),
      ),
    );
    return createAws(
      {
        credentials: { ...AWS_FAKE_CREDENTIALS },
        endpoint,
        region: 'us-east-1',
        timeoutMs: 50,
        retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      },
      { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
    );
  }

  it.each([
    ['accepts the connection and never answers', () => undefined],
    [
      'sends the headers and never finishes the body',
      (
        _request: unknown,
        response: { writeHead: (status: number) => void; write: (text: string) => void },
      ) => {
        response.writeHead(200);
        response.write('<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">');
      },
    ],
  ])('times list out when the endpoint %s', async (_label, onRequest) => {
    let requests = 0;
    const endpoint = await listen((request, response) => {
      requests += 1;
      onRequest(request, response);
    });
    const error = await direct(endpoint)
      .list?.()
      .catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error) && error.code).toBe('timeout');
    expect((error as ProviderApiError).retryable).toBe(true);
    // At most one attempt and the one retry the settings allow, each cut at the deadline (on a
    // busy machine the deadline may pass before the server has read an attempt).
    expect(requests).toBeLessThanOrEqual(2);
  });
});

describe('AWS endpoints that drop the connection', () => {
  it('is a network error that says the connection was dropped, never a timeout', async () => {
    // A real 127.0.0.1 server that accepts each connection and closes it at once.
    const dropping = createNetServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}`;
    server.server.use(
      http.all(
        ({ request }) => new URL(request.url).origin === endpoint,
        () => passthrough(),
      ),
    );
    try {
      const provisioner = createAws(
        {
          credentials: { ...AWS_FAKE_CREDENTIALS },
          endpoint,
          region: 'us-east-1',
          // A deadline no busy machine reaches: the answer must be the drop, not the clock.
          timeoutMs: 30_000,
          retry: { maxRetries: 0 },
        },
        { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
      );
      const error = await (provisioner.list as NonNullable<typeof provisioner.list>)().catch(
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'network_error', retryable: true });
      expect((error as Error).message).toMatch(/connection was dropped/);
      expect((error as Error).message).not.toMatch(/timed out/);
    } finally {
      await new Promise((resolve) => dropping.close(resolve));
    }
  });
});

describe('AWS throttling', () => {
  it('is a RateLimitError with retryAfterMs, never a quota', async () => {
    fake.injectFault({ kind: 'rate-limit', times: 10 });
    const error = await cloud()
      .list?.()
      .catch((caught: unknown) => caught);
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(0);
    expect(fake.count('DescribeInstances')).toBe(3);
  });

  it.each(['RequestLimitExceeded', 'Throttling', 'ThrottlingException'])(
    'maps %s to RateLimitError',
    async (code) => {
      const origin = new URL(fake.baseUrl).origin;
      server.server.use(
        http.all(
          ({ request }) => new URL(request.url).origin === origin,
          async ({ request }) => {
            await fake.handle(request);
            return new Response(
              `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>Rate exceeded.</Message></Error></Errors><RequestID>r-1</RequestID></Response>`,
              { status: 503, headers: { 'retry-after': '3' } },
            );
          },
        ),
      );
      const error = await cloud({ retry: { maxRetries: 0 } })
        .regions?.()
        .catch((caught: unknown) => caught);
      expect(RateLimitError.isInstance(error)).toBe(true);
      expect((error as RateLimitError).retryAfterMs).toBe(3000);
    },
  );
});
