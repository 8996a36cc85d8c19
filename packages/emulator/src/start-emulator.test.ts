import { request as httpRequest } from 'node:http';
import { createServer, Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WIDGET_TOKEN, type WidgetCloud, widgetCloud } from './__fixtures__/widget-cloud.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

const running: RunningEmulator[] = [];

async function start(options: Parameters<typeof startEmulator>[0] = {}) {
  const emulator = await startEmulator({ clouds: [widgetCloud()], ...options });
  running.push(emulator);
  return emulator;
}

afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Resolves once a fresh server could listen on `port` at 127.0.0.1 (and has let it go again). */
function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

describe('startEmulator', () => {
  it('listens on 127.0.0.1 only', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    const emulator = await start();
    const server = listen.mock.contexts[0] as Server;
    expect(server.address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(new URL(emulator.url).hostname).toBe('127.0.0.1');
  });

  it('refuses to listen on any other host', async () => {
    await expect(startEmulator({ clouds: [], host: '0.0.0.0' })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startEmulator({ clouds: [], host: '::' })).rejects.toThrow(/127\.0\.0\.1 only/);
  });

  it('rejects invalid options and clouds before listening', async () => {
    await expect(startEmulator({ clouds: [], faultRate: 1.5 })).rejects.toThrow(/faultRate/);
    await expect(startEmulator({ clouds: [], latencyMs: -1 })).rejects.toThrow(/latencyMs/);
    await expect(startEmulator({ clouds: [], port: 70000 })).rejects.toThrow(/port/);
    await expect(startEmulator({ clouds: [widgetCloud(), widgetCloud()] })).rejects.toThrow(
      /Two emulated clouds claim provider "widgets"/,
    );
    await expect(startEmulator({ clouds: [widgetCloud('Bad/Id')] })).rejects.toThrow(/provider id/);
  });

  it('serves each cloud under /<provider> with its env, and lists them (names only) at GET /', async () => {
    const emulator = await start({ clouds: [widgetCloud('widgets'), widgetCloud('gadgets')] });
    expect(emulator.endpoints.map((endpoint) => endpoint.provider)).toEqual(['gadgets', 'widgets']);
    expect(emulator.env).toEqual({
      GADGETS_URL: `${emulator.url}/gadgets`,
      GADGETS_TOKEN: WIDGET_TOKEN,
      WIDGETS_URL: `${emulator.url}/widgets`,
      WIDGETS_TOKEN: WIDGET_TOKEN,
    });
    expect(emulator.fake('widgets')?.baseUrl).toBe(`${emulator.url}/widgets`);

    const response = await fetch(`${emulator.url}/`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(WIDGET_TOKEN);
    expect(JSON.parse(text)).toEqual({
      url: emulator.url,
      endpoints: [
        {
          provider: 'gadgets',
          baseUrl: `${emulator.url}/gadgets`,
          hostUrl: `http://gadgets.localhost:${new URL(emulator.url).port}`,
          env: ['GADGETS_URL', 'GADGETS_TOKEN'],
        },
        {
          provider: 'widgets',
          baseUrl: `${emulator.url}/widgets`,
          hostUrl: `http://widgets.localhost:${new URL(emulator.url).port}`,
          env: ['WIDGETS_URL', 'WIDGETS_TOKEN'],
        },
      ],
    });
  });

  it('answers 404 with the served clouds for an unknown prefix, without reaching any fake', async () => {
    const emulator = await start();
    const response = await fetch(`${emulator.url}/nowhere/v1/widgets?page=2`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no emulated cloud at /nowhere', clouds: ['widgets'] });
    expect(emulator.fake('widgets')?.requests).toEqual([]);
  });

  it('passes method, full URL, headers and body to the fake and its status, headers and body back', async () => {
    const emulator = await start();
    const response = await fetch(`${emulator.url}/widgets/v1/echo?x=1`, {
      method: 'POST',
      headers: { 'x-widget-token': 'abc', 'content-type': 'text/plain' },
      body: 'hello over http',
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(await response.json()).toEqual({
      method: 'POST',
      url: `${emulator.url}/widgets/v1/echo?x=1`,
      token: 'abc',
      body: 'hello over http',
    });
    expect(emulator.fake('widgets')?.requests.map((entry) => [entry.operation, entry.path])).toEqual([
      ['echo', '/v1/echo?x=1'],
    ]);
  });

  it('keeps state between requests and answers unknown routes in the cloud’s own error format', async () => {
    const emulator = await start();
    const created = await fetch(`${emulator.url}/widgets/v1/widgets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sprocket' }),
    });
    expect(created.status).toBe(201);
    const listed = await fetch(`${emulator.url}/widgets/v1/widgets`);
    expect(listed.headers.get('x-total')).toBe('1');
    expect(await listed.json()).toEqual({ widgets: [{ id: '1001', name: 'sprocket' }] });
    const unknown = await fetch(`${emulator.url}/widgets/v9/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
  });

  it('refuses requests whose Host header is not loopback (DNS rebinding)', async () => {
    const emulator = await start();
    const { port } = new URL(emulator.url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/widgets/v1/widgets',
          headers: { host: `attacker.example:${port}` },
        },
        (incoming) => {
          incoming.resume();
          resolve(incoming.statusCode);
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(status).toBe(403);
    expect(emulator.fake('widgets')?.requests).toEqual([]);
  });

  it('reads every request target as a path on this emulator', async () => {
    const emulator = await start();
    expect(await statusOf(emulator.url, '//widgets/v1/widgets')).toBe(404);
    expect(await statusOf(emulator.url, 'http://elsewhere.example/widgets/v1/widgets')).toBe(200);
    expect(emulator.fake('widgets')?.requests.map((entry) => entry.path)).toEqual(['/v1/widgets']);
  });

  it('passes a request to its cloud only once latencyMs has passed', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    const emulator = await start({ latencyMs: 150 });
    const server = listen.mock.contexts[0] as Server;
    const handling = watchHandling(server);
    // A clock of the test's own for the latency wait (node:timers/promises); sockets keep theirs.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], fakeNodeBuiltins: true });
    const answered = statusOf(emulator.url, '/widgets/v1/widgets');
    await handling.arrived;
    await untilTimerArmedOr(answered);
    const fake = emulator.fake('widgets');
    expect(vi.getTimerCount()).toBe(1);
    expect(fake?.requests).toEqual([]);
    // Still waiting 1 ms short of it: the handler reaches the fake only after its wait ends.
    vi.advanceTimersByTime(149);
    expect(vi.getTimerCount()).toBe(1);
    expect(fake?.requests).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
    expect(await answered).toBe(200);
    expect(fake?.requests.map((entry) => entry.path)).toEqual(['/v1/widgets']);
  });

  it('logs method, path without query, status and time; never headers or bodies', async () => {
    const lines: string[] = [];
    const emulator = await start({ log: (line) => lines.push(line) });
    await (await fetch(`${emulator.url}/widgets/v1/widgets?secret=query`)).arrayBuffer();
    await (
      await fetch(`${emulator.url}/widgets/v1/echo`, {
        method: 'POST',
        headers: { 'x-widget-token': 'header-value' },
        body: 'body-value',
      })
    ).arrayBuffer();
    await (await fetch(`${emulator.url}/elsewhere`)).arrayBuffer();
    expect(lines).toEqual([
      expect.stringMatching(/^GET \/widgets\/v1\/widgets 200 \d+ms$/),
      expect.stringMatching(/^POST \/widgets\/v1\/echo 202 \d+ms$/),
      expect.stringMatching(/^GET \/elsewhere 404 \d+ms$/),
    ]);
    expect(lines.join('\n')).not.toMatch(/secret|query|header-value|body-value/);
  });

  it('runs two emulators at once on port 0, each with its own fakes', async () => {
    const first = await start();
    const second = await start();
    expect(first.url).not.toBe(second.url);
    await fetch(`${first.url}/widgets/v1/widgets`, { method: 'POST', body: JSON.stringify({ name: 'a' }) });
    const listed = await (await fetch(`${second.url}/widgets/v1/widgets`)).json();
    expect(listed).toEqual({ widgets: [] });
    expect((first.fake('widgets') as WidgetCloud).widgets.size).toBe(1);
  });

  it('says so when the port is taken', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    await expect(startEmulator({ clouds: [], port })).rejects.toThrow(`Port ${port} on 127.0.0.1 is in use`);
  });

  it('close() frees the port, also while a request is in flight, and can be called twice', async () => {
    const emulator = await start();
    const port = Number(new URL(emulator.url).port);
    const fake = emulator.fake('widgets') as WidgetCloud;
    const arrived = new Promise<void>((resolve) => {
      fake.onHang = resolve;
    });
    const pending = fetch(`${emulator.url}/widgets/v1/hang`);
    await arrived;
    await Promise.all([emulator.close(), emulator.close()]);
    await expect(pending).rejects.toThrow();
    expect(await bindable(port)).toBe(true);
    const again = await start({ port });
    expect(again.url).toBe(emulator.url);
  });

  it('close() drops a request still waiting out its latency: the fake never sees it', async () => {
    const listen = vi.spyOn(Server.prototype, 'listen');
    // Far longer than the test runs: the fake can only see the request if close() fails to drop it.
    const emulator = await start({ latencyMs: 10_000 });
    const server = listen.mock.contexts[0] as Server;
    const handling = watchHandling(server);
    const pending = fetch(`${emulator.url}/widgets/v1/widgets`);
    const outcome = expect(pending).rejects.toThrow();
    const { settled } = await handling.arrived;
    await emulator.close();
    await outcome;
    // The emulator's own handler has finished with the request: whatever it would pass on, it has.
    await settled;
    expect(emulator.fake('widgets')?.requests).toEqual([]);
  });
});

/**
 * Puts itself around the emulator's request handler on `server`: `arrived` resolves when the first
 * request reaches the handler, with `settled`: a promise that settles once the handler is done with it.
 */
function watchHandling(server: Server): { arrived: Promise<{ settled: Promise<unknown> }> } {
  const [handler] = server.listeners('request') as Array<(...args: unknown[]) => unknown>;
  if (handler === undefined) throw new Error('the emulator has no request handler on this server');
  const arrived = new Promise<{ settled: Promise<unknown> }>((resolve) => {
    server.removeListener('request', handler);
    server.prependListener('request', (...args: unknown[]) => {
      const settled = Promise.resolve(handler(...args)).catch(() => undefined);
      resolve({ settled });
    });
  });
  return { arrived };
}

/**
 * The status of a GET of `path` (sent as the request target, as is) on the emulator at `url`, over
 * node:http, whose sockets keep their own timers under a fake clock.
 */
function statusOf(url: string, path: string): Promise<number | undefined> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path }, (incoming) => {
      incoming.resume();
      resolve(incoming.statusCode);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * Turns the event loop (never a timer) until a fake timer is armed or `done` settles: what the
 * emulator does between a request's arrival and its latency wait takes some turns, never a time.
 */
async function untilTimerArmedOr(done: Promise<unknown>): Promise<void> {
  let settled = false;
  done.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  while (vi.getTimerCount() === 0 && !settled) await new Promise((resolve) => setImmediate(resolve));
}
