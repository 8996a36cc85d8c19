import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DIGITALOCEAN_FAKE_TOKEN, emulated as digitalocean } from '@provision/provider-digitalocean/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type WidgetCloud, widgetCloud } from './__fixtures__/widget-cloud.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function start(options: Parameters<typeof startEmulator>[0]) {
  const emulator = await startEmulator(options);
  running.push(emulator);
  return emulator;
}

/** A GET to 127.0.0.1:`port` with the given Host header, as a client resolving `*.localhost` would send it. */
function getWithHost(
  port: string,
  host: string,
  path: string,
  method = 'GET',
): Promise<{ status: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host } }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk) => {
        body += chunk;
      });
      incoming.on('end', () => resolve({ status: incoming.statusCode, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('a cloud at its own origin', () => {
  it('cloudPorts: each cloud answers at the root of its own port, which becomes its base URL', async () => {
    const emulator = await start({
      clouds: [widgetCloud('widgets'), widgetCloud('gadgets')],
      cloudPorts: true,
    });
    const widgets = emulator.endpoints.find((endpoint) => endpoint.provider === 'widgets');
    const own = new URL(widgets?.baseUrl as string);
    expect(own.pathname).toBe('/');
    expect(own.port).not.toBe(new URL(emulator.url).port);
    expect(emulator.fake('widgets')?.baseUrl).toBe(widgets?.baseUrl);
    expect(emulator.env.WIDGETS_URL).toBe(widgets?.baseUrl);
    await fetch(`${widgets?.baseUrl}/v1/widgets`, {
      method: 'POST',
      body: JSON.stringify({ name: 'own-port' }),
    });
    // The prefix on the main port still reaches the same fake; another cloud's port does not.
    const listed = await (await fetch(`${emulator.url}/widgets/v1/widgets`)).json();
    expect(listed).toEqual({ widgets: [{ id: '1001', name: 'own-port' }] });
    const gadgets = emulator.endpoints.find((endpoint) => endpoint.provider === 'gadgets');
    expect(await (await fetch(`${gadgets?.baseUrl}/v1/widgets`)).json()).toEqual({ widgets: [] });
    // `/` on a cloud's port belongs to the cloud, not to the emulator's index.
    expect((await fetch(`${widgets?.baseUrl}/`)).status).toBe(404);
    expect((emulator.fake('widgets') as WidgetCloud).requests.map((entry) => entry.path)).toEqual([
      '/v1/widgets',
      '/v1/widgets',
      '/',
    ]);
  });

  it('cloudPorts by name: a fixed port for one cloud, the others on the main port', async () => {
    const probe = await start({ clouds: [widgetCloud()], cloudPorts: { widgets: 0 } });
    const port = Number(new URL(probe.endpoints[0]?.baseUrl as string).port);
    await probe.close();
    const emulator = await start({
      clouds: [widgetCloud('widgets'), widgetCloud('gadgets')],
      cloudPorts: { widgets: port },
    });
    expect(emulator.endpoints.map((endpoint) => endpoint.baseUrl)).toEqual([
      `${emulator.url}/gadgets`,
      `http://127.0.0.1:${port}`,
    ]);
    await expect(startEmulator({ clouds: [widgetCloud()], cloudPorts: { nothing: 0 } })).rejects.toThrow(
      /cloudPorts names "nothing"/,
    );
  });

  it('routes by Host header: <provider>.localhost on the main port is that cloud at the root', async () => {
    const emulator = await start({ clouds: [widgetCloud('widgets'), widgetCloud('gadgets')] });
    const { port } = new URL(emulator.url);
    const answer = await getWithHost(port, `gadgets.localhost:${port}`, '/v1/widgets');
    expect(answer).toEqual({ status: 200, body: JSON.stringify({ widgets: [] }) });
    expect(emulator.fake('gadgets')?.count('widgets.list')).toBe(1);
    expect(emulator.fake('widgets')?.requests).toEqual([]);
    expect((await getWithHost(port, `nothing.localhost:${port}`, '/v1/widgets')).status).toBe(404);
  });

  it('serves a cloud’s further base (a token endpoint) at /<provider>.<base>, on its own port and by Host', async () => {
    const emulator = await start({ clouds: [widgetCloud('widgets', true)] });
    const endpoint = emulator.endpoints[0];
    expect(endpoint?.bases).toEqual({ login: `${emulator.url}/widgets.login` });
    expect(emulator.env.WIDGETS_LOGIN_URL).toBe(`${emulator.url}/widgets.login`);
    const token = await fetch(`${emulator.url}/widgets.login/token`, { method: 'POST' });
    expect(await token.json()).toEqual({
      token: expect.any(String),
      url: `${emulator.url}/widgets.login/token`,
    });
    const { port } = new URL(emulator.url);
    const byHost = await getWithHost(port, `login.widgets.localhost:${port}`, '/token', 'POST');
    expect(byHost.status).toBe(200);
    expect(JSON.parse(byHost.body).url).toBe(`${emulator.url}/widgets.login/token`);
    expect(emulator.fake('widgets')?.requests.map((entry) => entry.operation)).toEqual(['token', 'token']);
    const separate = await start({ clouds: [widgetCloud('widgets', true)], cloudPorts: true });
    const login = separate.endpoints[0]?.bases.login as string;
    expect(new URL(login).port).not.toBe(new URL(separate.endpoints[0]?.baseUrl as string).port);
    expect((await fetch(`${login}/token`, { method: 'POST' })).status).toBe(200);
    expect(separate.fake('widgets')?.requests.map((entry) => entry.operation)).toEqual(['token']);
  });
});

describe('TLS with a CA made for the run', () => {
  it('serves HTTPS that a child Node process trusts through NODE_EXTRA_CA_CERTS', {
    timeout: 60_000,
  }, async () => {
    const emulator = await start({ clouds: [widgetCloud()], tls: true });
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.env.NODE_EXTRA_CA_CERTS).toBe(emulator.caFile);
    expect(emulator.env.AWS_CA_BUNDLE).toBe(emulator.caFile);
    const ca = new X509Certificate(readFileSync(emulator.caFile as string));
    expect(ca.ca).toBe(true);
    const script = `fetch(process.argv[1]).then(async (r) => { console.log(r.status, await r.text()); }, (e) => { console.error(e.cause?.code ?? e.message); process.exit(3); })`;
    const child = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-e', script, `${emulator.url}/widgets/v1/widgets`],
          { env },
          (error, stdout, stderr) =>
            resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
        );
      });
    const { NODE_EXTRA_CA_CERTS: _ignored, ...without } = process.env;
    const trusted = await child({ ...without, NODE_EXTRA_CA_CERTS: emulator.env.NODE_EXTRA_CA_CERTS });
    expect(trusted.stderr).toBe('');
    expect(trusted.stdout.trim()).toBe('200 {"widgets":[]}');
    // Without the CA the same request is refused: the certificate really is the emulator's own.
    const untrusted = await child(without);
    expect(untrusted.code).toBe(3);
    expect(untrusted.stderr).toMatch(/SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY/);
  });

  it('its certificate names each cloud’s .localhost host, so Host routing works over HTTPS too', async () => {
    const emulator = await start({ clouds: [widgetCloud('widgets', true)], tls: true });
    const { port } = new URL(emulator.url);
    const ca = readFileSync(emulator.caFile as string, 'utf8');
    const viaName = (name: string, method = 'GET', path = '/v1/widgets') =>
      new Promise<number | undefined>((resolve, reject) => {
        // Connect to 127.0.0.1, but verify the certificate for `name` and send it as the Host.
        const outgoing = httpsRequest(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            servername: name,
            ca,
            headers: { host: `${name}:${port}` },
          },
          (incoming) => {
            incoming.resume();
            resolve(incoming.statusCode);
          },
        );
        outgoing.on('error', reject);
        outgoing.end();
      });
    expect(await viaName('widgets.localhost')).toBe(200);
    expect(await viaName('login.widgets.localhost', 'POST', '/token')).toBe(200);
    await expect(viaName('other.example')).rejects.toThrow(/altnames/);
    expect(emulator.fake('widgets')?.requests.map((entry) => entry.operation)).toEqual([
      'widgets.list',
      'token',
    ]);
  });

  it('trustInProcess lets this process’s fetch trust it until close(); close() removes the CA file', async () => {
    const emulator = await startEmulator({
      clouds: [widgetCloud()],
      tls: { trustInProcess: true },
      cloudPorts: true,
    });
    try {
      const widgets = emulator.endpoints[0]?.baseUrl as string;
      expect(widgets).toMatch(/^https:/);
      expect((await fetch(`${widgets}/v1/widgets`)).status).toBe(200);
    } finally {
      await emulator.close();
    }
    expect(() => readFileSync(emulator.caFile as string)).toThrow();
  });
});

