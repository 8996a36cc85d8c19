import { createHash } from 'node:crypto';

/** What one OVH signature covers. */
export interface OvhSignatureInput {
  readonly applicationSecret: string;
  readonly consumerKey: string;
  readonly method: string;
  /** The full URL as sent, query included. */
  readonly url: string;
  /** The body as sent; empty when there is none. */
  readonly body: string;
  /** The server's time, in whole seconds since the epoch. */
  readonly timestamp: number;
}

/**
 * `X-Ovh-Signature`: `"$1$"` and the SHA-1 (hexadecimal) of
 * `AS+CK+METHOD+URL+BODY+TIMESTAMP`, as OVH's API documentation ("First steps with the OVHcloud
 * APIs", Advanced usage: signing requests) and its SDKs compute it.
 */
export function ovhSignature(input: OvhSignatureInput): string {
  const text = [
    input.applicationSecret,
    input.consumerKey,
    input.method.toUpperCase(),
    input.url,
    input.body,
    String(input.timestamp),
  ].join('+');
  return `$1$${createHash('sha1').update(text, 'utf8').digest('hex')}`;
}
