import { readFileSync } from 'node:fs';
import { type FakeSigner, sigV4Headers } from './aws-fake-signer.js';

export { type FakeSigner, presignedUrl, sigV2Url, sigV4Headers } from './aws-fake-signer.js';

import type { Ec2Model } from './aws-model-validator.js';

/** The trimmed EC2 description the fake and the plugin are held to. */
export function loadEc2Model(): Ec2Model {
  return JSON.parse(
    readFileSync(new URL('../../test-fixtures/ec2-model.trimmed.json', import.meta.url), 'utf8'),
  ) as Ec2Model;
}

/**
 * A Query-protocol request as a test sends it: form body, signed with SigV4 for `region` (or with
 * the `authorization` given, `null` for none).
 */
export function ec2Request(
  baseUrl: string,
  action: string,
  params: Record<string, string | number | boolean> = {},
  options: FakeSigner & { authorization?: string | null } = {},
): Promise<Response> {
  const form = new URLSearchParams({ Action: action, Version: '2016-11-15' });
  for (const [key, value] of Object.entries(params)) form.set(key, String(value));
  const url = new URL(`${baseUrl}/`);
  const body = form.toString();
  const base = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const signed = sigV4Headers('POST', url, base, body, options);
  const headers =
    options.authorization === undefined
      ? signed
      : { ...base, ...(options.authorization === null ? {} : { authorization: options.authorization }) };
  return fetch(url, { method: 'POST', headers, body });
}
