/** The part of the SDK's `HttpHandler` the client calls. */
export interface SdkRequestHandler {
  handle(
    request: { readonly body?: unknown },
    options?: { abortSignal?: unknown },
  ): Promise<{ response: { statusCode: number; body?: unknown } }>;
  destroy?(): void;
}

/** A 2xx answer whose body is not EC2's XML: the SDK would read it as an empty success. */
export class NotEc2AnswerError extends Error {
  override readonly name = 'NotEc2AnswerError';
  constructor(
    /** The HTTP status of the answer. */
    readonly statusCode: number,
    /** What the body was instead, in a few words (never the body itself). */
    readonly found: string,
  ) {
    super(`HTTP ${statusCode} answer that is not EC2 XML: ${found}`);
  }
}

// Every EC2 Query API success is `<{Action}Response xmlns="http://ec2.amazonaws.com/doc/<version>/">`.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
const EC2_ROOT =
  /^\s*(?:<\?xml[^>]*\?>\s*)?<([A-Za-z0-9]+)Response\s[^>]*xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/[^"]+"/;

function describeBody(text: string): string {
  const trimmed = text.trimStart();
  if (trimmed === '') return 'an empty body';
  if (/^<!doctype html|^<html/i.test(trimmed)) return 'an HTML page';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'a JSON body';
  if (trimmed.startsWith('<'))
    return `XML with the root <${/^<\??([A-Za-z0-9:_-]*)/.exec(trimmed)?.[1] ?? ''}>`;
  return 'a body that is not XML';
}

/** `undefined` when `text` is the answer EC2 gives to `action`; else what it is instead. */
export function notEc2Answer(text: string, action: string | undefined): string | undefined {
  const root = EC2_ROOT.exec(text);
  if (root === null) return describeBody(text);
  if (action !== undefined && root[1] !== action) return `the answer to ${root[1]}, not to ${action}`;
  return undefined;
}

function actionOf(body: unknown): string | undefined {
  return typeof body === 'string' ? (new URLSearchParams(body).get('Action') ?? undefined) : undefined;
}

async function readBody(body: unknown, signal: AbortSignal): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  const chunks: Uint8Array[] = [];
  const stream = body as AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void };
  // Destroying the stream ends the iteration with the abort reason: a body that stops mid-way
  // cannot hold the call.
  const stop = () => stream.destroy?.(signal.reason as Error);
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  } finally {
    signal.removeEventListener('abort', stop);
  }
  signal.throwIfAborted();
  return Buffer.concat(chunks);
}

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`EC2 did not answer within ${timeoutMs} ms.`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * Wraps the SDK's request handler so that every attempt ends: one deadline (`timeoutMs`) covers
 * the connection, the answer's headers and the whole body (the SDK's own `requestTimeout` only
 * logs a warning). A 2xx body is read whole and must be EC2's XML for the action sent: an HTML
 * proxy page or an empty body is an error, never an empty success.
 */
export class CheckedRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(
    private readonly inner: SdkRequestHandler,
    private readonly timeoutMs: number,
  ) {}

  async handle(
    request: { readonly body?: unknown },
    options: { abortSignal?: unknown } = {},
  ): Promise<{ response: { statusCode: number; body?: unknown } }> {
    const controller = new AbortController();
    const caller = options.abortSignal as AbortSignal | undefined;
    const onCallerAbort = () => controller.abort(caller?.reason);
    if (caller?.aborted) onCallerAbort();
    caller?.addEventListener?.('abort', onCallerAbort, { once: true });
    const timer = setTimeout(() => controller.abort(timeoutError(this.timeoutMs)), this.timeoutMs);
    try {
      const answer = await this.inner.handle(request, { ...options, abortSignal: controller.signal });
      const response = answer.response;
      const body = await readBody(response.body, controller.signal);
      response.body = body;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const found = notEc2Answer(Buffer.from(body).toString('utf8'), actionOf(request.body));
        if (found !== undefined) throw new NotEc2AnswerError(response.statusCode, found);
      }
      return answer;
    } catch (error) {
      // The inner handler reports our deadline as a plain abort; say what it was.
      if (controller.signal.aborted && !caller?.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener?.('abort', onCallerAbort);
    }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    this.inner.destroy?.();
  }
}
