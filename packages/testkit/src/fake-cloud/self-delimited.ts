// Statuses whose answers carry no body (and so need no framing).
const BODILESS = new Set([101, 103, 204, 205, 304]);

/**
 * The fake's answer framed as a cloud's API frames it: chunked, unless it has a length. Without
 * either, msw ends an answer of node:http by closing the connection, and the closed socket's
 * handle, which msw never closes, keeps the request and the whole answer reachable: every answer
 * of a run stays in memory (a 5,000-host fill of a cloud that lists the project on each provision
 * ran out of heap). Framed, the connection stays in the agent's keep-alive pool and is reused, as
 * with a cloud; the body is not copied.
 */
export function selfDelimited(response: Response): Response {
  const { headers } = response;
  if (BODILESS.has(response.status) || headers.has('content-length') || headers.has('transfer-encoding'))
    return response;
  try {
    headers.set('transfer-encoding', 'chunked');
    return response;
  } catch {
    // Immutable headers (a `Response.redirect()`): the same body stream under new ones.
    const framed = new Headers(headers);
    framed.set('transfer-encoding', 'chunked');
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: framed,
    });
  }
}
