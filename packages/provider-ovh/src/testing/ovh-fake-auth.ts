import { createHash } from 'node:crypto';
import { authError } from './ovh-fake-wire.js';

/** One application and consumer key the fake accepts. */
export interface OvhFakeCredentials {
  readonly applicationKey: string;
  readonly applicationSecret: string;
  readonly consumerKey: string;
}

/** How far the request's timestamp may be from the fake's clock, in seconds. */
export const TIMESTAMP_WINDOW_SECONDS = 60;

/**
 * Checks a signed request as OVH's authentication layer does, in its order: the application key
 * (403 `INVALID_KEY`), the consumer key of that application (403 `INVALID_CREDENTIAL`), the
 * timestamp against the server's time (400 `QUERY_TIME_OUT`), then the signature: `$1$` and
 * SHA-1 hex of `AS+CK+METHOD+URL+BODY+TIMESTAMP` over the URL as the client addressed it
 * (400 `INVALID_SIGNATURE`). Returns the refusal, or undefined when the request passes.
 * https://help.ovhcloud.com/csm/en-api-getting-started-ovhcloud-api (Advanced usage: signing requests)
 */
export function refusalOf(
  request: Request,
  clientUrl: URL,
  body: string,
  credentials: OvhFakeCredentials,
  nowSeconds: number,
): Response | undefined {
  const application = request.headers.get('x-ovh-application');
  if (application === null || application === '')
    return authError(401, 'NOT_AUTHENTICATED', 'You must login first');
  if (application !== credentials.applicationKey)
    return authError(403, 'INVALID_KEY', 'This application key is invalid');
  if (request.headers.get('x-ovh-consumer') !== credentials.consumerKey)
    return authError(403, 'INVALID_CREDENTIAL', 'This credential is not valid');
  const timestamp = Number(request.headers.get('x-ovh-timestamp'));
  if (!Number.isInteger(timestamp) || Math.abs(timestamp - nowSeconds) > TIMESTAMP_WINDOW_SECONDS)
    return authError(400, 'QUERY_TIME_OUT', 'Query out of time');
  const text = [
    credentials.applicationSecret,
    credentials.consumerKey,
    request.method.toUpperCase(),
    clientUrl.href,
    body,
    String(timestamp),
  ].join('+');
  const expected = `$1$${createHash('sha1').update(text, 'utf8').digest('hex')}`;
  if (request.headers.get('x-ovh-signature') !== expected)
    return authError(400, 'INVALID_SIGNATURE', 'Invalid signature');
  return undefined;
}
