import { FAKE_REGIONS } from './aws-fake-catalog.js';
import type { Params } from './aws-fake-query.js';
import {
  queryPairs,
  type RequestToSign,
  type SigV4Scope,
  sameSignature,
  sigV2Signature,
  sigV4Signature,
} from './aws-fake-signature.js';

/**
 * Which credential signed an EC2 Query request, read and checked the three ways EC2 accepts:
 * - SigV4 in the `Authorization` header (what the AWS SDKs, the AWS CLI and boto3 send),
 * - SigV4 in the query string (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Signature`: presigned URLs),
 * - SigV2 in the parameters (`AWSAccessKeyId`, `SignatureVersion=2`, `SignatureMethod`, `Signature`,
 *   `Timestamp` or `Expires`), still accepted by EC2 and sent by older generic clients.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
 *
 * The access key id, the credential scope (service `ec2`, a known region, the date of `X-Amz-Date`)
 * and the signature itself are checked: the fake recomputes it over what the client signed (its
 * Host, path, query, signed headers and body) with the secret key of its credentials. The request
 * time is not compared with the clock (tests run on fake clocks).
 */

const SIGV4_HEADER =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+\/\d{8}\/[a-z0-9-]+\/[a-z0-9-]+\/aws4_request), ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const SCOPE = /^([^/\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;
const AMZ_DATE = /^\d{8}T\d{6}Z$/;
const SIGV2_METHODS = new Set(['HmacSHA256', 'HmacSHA1']);

/** Parameters that carry the signature, not the operation: never seen by the action handlers. */
const SIGNING_PARAMETERS = [
  'AWSAccessKeyId',
  'SignatureVersion',
  'SignatureMethod',
  'Signature',
  'Timestamp',
  'Expires',
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
];

/** What the fake accepts. */
export interface AcceptedCredential {
  accessKeyId: string;
  /** The secret the signatures are checked with. */
  secretAccessKey: string;
  /** The region of SigV2 requests, which name none. */
  region: string;
}

/**
 * The outcome: the request's region and its operation parameters (without the signing ones), or
 * why it is refused: `credentials` (no signature of a known form, an unknown key id, a scope for
 * another service or an unknown region: EC2's `AuthFailure`) or `signature` (the signature is not
 * the one the fake computes: EC2's `SignatureDoesNotMatch`).
 */
export type Authentication =
  | { readonly ok: true; readonly region: string; readonly params: Params }
  | { readonly ok: false; readonly refused: 'credentials' | 'signature' };

const knownRegion = (region: string) => FAKE_REGIONS.some((known) => known.name === region);

type Checked = { region: string } | 'credentials' | 'signature';

function checkSigV4(
  request: RequestToSign,
  credential: string,
  amzDate: string | null,
  signedHeaders: string,
  signature: string,
  accepted: AcceptedCredential,
  presigned: boolean,
): Checked {
  const scope = SCOPE.exec(credential);
  if (scope === null || scope[1] !== accepted.accessKeyId || scope[4] !== 'ec2') return 'credentials';
  const [, , date, region, service] = scope as unknown as [string, string, string, string, string];
  if (!knownRegion(region)) return 'credentials';
  // "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP".
  if (amzDate === null || !AMZ_DATE.test(amzDate) || amzDate.slice(0, 8) !== date) return 'signature';
  const signing: SigV4Scope = {
    date,
    region,
    service,
    amzDate,
    signedHeaders: signedHeaders.split(';'),
    ...(presigned ? { excludeQuery: ['X-Amz-Signature'] } : {}),
  };
  const expected = sigV4Signature(request, signing, accepted.secretAccessKey);
  return sameSignature(expected, signature) ? { region } : 'signature';
}

function check(request: RequestToSign, params: Params, accepted: AcceptedCredential): Checked {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const header = SIGV4_HEADER.exec(authorization);
    if (header === null) return 'credentials';
    const amzDate = request.headers.get('x-amz-date');
    return checkSigV4(
      request,
      header[1] as string,
      amzDate,
      header[2] as string,
      header[3] as string,
      accepted,
      false,
    );
  }
  if (params.has('X-Amz-Credential')) {
    if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'credentials';
    const signature = params.get('X-Amz-Signature') ?? '';
    if (!/^[0-9a-f]{64}$/.test(signature)) return 'credentials';
    return checkSigV4(
      request,
      params.get('X-Amz-Credential') ?? '',
      params.get('X-Amz-Date') ?? null,
      params.get('X-Amz-SignedHeaders') ?? 'host',
      signature,
      accepted,
      true,
    );
  }
  if (params.has('AWSAccessKeyId')) {
    if (params.get('AWSAccessKeyId') !== accepted.accessKeyId) return 'credentials';
    if (params.get('SignatureVersion') !== '2') return 'credentials';
    const method = params.get('SignatureMethod') ?? '';
    if (!SIGV2_METHODS.has(method)) return 'credentials';
    const signature = params.get('Signature') ?? '';
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return 'credentials';
    if (!params.has('Timestamp') && !params.has('Expires')) return 'credentials';
    if (!knownRegion(accepted.region)) return 'credentials';
    // SigV2 signs every parameter, those of the query string and of a form body alike.
    const all = [...queryPairs(request.url.search), ...queryPairs(request.body)];
    const expected = sigV2Signature(
      request,
      all,
      method as 'HmacSHA256' | 'HmacSHA1',
      accepted.secretAccessKey,
    );
    return sameSignature(expected, signature) ? { region: accepted.region } : 'signature';
  }
  return 'credentials';
}

/**
 * Checks the request's signature against `accepted`. `request.url` must be the URL the client
 * addressed (behind a proxy that rewrites it, the original: see `HandleOptions.clientUrl`);
 * `params` are all of its parameters (query string and form body).
 */
export function authenticate(
  request: RequestToSign,
  params: Params,
  accepted: AcceptedCredential,
): Authentication {
  const checked = check(request, params, accepted);
  if (typeof checked === 'string') return { ok: false, refused: checked };
  const operation = new Map(params);
  for (const name of SIGNING_PARAMETERS) operation.delete(name);
  return { ok: true, region: checked.region, params: operation };
}
