/** What a route handler receives. */
export interface RouteContext {
  /** The request as sent (its body is still readable). */
  readonly request: Request;
  readonly url: URL;
  /** The URL as the client addressed it (`HandleOptions.clientUrl`), else `url`. */
  readonly clientUrl: URL;
  /** Values of the pattern's `:param` segments, URI-decoded. */
  readonly params: Record<string, string>;
  /** The operation name this request is logged under. */
  readonly operation: string;
  /** The parsed JSON body. A body that is not JSON answers 400 through the cloud's `errorResponse`. */
  json<T = unknown>(): Promise<T>;
  /** The form-encoded body (Query-protocol clouds such as EC2). */
  form(): Promise<URLSearchParams>;
}

/** Answers one route. Throwing `RouteResponse` answers with its response. */
export type RouteHandler = (context: RouteContext) => Response | Promise<Response>;

/**
 * Thrown inside a route handler to answer at once with `response` (for example a 400 from a
 * validation helper deep in the handler). Anything else thrown answers 500.
 */
export class RouteResponse extends Error {
  constructor(readonly response: Response) {
    super(`Answered ${response.status}`);
    this.name = 'RouteResponse';
  }
}
