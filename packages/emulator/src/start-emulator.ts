import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatedCloud, FakeCloud } from '@provision/testkit/fake-cloud';
import type { EmulatedEndpoint, EmulatorOptions, RunningEmulator } from './emulator-options.js';
import { createFaultDice } from './fault-dice.js';
import { findEmulatedClouds } from './find-emulated-clouds.js';
import { createRequestListener } from './request-listener.js';

const LOOPBACK = '127.0.0.1';
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]*$/;

function checkOptions(options: EmulatorOptions): void {
  const { port = 0, host = LOOPBACK, latencyMs = 0, faultRate = 0, seed } = options;
  if (host !== LOOPBACK && host !== 'localhost') {
    throw new TypeError(
      `The emulator listens on ${LOOPBACK} only (got host "${host}"): it has no authentication, so it is never exposed beyond this machine.`,
    );
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`port must be a whole number from 0 to 65535 (got ${port}).`);
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new TypeError(`latencyMs must be a number of milliseconds >= 0 (got ${latencyMs}).`);
  if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1)
    throw new TypeError(`faultRate must be a probability from 0 to 1 (got ${faultRate}).`);
  if (seed !== undefined && !Number.isFinite(seed))
    throw new TypeError(`seed must be a number (got ${seed}).`);
}

function checkClouds(clouds: readonly EmulatedCloud[]): EmulatedCloud[] {
  const seen = new Set<string>();
  for (const cloud of clouds) {
    if (!PROVIDER_ID.test(cloud.provider))
      throw new TypeError(
        `Cannot serve provider "${cloud.provider}": a provider id is lower-case letters, digits and dashes.`,
      );
    if (seen.has(cloud.provider))
      throw new TypeError(`Two emulated clouds claim provider "${cloud.provider}".`);
    seen.add(cloud.provider);
  }
  return [...clouds].sort((a, b) => a.provider.localeCompare(b.provider));
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${LOOPBACK} is in use; pick another port (0 picks a free one).`, {
              cause: error,
            })
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host: LOOPBACK, exclusive: true });
  });
}

/**
 * Starts one HTTP server on 127.0.0.1 only, serving each cloud's fake under `/<provider>` (with
 * `GET /` listing them), so real plugins and SDKs run against it with no account. Each fake is
 * created with `baseUrl = <url>/<provider>`, so links it writes point back at the emulator.
 * @throws TypeError for invalid options or a host other than 127.0.0.1; Error when the port is taken.
 * @example
 * const emulator = await startEmulator({ clouds: [emulated] });
 * const cloud = createDigitalOcean({}, { env: emulator.env });
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const clouds = checkClouds(options.clouds ?? (await findEmulatedClouds()));
  const closing = new AbortController();
  let url = '';
  const served = new Map<string, { fake: FakeCloud; endpoint: EmulatedEndpoint }>();
  const server = createServer(
    createRequestListener({
      url: () => url,
      clouds: served,
      latencyMs: options.latencyMs ?? 0,
      rollFault: createFaultDice(options.faultRate ?? 0, options.seed),
      log: options.log,
      closing: closing.signal,
    }),
  );
  // A client that drops mid-request must not take the process down.
  server.on('clientError', (_error, socket) => socket.destroy());

  const address = await listen(server, options.port ?? 0);
  url = `http://${LOOPBACK}:${address.port}`;
  try {
    for (const cloud of clouds) {
      const baseUrl = `${url}/${cloud.provider}`;
      served.set(cloud.provider, {
        fake: cloud.create({ baseUrl }),
        endpoint: { provider: cloud.provider, baseUrl, env: { ...cloud.env(baseUrl) } },
      });
    }
  } catch (error) {
    server.close();
    throw error;
  }
  const endpoints = [...served.values()].map((entry) => entry.endpoint);

  let closed: Promise<void> | undefined;
  return {
    url,
    endpoints,
    env: Object.assign({}, ...endpoints.map((endpoint) => endpoint.env)),
    fake: (provider) => served.get(provider)?.fake,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
