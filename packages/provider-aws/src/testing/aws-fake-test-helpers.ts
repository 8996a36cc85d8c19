import { readFileSync } from 'node:fs';
import { AWS_FAKE_CREDENTIALS } from './aws-fake.js';
import type { Ec2Model } from './aws-model-validator.js';

/** The trimmed EC2 description the fake and the plugin are held to. */
export function loadEc2Model(): Ec2Model {
  return JSON.parse(
    readFileSync(new URL('../../test-fixtures/ec2-model.trimmed.json', import.meta.url), 'utf8'),
  ) as Ec2Model;
}

/**
 * A Query-protocol request as a test sends it: form body, SigV4-shaped `Authorization` for `region`
 * (the fake checks the access key id and the scope, not the signature).
 */
export function ec2Request(
  baseUrl: string,
  action: string,
  params: Record<string, string | number | boolean> = {},
  options: { region?: string; accessKeyId?: string; authorization?: string | null } = {},
): Promise<Response> {
  const form = new URLSearchParams({ Action: action, Version: '2016-11-15' });
  for (const [key, value] of Object.entries(params)) form.set(key, String(value));
  const scope = `${options.accessKeyId ?? AWS_FAKE_CREDENTIALS.accessKeyId}/20261122/${options.region ?? 'us-east-1'}/ec2/aws4_request`;
  const authorization =
    options.authorization === undefined
      ? `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=content-type;host;x-amz-date, Signature=${'0'.repeat(64)}`
      : options.authorization;
  return fetch(`${baseUrl}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      ...(authorization === null ? {} : { authorization }),
    },
    body: form.toString(),
  });
}
