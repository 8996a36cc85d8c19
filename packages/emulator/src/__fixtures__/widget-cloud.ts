import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { FakeCloud } from '@provision/testkit/fake-cloud';

/** The token `WidgetCloud` accepts. */
export const WIDGET_TOKEN = 'widget-fake-token-0001';

/**
 * A tiny cloud for the emulator's own tests: widgets you can create, list and read, and an
 * echo route that shows what reached the fake (method, path, query, a header, the body).
 */
export class WidgetCloud extends FakeCloud {
  readonly widgets = this.store<{ id: string; name: string }>('widget', (widget) => widget.name);
  /** Called when a request reaches `GET /v1/hang`, which never answers. */
  onHang: (() => void) | undefined;

  constructor(options: { baseUrl: string; provider?: string; bases?: Readonly<Record<string, string>> }) {
    super({
      provider: options.provider ?? 'widgets',
      baseUrl: options.baseUrl,
      ...(options.bases === undefined ? {} : { bases: options.bases }),
    });
    if (options.bases?.login !== undefined)
      this.route(
        'POST',
        '/token',
        'token',
        (context) => Response.json({ token: WIDGET_TOKEN, url: context.request.url }),
        {
          base: 'login',
        },
      );
    this.route('POST', '/v1/widgets', 'widgets.create', async (context) => {
      const body = await context.json<{ name: string }>();
      const widget = this.widgets.set({ id: this.widgets.nextId(), name: body.name });
      return Response.json({ widget }, { status: 201 });
    });
    this.route('GET', '/v1/widgets', 'widgets.list', () =>
      Response.json(
        { widgets: this.widgets.values() },
        { headers: { 'x-total': String(this.widgets.size) } },
      ),
    );
    this.route('GET', '/v1/hang', 'hang', () => {
      this.onHang?.();
      return new Promise<Response>(() => {});
    });
    this.route('POST', '/v1/echo', 'echo', async (context) =>
      Response.json(
        {
          method: context.request.method,
          url: context.request.url,
          token: context.request.headers.get('x-widget-token'),
          body: await context.request.text(),
        },
        { status: 202, headers: { 'x-echo': 'yes' } },
      ),
    );
  }

  protected errorResponse(status: number, code: string, message: string, headers?: Record<string, string>) {
    return Response.json({ code, message }, { status, ...(headers === undefined ? {} : { headers }) });
  }
}

/** `WidgetCloud` as a provider package's `./testing` would export it; `withLogin` adds a token endpoint on a base of its own. */
export function widgetCloud(provider = 'widgets', withLogin = false): EmulatedCloud {
  const prefix = provider.toUpperCase().replaceAll('-', '_');
  return {
    provider,
    ...(withLogin ? { bases: ['login'] } : {}),
    create: ({ baseUrl, bases }) => new WidgetCloud({ baseUrl, provider, ...(withLogin ? { bases } : {}) }),
    env: (baseUrl, bases) => ({
      [`${prefix}_URL`]: baseUrl,
      [`${prefix}_TOKEN`]: WIDGET_TOKEN,
      ...(bases?.login === undefined ? {} : { [`${prefix}_LOGIN_URL`]: bases.login }),
    }),
  };
}
