import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * AWS request signatures, computed as the signing reference describes them, for the fake to check
 * what clients send (and for tests to sign requests of their own). node:crypto only.
 * SigV4: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * SigV2: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html (the EC2
 * Query API's Signature Version 2).
 */

/** The request as the client addressed and signed it. */
export interface RequestToSign {
  readonly method: string;
  /** The URL the client sent to: its host (with the port), path and query are what was signed. */
  readonly url: URL;
  /** Header names in any case; `host` is taken from `url` when absent. */
  readonly headers: Headers;
  readonly body: string;
}

/** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 and SigV2 ask. */
export function awsEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, value: string): Buffer {
  return createHmac('sha256', key).update(value, 'utf8').digest();
}

/** The raw query's name/value pairs, decoded (`+` is a space, as in a form). */
export function queryPairs(search: string): Array<[string, string]> {
  return [...new URLSearchParams(search).entries()];
}

/** Pairs sorted by encoded name, then encoded value, joined as `name=value&...`. */
function canonicalPairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs
    .map(([name, value]) => [awsEncode(name), awsEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The path without `.` and `..` segments, each segment encoded once (`/` when empty). */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(awsEncode(decodeSegment(segment)));
  }
  return `/${segments.join('/')}`;
}

function headerValue(request: RequestToSign, name: string): string {
  const value =
    request.headers.get(name) ??
    (name === 'host' ? request.url.host : undefined) ??
    (name === 'content-length' ? String(Buffer.byteLength(request.body)) : '');
  return value.trim().replace(/\s+/g, ' ');
}

/** What SigV4 signs besides the request: the scope, the date and the headers named. */
export interface SigV4Scope {
  readonly date: string;
  readonly region: string;
  readonly service: string;
  /** `YYYYMMDD'T'HHMMSS'Z'`. */
  readonly amzDate: string;
  /** Lowercase header names, in the order given (sorted here). */
  readonly signedHeaders: readonly string[];
  /** Query parameters to leave out of the canonical query (`X-Amz-Signature` for a presigned URL). */
  readonly excludeQuery?: readonly string[];
}

/** SigV4's canonical request. */
export function canonicalRequest(request: RequestToSign, scope: SigV4Scope): string {
  const headers = [...scope.signedHeaders].map((name) => name.toLowerCase()).sort();
  const query = queryPairs(request.url.search).filter(([name]) => !(scope.excludeQuery ?? []).includes(name));
  const payload = request.headers.get('x-amz-content-sha256') ?? sha256Hex(request.body);
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalPairs(query),
    ...headers.map((name) => `${name}:${headerValue(request, name)}`),
    '',
    headers.join(';'),
    payload,
  ].join('\n');
}

/** The SigV4 signature (lowercase hex) of `request` with `secretAccessKey`. */
export function sigV4Signature(request: RequestToSign, scope: SigV4Scope, secretAccessKey: string): string {
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    scope.amzDate,
    credentialScope,
    sha256Hex(canonicalRequest(request, scope)),
  ].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, scope.date), scope.region), scope.service),
    'aws4_request',
  );
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/**
 * The SigV2 signature (base64) of an EC2 Query request whose parameters (query string and form body
 * together) are `params`: `METHOD\nhost\npath\ncanonical query` under HMAC-SHA256 or HMAC-SHA1.
 */
export function sigV2Signature(
  request: RequestToSign,
  params: ReadonlyArray<readonly [string, string]>,
  method: 'HmacSHA256' | 'HmacSHA1',
  secretAccessKey: string,
): string {
  const host = (request.headers.get('host') ?? request.url.host).toLowerCase();
  const stringToSign = [
    request.method.toUpperCase(),
    host,
    request.url.pathname || '/',
    canonicalPairs(params.filter(([name]) => name !== 'Signature')),
  ].join('\n');
  return createHmac(method === 'HmacSHA1' ? 'sha1' : 'sha256', secretAccessKey)
    .update(stringToSign, 'utf8')
    .digest('base64');
}

/** Constant-time comparison of two signatures as strings. */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
