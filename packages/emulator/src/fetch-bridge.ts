import type { IncomingMessage, ServerResponse } from 'node:http';

// Connection-level headers describe the hop between the client and this server, not the
// request the cloud sees; `host` is rebuilt from the URL.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

/** Reads the whole body of a node request. */
async function readBody(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The WHATWG `Request` a fake's `handle()` takes, from a node request and its full URL. */
export async function toFetchRequest(incoming: IncomingMessage, url: URL): Promise<Request> {
  const headers = new Headers();
  for (const [name, values] of Object.entries(incoming.headersDistinct)) {
    if (HOP_BY_HOP.has(name) || values === undefined) continue;
    for (const value of values) headers.append(name, value);
  }
  const method = incoming.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await readBody(incoming) : undefined;
  // A GET with a body is drained, not passed on: fetch's Request refuses one.
  if (!hasBody) incoming.resume();
  return new Request(url, {
    method,
    headers,
    ...(body === undefined || body.length === 0 ? {} : { body: new Uint8Array(body) }),
  });
}

/** Writes a fake's `Response` back to the node client: status, headers, body. */
export async function writeFetchResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  if (outgoing.destroyed) return;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || name === 'content-length' || name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  outgoing.writeHead(response.status, response.statusText || undefined, headers);
  outgoing.end(body);
}
