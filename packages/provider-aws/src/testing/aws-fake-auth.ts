import { FAKE_REGIONS } from './aws-fake-catalog.js';
import type { Params } from './aws-fake-query.js';

/**
 * Which credential signed an EC2 Query request, read the three ways EC2 accepts:
 * - SigV4 in the `Authorization` header (what the AWS SDKs, the AWS CLI and boto3 send),
 * - SigV4 in the query string (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Signature`: presigned URLs),
 * - SigV2 in the parameters (`AWSAccessKeyId`, `SignatureVersion=2`, `SignatureMethod`, `Signature`,
 *   `Timestamp` or `Expires`), still accepted by EC2 and sent by older generic clients.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html
 *
 * What is checked: the access key id, the credential scope's form, service (`ec2`) and region, that
 * a signature of the right form is present, and a request date. The signature is not recomputed.
 */

const SIGV4_HEADER =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;
const SCOPE = /^([^/\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request$/;
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

/** The region a request is for and its parameters without the signing ones; undefined when refused. */
export interface SignedRequest {
  region: string;
  params: Params;
}

/** What the fake accepts. */
export interface AcceptedCredential {
  accessKeyId: string;
  /** The region of SigV2 requests, which name none. */
  region: string;
}

const knownRegion = (region: string) => FAKE_REGIONS.some((known) => known.name === region);

function fromScope(scope: RegExpExecArray | null, accepted: AcceptedCredential): string | undefined {
  if (scope === null || scope[1] !== accepted.accessKeyId || scope[4] !== 'ec2') return undefined;
  const region = scope[3] as string;
  return knownRegion(region) ? region : undefined;
}

function signedRegion(
  authorization: string | null,
  params: Params,
  accepted: AcceptedCredential,
): string | undefined {
  if (authorization !== null) return fromScope(SIGV4_HEADER.exec(authorization), accepted);
  if (params.has('X-Amz-Credential')) {
    if (params.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return undefined;
    if (!/^[0-9a-f]{64}$/.test(params.get('X-Amz-Signature') ?? '')) return undefined;
    if (!/^\d{8}T\d{6}Z$/.test(params.get('X-Amz-Date') ?? '')) return undefined;
    return fromScope(SCOPE.exec(params.get('X-Amz-Credential') ?? ''), accepted);
  }
  if (params.has('AWSAccessKeyId')) {
    if (params.get('AWSAccessKeyId') !== accepted.accessKeyId) return undefined;
    if (params.get('SignatureVersion') !== '2') return undefined;
    if (!SIGV2_METHODS.has(params.get('SignatureMethod') ?? '')) return undefined;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(params.get('Signature') ?? '')) return undefined;
    if (!params.has('Timestamp') && !params.has('Expires')) return undefined;
    return knownRegion(accepted.region) ? accepted.region : undefined;
  }
  return undefined;
}

/** The request's region and operation parameters when it is signed for `accepted`'s key; else undefined. */
export function authenticate(
  authorization: string | null,
  params: Params,
  accepted: AcceptedCredential,
): SignedRequest | undefined {
  const region = signedRegion(authorization, params, accepted);
  if (region === undefined) return undefined;
  const operation = new Map(params);
  for (const name of SIGNING_PARAMETERS) operation.delete(name);
  return { region, params: operation };
}
