/** The SDK's outgoing request, as its `HttpHandler` receives it. */
interface SdkHttpRequest {
  readonly method: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: number | undefined;
  readonly path: string;
  readonly query?: Record<string, string | string[] | null> | undefined;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/**
 * An SDK request handler over a caller's `fetch` (the `fetch` setting), for hosts that route
 * traffic through their own fetch. Without that setting the SDK's own Node handler is used.
 */
export class FetchRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(
    private readonly fetch: typeof globalThis.fetch,
    private readonly timeoutMs: number,
  ) {}

  async handle(
    request: SdkHttpRequest,
    options: { abortSignal?: unknown } = {},
  ): Promise<{ response: unknown }> {
    const url = new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`);
    url.pathname = request.path;
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, item ?? '');
    }
    // The SDK's own AbortSignal type is narrower than the DOM one; at run time it is the caller's signal.
    const callerSignal = options.abortSignal as AbortSignal | undefined;
    const signals = [AbortSignal.timeout(this.timeoutMs), ...(callerSignal ? [callerSignal] : [])];
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'host'),
    );
    const answer = await this.fetch(url, {
      method: request.method,
      headers,
      body: request.body as string | Uint8Array<ArrayBuffer> | undefined,
      signal: AbortSignal.any(signals),
    });
    const responseHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      response: {
        statusCode: answer.status,
        reason: answer.statusText,
        headers: responseHeaders,
        body: new Uint8Array(await answer.arrayBuffer()),
      },
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
