import { AWS_FAKE_CREDENTIALS } from './aws-fake.js';
import { sigV2Signature, sigV4Signature } from './aws-fake-signature.js';

// Requests signed for the fake's credentials, as a client of EC2 signs them: what the contract
// adapter sends on the plugin's behalf ("someone in the console") and what tests send.

/** Who signs a request, and for which region and time. */
export interface FakeSigner {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly region?: string;
  /** `YYYYMMDD'T'HHMMSS'Z'`. Default `20261201T120000Z`. */
  readonly amzDate?: string;
}

const DEFAULT_DATE = '20261201T120000Z';

/**
 * Headers that sign `method url` with SigV4 in the `Authorization` header: `x-amz-date` and the
 * authorization over `content-type` (when given), `host` and `x-amz-date`.
 */
export function sigV4Headers(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string,
  signer: FakeSigner = {},
): Record<string, string> {
  const amzDate = signer.amzDate ?? DEFAULT_DATE;
  const all = { ...headers, 'x-amz-date': amzDate };
  const signedHeaders = [...Object.keys(all).map((name) => name.toLowerCase()), 'host'].sort();
  const scope = {
    date: amzDate.slice(0, 8),
    region: signer.region ?? 'us-east-1',
    service: 'ec2',
    amzDate,
    signedHeaders,
  };
  const signature = sigV4Signature(
    { method, url, headers: new Headers(all), body },
    scope,
    signer.secretAccessKey ?? AWS_FAKE_CREDENTIALS.secretAccessKey,
  );
  const credential = `${signer.accessKeyId ?? AWS_FAKE_CREDENTIALS.accessKeyId}/${scope.date}/${scope.region}/ec2/aws4_request`;
  return {
    ...all,
    authorization: `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}

/** `url` presigned with SigV4 in its query string (signed header: `host`). */
export function presignedUrl(url: URL, signer: FakeSigner = {}): URL {
  const amzDate = signer.amzDate ?? DEFAULT_DATE;
  const region = signer.region ?? 'us-east-1';
  const signed = new URL(url);
  signed.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
  signed.searchParams.set(
    'X-Amz-Credential',
    `${signer.accessKeyId ?? AWS_FAKE_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/${region}/ec2/aws4_request`,
  );
  signed.searchParams.set('X-Amz-Date', amzDate);
  signed.searchParams.set('X-Amz-SignedHeaders', 'host');
  const signature = sigV4Signature(
    { method: 'GET', url: signed, headers: new Headers(), body: '' },
    {
      date: amzDate.slice(0, 8),
      region,
      service: 'ec2',
      amzDate,
      signedHeaders: ['host'],
      excludeQuery: ['X-Amz-Signature'],
    },
    signer.secretAccessKey ?? AWS_FAKE_CREDENTIALS.secretAccessKey,
  );
  signed.searchParams.set('X-Amz-Signature', signature);
  return signed;
}

/** `url` with `params` and a SigV2 signature in its query string, for a GET. */
export function sigV2Url(
  url: URL,
  params: Record<string, string>,
  signer: FakeSigner & { method?: 'HmacSHA256' | 'HmacSHA1' } = {},
): URL {
  const method = signer.method ?? 'HmacSHA256';
  const all: Record<string, string> = {
    ...params,
    AWSAccessKeyId: signer.accessKeyId ?? AWS_FAKE_CREDENTIALS.accessKeyId,
    SignatureVersion: '2',
    SignatureMethod: method,
    Timestamp: params.Timestamp ?? '2026-12-01T12:00:00Z',
  };
  const signed = new URL(url);
  signed.search = new URLSearchParams(all).toString();
  const signature = sigV2Signature(
    { method: 'GET', url: signed, headers: new Headers(), body: '' },
    Object.entries(all),
    method,
    signer.secretAccessKey ?? AWS_FAKE_CREDENTIALS.secretAccessKey,
  );
  signed.searchParams.set('Signature', signature);
  return signed;
}