describe('limits', () => {
  it('are options with each cloud’s documented defaults, reported per endpoint', async () => {
    const cloud = {
      ...widgetCloud(),
      limits: { widgets: { default: 1000, description: 'widgets at once' } },
    };
    const stock = await start({ clouds: [cloud] });
    expect(stock.endpoints[0]?.limits).toEqual({ widgets: 1000 });
    const tight = await start({ clouds: [cloud], limits: { widgets: { widgets: 2 } } });
    expect(tight.endpoints[0]?.limits).toEqual({ widgets: 2 });
    const index = (await (await fetch(`${tight.url}/`)).json()) as { endpoints: Array<{ limits: unknown }> };
    expect(index.endpoints[0]?.limits).toEqual({ widgets: 2 });
    await expect(startEmulator({ clouds: [cloud], limits: { nowhere: { widgets: 1 } } })).rejects.toThrow(
      /does not serve/,
    );
    await expect(startEmulator({ clouds: [cloud], limits: { widgets: { gizmos: 1 } } })).rejects.toThrow(
      /has no limit "gizmos"/,
    );
    await expect(startEmulator({ clouds: [cloud], limits: { widgets: { widgets: -1 } } })).rejects.toThrow(
      /whole number/,
    );
  });

  it('the stock DigitalOcean takes a 200-host load test; `droplets` set low, it answers 422 at the limit', async () => {
    const createBatches = async (emulator: RunningEmulator, batches: number) => {
      const statuses: number[] = [];
      for (let batch = 0; batch < batches; batch += 1) {
        const names = Array.from({ length: 10 }, (_, index) => `load-${batch}-${index}`);
        const response = await fetch(`${emulator.url}/digitalocean/v2/droplets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ names, region: 'nyc3', size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64' }),
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      return statuses;
    };
    const stock = await start({ clouds: [digitalocean] });
    expect(stock.endpoints[0]?.limits).toEqual({ droplets: 1000 });
    expect(await createBatches(stock, 20)).toEqual(Array.from({ length: 20 }, () => 202));
    const account = await fetch(`${stock.url}/digitalocean/v2/account`, {
      headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` },
    });
    expect(((await account.json()) as { account: { droplet_limit: number } }).account.droplet_limit).toBe(
      1000,
    );
    const small = await start({ clouds: [digitalocean], limits: { digitalocean: { droplets: 25 } } });
    expect(await createBatches(small, 3)).toEqual([202, 202, 422]);
  });
});
