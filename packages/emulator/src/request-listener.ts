import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FaultKind, NETWORK_ERROR } from '@provision/testkit/fake-cloud';
import { fakeUrl, type Routed } from './cloud-routing.js';
import { toFetchRequest, writeFetchResponse } from './fetch-bridge.js';

/** What one server's listener needs from the running emulator. */
export interface RequestListenerContext {
  /** Which cloud a request is for, from its Host header and path; undefined when none. */
  readonly route: (host: string | undefined, path: string) => Routed | undefined;
  /** The body of `GET /` (the main port only; a cloud's own port passes `/` to its fake). */
  readonly index: (() => unknown) | undefined;
  /** Providers served, for the 404 of an unknown prefix. */
  readonly providers: () => string[];
  readonly latencyMs: number;
  readonly rollFault: () => FaultKind | undefined;
  readonly log: ((line: string) => void) | undefined;
  /** Aborted by `close()`: pending latency waits end and their requests go unanswered. */
  readonly closing: AbortSignal;
}

// The Host header must name loopback: a web page that rebinds its own DNS name to 127.0.0.1
// then sends its name, and is refused instead of driving the fakes from a browser. Names under
// `.localhost` are loopback by definition (RFC 6761), so per-cloud host names pass.
const LOOPBACK_HOST = /^(127\.0\.0\.1|(?:[a-z0-9-]+\.)*localhost)(:\d+)?$/i;

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
  routed: Routed,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  search: string,
): Promise<number | 'reset' | undefined> {
  const request = await toFetchRequest(incoming, fakeUrl(routed, search));
  // What the client addressed, before the rewrite onto the fake's base: what a request signature
  // (EC2's SigV4 and SigV2) covers, so the fake can check it as the real cloud would.
  const clientUrl = clientUrlOf(incoming, search);
  if (context.latencyMs > 0) await sleep(context.latencyMs, undefined, { signal: context.closing });
  // The dice decide for this request and the fault travels with it: requests in flight at the
  // same time cannot take each other's faults.
  const fault = context.rollFault();
  const response = await routed.target.fake.handle(request, {
    ...(clientUrl === undefined ? {} : { clientUrl }),
    ...(fault === undefined
      ? {}
      : { fault: { kind: fault, ...(fault === 'rate-limit' ? { retryAfterSeconds: 1 } : {}) } }),
  });
  if (response === NETWORK_ERROR) return reset(incoming);
  if (outgoing.destroyed) return undefined;
  await writeFetchResponse(response, outgoing);
  return response.status;
}

/** The URL the client sent to: its Host header and the request target's path and query. */
function clientUrlOf(incoming: IncomingMessage, search: string): URL | undefined {
  const host = incoming.headers.host;
  if (host === undefined) return undefined;
  const scheme = 'encrypted' in incoming.socket && incoming.socket.encrypted === true ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}${requestTarget(incoming.url).path}${search}`);
  } catch {
    return undefined;
  }
}

/**
 * The request target's path and query. The target is always read as a path: an absolute-form or
 * `//host/...` target must not turn into a request for another host.
 */
function requestTarget(target = '/'): { path: string; search: string } {
  try {
    const url = target.startsWith('/') ? new URL(`http://emulator.invalid${target}`) : new URL(target);
    return { path: url.pathname, search: url.search };
  } catch {
    return { path: '/', search: '' };
  }
}

/** One server's request handler: routes to a cloud's fake, lists the clouds at `/` (main port), or answers 404. */
export function createRequestListener(context: RequestListenerContext) {
  return async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const started = performance.now();
    const { path, search } = requestTarget(incoming.url);
    const method = incoming.method ?? 'GET';
    let outcome: number | 'reset' | undefined;
    try {
      const host = incoming.headers.host;
      const routed = host !== undefined && !LOOPBACK_HOST.test(host) ? undefined : context.route(host, path);
      if (host !== undefined && !LOOPBACK_HOST.test(host)) {
        incoming.resume();
        outcome = sendJson(outgoing, 403, {
          error: 'the emulator only answers requests addressed to 127.0.0.1',
        });
      } else if (routed !== undefined) {
        outcome = await serveCloud(context, routed, incoming, outgoing, search);
      } else if (context.index !== undefined && path === '/' && (method === 'GET' || method === 'HEAD')) {
        outcome = sendJson(outgoing, 200, context.index());
      } else {
        incoming.resume();
        outcome = sendJson(outgoing, 404, {
          error: `no emulated cloud at /${path.split('/')[1] ?? ''}`,
          clouds: context.providers(),
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
      context.log(`${method} ${path} ${outcome} ${Math.round(performance.now() - started)}ms`);
    }
  };
}
