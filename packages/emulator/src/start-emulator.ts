import type { Server } from 'node:http';
import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { checkClouds, checkOptions, portFor, resolveLimits } from './check-options.js';
import { type CloudTarget, routeShared } from './cloud-routing.js';
import type { EmulatedEndpoint, EmulatorOptions, RunningEmulator } from './emulator-options.js';
import { closeServer, createEmulatorServer, type EmulatorTls, listen, setUpTls } from './emulator-servers.js';
import { createFaultDice } from './fault-dice.js';
import { findEmulatedClouds } from './find-emulated-clouds.js';
import { createRequestListener, type RequestListenerContext } from './request-listener.js';

const LOOPBACK = '127.0.0.1';
const MAIN = 'main';

/** Every base of a cloud: `main` first, then the ones it declares. */
const basesOf = (cloud: EmulatedCloud): string[] => [MAIN, ...(cloud.bases ?? [])];

function checkCloudPorts(options: EmulatorOptions, clouds: readonly EmulatedCloud[]): void {
  if (typeof options.cloudPorts !== 'object') return;
  const known = new Set(
    clouds.flatMap((cloud) =>
      basesOf(cloud).map((base) => (base === MAIN ? cloud.provider : `${cloud.provider}.${base}`)),
    ),
  );
  for (const name of Object.keys(options.cloudPorts))
    if (!known.has(name))
      throw new TypeError(
        `cloudPorts names "${name}", which is no served cloud or base (served: ${[...known].join(', ')}).`,
      );
}

/** The names the server certificate must carry: loopback, and each cloud's `.localhost` host names. */
function certificateNames(clouds: readonly EmulatedCloud[]): string[] {
  return [
    LOOPBACK,
    'localhost',
    ...clouds.flatMap((cloud) =>
      basesOf(cloud).map((base) =>
        base === MAIN ? `${cloud.provider}.localhost` : `${base}.${cloud.provider}.localhost`,
      ),
    ),
  ];
}

/**
 * Starts the emulator on 127.0.0.1 only. Each cloud's fake answers under `/<provider>` on the main
 * port, as `<provider>.localhost` there (by Host header), and on a port of its own with `cloudPorts`;
 * `GET /` lists them. With `tls`, everything is HTTPS from a CA made for this run. Each fake is made
 * with its canonical base URL (its own port if it has one, else `<url>/<provider>`), so links it
 * writes point back at the emulator.
 * @throws TypeError for invalid options, limits or ports, or a host other than 127.0.0.1; Error when a port is taken.
 * @example
 * const emulator = await startEmulator({ clouds: [emulated] });
 * const cloud = createDigitalOcean({}, { env: emulator.env });
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkOptions(options);
  const clouds = checkClouds(options.clouds ?? (await findEmulatedClouds()));
  const limits = resolveLimits(clouds, options.limits);
  checkCloudPorts(options, clouds);
  const tls: EmulatorTls | undefined =
    options.tls === undefined || options.tls === false
      ? undefined
      : setUpTls(options.tls === true ? {} : options.tls, certificateNames(clouds));
  const scheme = tls === undefined ? 'http' : 'https';
  const closing = new AbortController();
  const targets = new Map<string, Map<string, CloudTarget>>();
  const endpoints: EmulatedEndpoint[] = [];
  const servers: Server[] = [];
  const common: Omit<RequestListenerContext, 'route' | 'index'> = {
    providers: () => [...targets.keys()],
    latencyMs: options.latencyMs ?? 0,
    rollFault: createFaultDice(options.faultRate ?? 0, options.seed),
    log: options.log,
    closing: closing.signal,
  };
  const stop = async () => {
    closing.abort();
    await Promise.all(servers.map(closeServer));
    tls?.dispose();
  };

  try {
    const main = createEmulatorServer(
      createRequestListener({
        ...common,
        route: (host, path) => routeShared(targets, host, path),
        index: () => indexOf(url, endpoints),
      }),
      tls?.certificates,
    );
    servers.push(main);
    const { port } = await listen(main, options.port ?? 0);
    const url = `${scheme}://${LOOPBACK}:${port}`;

    for (const cloud of clouds) {
      const addresses: Record<string, string> = {};
      for (const base of basesOf(cloud)) {
        const own = portFor(options.cloudPorts, cloud.provider, base);
        let address = base === MAIN ? `${url}/${cloud.provider}` : `${url}/${cloud.provider}.${base}`;
        if (own !== undefined) {
          // A port of its own answers at the root; every request there goes to this base.
          const server = createEmulatorServer(
            createRequestListener({
              ...common,
              route: (_host, path) => {
                const target = targets.get(cloud.provider)?.get(base);
                return target === undefined ? undefined : { target, rest: path };
              },
              index: undefined,
            }),
            tls?.certificates,
          );
          servers.push(server);
          address = `${scheme}://${LOOPBACK}:${(await listen(server, own)).port}`;
        }
        addresses[base] = address;
      }
      const { [MAIN]: baseUrl = '', ...bases } = addresses;
      const cloudLimits = limits.get(cloud.provider) ?? {};
      const fake = cloud.create({ baseUrl, bases, limits: cloudLimits });
      targets.set(
        cloud.provider,
        new Map(
          Object.entries(addresses).map(([base, address]) => [
            base,
            { provider: cloud.provider, base, fake, url: address },
          ]),
        ),
      );
      endpoints.push({
        provider: cloud.provider,
        baseUrl,
        bases,
        hostUrl: `${scheme}://${cloud.provider}.localhost:${port}`,
        limits: { ...cloudLimits },
        env: { ...cloud.env(baseUrl, bases) },
      });
    }

    let closed: Promise<void> | undefined;
    return {
      url,
      endpoints,
      env: Object.assign({}, ...endpoints.map((endpoint) => endpoint.env), tls?.env ?? {}),
      caFile: tls?.caFile,
      fake: (provider) => targets.get(provider)?.get(MAIN)?.fake,
      close() {
        closed ??= stop();
        return closed;
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `GET /`: the clouds, their addresses and the names (never the values) of their variables. */
function indexOf(url: string, endpoints: readonly EmulatedEndpoint[]) {
  return {
    url,
    endpoints: endpoints.map((endpoint) => ({
      provider: endpoint.provider,
      baseUrl: endpoint.baseUrl,
      ...(Object.keys(endpoint.bases).length === 0 ? {} : { bases: endpoint.bases }),
      hostUrl: endpoint.hostUrl,
      ...(Object.keys(endpoint.limits).length === 0 ? {} : { limits: endpoint.limits }),
      // Names only: the values include the fakes' credentials, which stay out of every answer.
      env: Object.keys(endpoint.env),
    })),
  };
}
