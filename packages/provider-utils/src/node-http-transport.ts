import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client's default way to send a request when nothing replaced `fetch`: Node's own
 * `node:http`/`node:https`. The first `fetch()` of a process (and the first `Headers` or
 * `Response`) loads undici, about 100 ms of CPU, which a CLI command making one request pays in
 * full. What the client needs of an answer (status, headers, the whole body as text) comes the
 * same either way; redirects are never followed here (as `redirect: 'manual'`), and `signal`
 * ends the exchange, the body read included.
 */
export async function sendWithNodeHttp(
  url: URL,
  init: {
    readonly method: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | undefined;
  },
  signal: AbortSignal,
): Promise<{ readonly response: Response; readonly text: string }> {
  const transport = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const request = transport.request(url, { method: init.method, headers, signal }, (answer) => {
      answer.setEncoding('utf8');
      let text = '';
      answer.on('data', (chunk: string) => {
        text += chunk;
      });
      answer.on('end', () => {
        resolve({ response: new PlainResponse(answer.statusCode ?? 0, answer.headers, url, text), text });
      });
      // A connection that closes or is aborted in the middle of the body.
      answer.on('error', reject);
      answer.on('close', () => {
        if (!answer.complete) reject(signal.aborted ? signal.reason : new Error('the answer was cut short'));
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

/**
 * A `Headers` over plain name/value pairs (a list value joined with `, `), without loading undici
 * as the first `new Headers()` of a process does (about 100 ms of CPU). For answers a client got
 * another way, such as an SDK's, before they reach the rate limiter or `retryAfterMs`.
 */
export function headersOf(values: Readonly<Record<string, string | readonly string[] | undefined>>): Headers {
  return new PlainHeaders(values);
}

/** `Headers` over plain values, names compared without case. */
class PlainHeaders implements Headers {
  readonly #values = new Map<string, string>();
  readonly #cookies: string[] = [];

  constructor(raw: Readonly<Record<string, string | readonly string[] | undefined>>) {
    for (const [given, value] of Object.entries(raw)) {
      if (value === undefined) continue;
      const name = given.toLowerCase();
      const list: readonly string[] = typeof value === 'string' ? [value] : value;
      if (name === 'set-cookie') this.#cookies.push(...list);
      this.#values.set(name, list.join(', '));
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }
  getSetCookie(): string[] {
    return [...this.#cookies];
  }
  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.#values.get(key);
    this.#values.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }
  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }
  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
  *entries(): HeadersIterator<[string, string]> {
    yield* [...this.#values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  *keys(): HeadersIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): HeadersIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }
}

/**
 * A whole answer already read, as a `Response`. What the client and the providers' `parse`
 * callbacks read (status, headers, text) is plain; the rest builds a real `Response` on demand.
 */
class PlainResponse implements Response {
  readonly headers: Headers;
  readonly ok: boolean;
  readonly redirected = false;
  readonly statusText = '';
  readonly type = 'basic' as const;
  readonly body = null;
  readonly bodyUsed = false;

  constructor(
    readonly status: number,
    raw: IncomingHttpHeaders,
    private readonly requested: URL,
    private readonly textBody: string,
  ) {
    this.headers = new PlainHeaders(raw);
    this.ok = status >= 200 && status < 300;
  }

  get url(): string {
    return this.requested.href;
  }
  async text(): Promise<string> {
    return this.textBody;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.textBody);
  }
  private real(): Response {
    const body = this.status === 204 || this.status === 304 ? null : this.textBody;
    return new Response(body, { status: this.status, headers: [...this.headers.entries()] });
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.real().arrayBuffer();
  }
  bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.real().bytes();
  }
  blob(): Promise<Blob> {
    return this.real().blob();
  }
  formData(): Promise<FormData> {
    return this.real().formData();
  }
  clone(): Response {
    return this.real();
  }
}
