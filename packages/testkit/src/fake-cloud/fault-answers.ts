import type { FaultKind, FaultSpec } from './faults.js';

/** Faults answered with a made-up response instead of the route's (nothing is committed). */
const ANSWER_FAULTS: ReadonlySet<FaultKind> = new Set(['non-cloud-200', 'echo-error', 'refused']);

/** `true` for the fault kinds `answerFault` answers. */
export function isAnswerFault(kind: FaultKind): boolean {
  return ANSWER_FAULTS.has(kind);
}

// What a captive portal or a misconfigured proxy in front of the API sends back.
const PROXY_PAGE =
  '<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Sign in to continue</h1></body></html>';

/**
 * The response for an answer fault: a 200 that is not the cloud's (HTML or empty), or the cloud's
 * own error (through `errorResponse`) echoing the request or refusing it.
 */
export function answerFault(
  fault: Pick<FaultSpec, 'kind' | 'page'>,
  request: Request,
  body: string,
  errorResponse: (status: number, code: string, message: string) => Response,
): Response {
  if (fault.kind === 'non-cloud-200') {
    return fault.page === 'empty'
      ? new Response('', { status: 200, headers: { 'content-type': 'application/json' } })
      : new Response(PROXY_PAGE, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
  if (fault.kind === 'echo-error') {
    const authorization = request.headers.get('authorization') ?? '';
    return errorResponse(
      400,
      'invalid_request',
      `Could not process ${request.method} ${request.url} with body ${body} (Authorization: ${authorization}).`,
    );
  }
  return errorResponse(403, 'forbidden', 'The request was refused (injected fault).');
}
