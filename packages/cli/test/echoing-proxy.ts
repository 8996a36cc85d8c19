import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the proxy saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
}

/** A local HTTP server in front of the emulator that can answer instead of it. */
export interface EchoingProxy {
  /** `http://127.0.0.1:<port>`; the emulator's paths (`/digitalocean`, `/aws`) follow. */
  readonly url: string;
  /**
   * Decides which requests get an error that echoes the request's `Authorization` header and
   * body back, as a careless or hostile endpoint would; the others reach the emulator.
   */
  echo: (request: SeenRequest) => boolean;
  close(): Promise<void>;
}

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    message.setEncoding('utf8');
    message.on('data', (chunk: string) => {
      body += chunk;
    });
    message.on('end', () => resolve(body));
    message.on('error', reject);
  });
}

const xmlText = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

// The user-data a create request carries, put first (the JSON `user_data` of DigitalOcean, Hetzner
// and Vultr, Linode's `metadata.user_data`, Civo's `script`, OVH's `userData`, Equinix Metal's `userdata`, GCE's
// `user-data` metadata item, Nova's base64 `server.user_data`, EC2's base64 `UserData` form field), so
// that an echo cut short still shows it.
function userDataOf(body: string): string {
  const form = /(?:^|&)UserData=([^&]*)/.exec(body)?.[1];
  if (form !== undefined) return `UserData=${form} `;
  try {
    const parsed = JSON.parse(body) as {
      user_data?: unknown;
      metadata?: { user_data?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };
      script?: unknown;
      userData?: unknown;
      userdata?: unknown;
      server?: { user_data?: unknown };
    };
    const userData =
      parsed.user_data ??
      parsed.metadata?.user_data ??
      parsed.metadata?.items?.find((item) => item.key === 'user-data')?.value ??
      parsed.script ??
      parsed.userData ??
      parsed.userdata ??
      parsed.server?.user_data;
    return typeof userData === 'string' ? `user_data=${JSON.stringify(userData)} ` : '';
  } catch {
    return '';
  }
}

// Each cloud's own error shape and status, holding `message`; the first prefix that matches wins.
const ERROR_ANSWERS: ReadonlyArray<{ prefix: string; status: number; body: (message: string) => unknown }> = [
  // OpenStack: each service its own (Keystone, Neutron, Glance, then Nova for the compute paths).
  {
    prefix: '/openstack/identity',
    status: 400,
    body: (message) => ({ error: { code: 400, message, title: 'Bad Request' } }),
  },
  {
    prefix: '/openstack/network',
    status: 400,
    body: (message) => ({ NeutronError: { type: 'HTTPBadRequest', message, detail: '' } }),
  },
  {
    prefix: '/openstack/image',
    status: 400,
    body: (message) => ({ message, code: '400 Bad Request', title: 'Bad Request' }),
  },
  { prefix: '/openstack', status: 400, body: (message) => ({ badRequest: { message, code: 400 } }) },
  {
    prefix: '/hetzner',
    status: 422,
    body: (message) => ({ error: { code: 'invalid_input', message, details: {} } }),
  },
  { prefix: '/linode', status: 400, body: (message) => ({ errors: [{ reason: message }] }) },
  { prefix: '/vultr', status: 400, body: (message) => ({ error: message, status: 400 }) },
  {
    prefix: '/civo',
    status: 400,
    body: (message) => ({ code: 'parameter_invalid', reason: message, result: 'failed' }),
  },
  {
    prefix: '/azure',
    status: 400,
    body: (message) => ({ error: { code: 'InvalidRequestContent', message } }),
  },
  { prefix: '/scaleway', status: 400, body: (message) => ({ type: 'invalid_arguments', message }) },
  { prefix: '/equinix-metal', status: 422, body: (message) => ({ errors: [message] }) },
  { prefix: '/ovh', status: 400, body: (message) => ({ class: 'Client::BadRequest', message }) },
  {
    prefix: '/gcp',
    status: 400,
    body: (message) => ({
      error: { code: 400, message, errors: [{ message, domain: 'global', reason: 'invalid' }] },
    }),
  },
];

/**
 * Paths whose answers name the emulator's own URLs (Keystone's service catalog, Nova's links), which
 * the proxy rewrites to its own, as a reverse proxy in front of a whole OpenStack cloud does, so
 * that every later request comes through it too.
 */
const REWRITTEN = /^\/openstack\//;

/**
 * Starts the proxy on a free 127.0.0.1 port. An echoed error has the cloud's own error shape
 * (DigitalOcean's JSON `{ id, message }` with 422, EC2's XML `<Response><Errors>` with 400, the JSON
 * of the others in `ERROR_ANSWERS`), with
 * the secrets first so that no message shortening hides them.
 */
export async function startEchoingProxy(target: string): Promise<EchoingProxy> {
  const upstream = new URL(target);
  const proxy: EchoingProxy = { url: '', echo: () => false, close: async () => {} };
  const server: Server = createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming);
    const seen = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', body };
    if (proxy.echo(seen)) {
      const echoed = `${userDataOf(body)}authorization=${incoming.headers.authorization ?? ''} x-auth-token=${incoming.headers['x-auth-token'] ?? ''} token=${incoming.headers['x-amz-security-token'] ?? ''} body=${body}`;
      if (seen.path.startsWith('/aws')) {
        outgoing.writeHead(400, { 'content-type': 'text/xml;charset=UTF-8' });
        outgoing.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>${xmlText(echoed)}</Message></Error></Errors><RequestID>echo-1</RequestID></Response>`,
        );
      } else {
        const answer = ERROR_ANSWERS.find((candidate) => seen.path.startsWith(candidate.prefix));
        outgoing.writeHead(answer?.status ?? 422, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify(answer?.body(echoed) ?? { id: 'unprocessable_entity', message: echoed }));
      }
      return;
    }
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: seen.method,
        path: seen.path,
        // The Host header goes on as the client sent it: EC2's signature covers it, and the
        // emulator answers any 127.0.0.1 host, as a transparent proxy would leave it.
        headers: incoming.headers,
      },
      async (answer) => {
        if (!REWRITTEN.test(seen.path)) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const text = (await readBody(answer)).replaceAll(upstream.origin, proxy.url);
        // The body's length changes: the upstream's framing does not hold for it any more.
        const { 'content-length': _length, 'transfer-encoding': _chunked, ...headers } = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 502, {
          ...headers,
          'content-length': String(Buffer.byteLength(text)),
        });
        outgoing.end(text);
      },
    );
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    forwarded.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
