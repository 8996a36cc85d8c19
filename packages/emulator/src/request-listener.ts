import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeCloud, type FaultKind, NETWORK_ERROR } from '@provision/testkit/fake-cloud';
import type { EmulatedEndpoint } from './emulator-options.js';
import { toFetchRequest, writeFetchResponse } from './fetch-bridge.js';

/** What the listener needs from the running emulator. */
export interface RequestListenerContext {
  /** Root URL, known once the server listens. */
  readonly url: () => string;
  readonly clouds: ReadonlyMap<string, { readonly fake: FakeCloud; readonly endpoint: EmulatedEndpoint }>;
  readonly latencyMs: number;
  readonly rollFault: () => FaultKind | undefined;
  readonly log: ((line: string) => void) | undefined;
  /** Aborted by `close()`: pending latency waits end and their requests go unanswered. */
  readonly closing: AbortSignal;
}

// The Host header must name loopback: a web page that rebinds its own DNS name to 127.0.0.1
// then sends its name, and is refused instead of driving the fakes from a browser.
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost)(:\d+)?$/i;

function sendJson(outgoing: ServerResponse, status: number, body: unknown): number {
  outgoing.writeHead(status, { 'content-type': 'application/json' });
  outgoing.end(`${JSON.stringify(body, null, 2)}\n`);
  return status;
}

function reset(incoming: IncomingMessage): 'reset' {
  const socket = incoming.socket;
  // An RST, as a dropped connection looks to the client; plain destroy where it is unavailable.
  if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
  return 'reset';
}

async function serveCloud(
  context: RequestListenerContext,
  fake: FakeCloud,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  url: URL,
): Promise<number | 'reset' | undefined> {
  const request = await toFetchRequest(incoming, url);
  if (context.latencyMs > 0) await sleep(context.latencyMs, undefined, { signal: context.closing });
  // The dice decide for this request and the fault travels with it: requests in flight at the
  // same time cannot take each other's faults.
  const fault = context.rollFault();
  const response = await fake.handle(
    request,
    fault === undefined
      ? {}
      : { fault: { kind: fault, ...(fault === 'rate-limit' ? { retryAfterSeconds: 1 } : {}) } },
  );
  if (response === NETWORK_ERROR) return reset(incoming);
  if (outgoing.destroyed) return undefined;
  await writeFetchResponse(response, outgoing);
  return response.status;
}

function index(context: RequestListenerContext) {
  return {
    url: context.url(),
    endpoints: [...context.clouds.values()].map(({ endpoint }) => ({
      provider: endpoint.provider,
      baseUrl: endpoint.baseUrl,
      // Names only: the values include the fakes' credentials, which stay out of every answer.
      env: Object.keys(endpoint.env),
    })),
  };
}

/**
 * The request's URL on this emulator. The target is always read as a path: an absolute-form or
 * `//host/...` target must not turn into a request for another host.
 */
function requestUrl(context: RequestListenerContext, target = '/'): URL {
  try {
    if (target.startsWith('/')) return new URL(`${context.url()}${target}`);
    const absolute = new URL(target);
    return new URL(`${context.url()}${absolute.pathname}${absolute.search}`);
  } catch {
    return new URL(`${context.url()}/`);
  }
}

/** The emulator's request handler: `/` lists the clouds, `/<provider>/...` goes to that cloud's fake. */
export function createRequestListener(context: RequestListenerContext) {
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = requestUrl(context, incoming.url);
    const method = incoming.method ?? 'GET';
    let outcome: number | 'reset' | undefined;
    try {
      const host = incoming.headers.host;
      const prefix = url.pathname.split('/')[1] ?? '';
      const cloud = context.clouds.get(prefix);
      if (host !== undefined && !LOOPBACK_HOST.test(host)) {
        incoming.resume();
        outcome = sendJson(outgoing, 403, {
          error: 'the emulator only answers requests addressed to 127.0.0.1',
        });
      } else if (cloud !== undefined) {
        outcome = await serveCloud(context, cloud.fake, incoming, outgoing, url);
      } else if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
        outcome = sendJson(outgoing, 200, index(context));
      } else {
        incoming.resume();
        outcome = sendJson(outgoing, 404, {
          error: `no emulated cloud at /${prefix}`,
          clouds: [...context.clouds.keys()],
        });
      }
    } catch (error) {
      if (context.closing.aborted || outgoing.destroyed) {
        outcome = undefined;
      } else if (outgoing.headersSent) {
        outcome = reset(incoming);
      } else {
        // The error's kind only: a message could quote a header value, credentials included.
        const kind = error instanceof Error ? error.name : typeof error;
        outcome = sendJson(outgoing, 500, { error: `the emulator failed to answer (${kind})` });
      }
    }
    if (outcome !== undefined && context.log !== undefined) {
      context.log(`${method} ${url.pathname} ${outcome} ${Math.round(performance.now() - started)}ms`);
    }
  };
}
