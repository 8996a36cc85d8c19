import { AuthenticationError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAws } from '../create-aws.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './aws-fake.js';
import { canonicalRequest, sha256Hex, sigV4Signature } from './aws-fake-signature.js';
import { ec2Request, presignedUrl, sigV2Url, sigV4Headers } from './aws-fake-test-helpers.js';
import { child, readXml } from './aws-xml-reader.js';

// The fake recomputes SigV4 and SigV2 signatures with its secret key: what was signed must be what
// arrives, and a signature made with another secret is refused as EC2 refuses it.
const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const LAUNCH = {
  Action: 'RunInstances',
  Version: '2016-11-15',
  ImageId: 'ami-0a1b2c3d4e5f60002',
  InstanceType: 't3.micro',
  MinCount: '1',
  MaxCount: '1',
};

async function expectMismatch(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  const root = readXml(await response.text());
  expect(root.name).toBe('Response');
  const error = child(child(root, 'Errors') as never, 'Error');
  expect(child(error as never, 'Code')?.text).toBe('SignatureDoesNotMatch');
  expect(child(error as never, 'Message')?.text).toMatch(
    /^The request signature we calculated does not match/,
  );
  expect(child(root, 'RequestID')?.text).toMatch(/^[0-9a-f-]{36}$/);
}

describe('SigV4 as the signing reference computes it', () => {
  // The IAM ListUsers example of the reference: key AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1.
  it('matches the reference example: canonical request hash and signature', () => {
    const request = {
      method: 'GET',
      url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
      headers: new Headers({ 'content-type': FORM, 'x-amz-date': '20150830T123600Z' }),
      body: '',
    };
    const scope = {
      date: '20150830',
      region: 'us-east-1',
      service: 'iam',
      amzDate: '20150830T123600Z',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
    };
    expect(sha256Hex(canonicalRequest(request, scope))).toBe(
      'f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(sigV4Signature(request, scope, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')).toBe(
      '5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });
});

describe('the EC2 fake checks signatures', () => {
  it('accepts a correct signature in the header (POST, GET), in the query string, and SigV2', async () => {
    expect((await ec2Request(fake.baseUrl, 'DescribeRegions')).status).toBe(200);
    const get = new URL(`${fake.baseUrl}/?Action=DescribeRegions&Version=2016-11-15`);
    expect((await fetch(get, { headers: sigV4Headers('GET', get, {}, '') })).status).toBe(200);
    expect((await fetch(presignedUrl(get))).status).toBe(200);
    const base = new URL(`${fake.baseUrl}/`);
    const params = { Action: 'DescribeRegions', Version: '2016-11-15' };
    expect((await fetch(sigV2Url(base, params))).status).toBe(200);
    expect((await fetch(sigV2Url(base, params, { method: 'HmacSHA1' }))).status).toBe(200);
    // A header the signature does not cover may change on the way.
    const headers = { ...sigV4Headers('GET', get, {}, ''), 'user-agent': 'changed by a proxy' };
    expect((await fetch(get, { headers })).status).toBe(200);
  });

  it('refuses a tampered body, and launches nothing', async () => {
    const url = new URL(`${fake.baseUrl}/`);
    const signed = new URLSearchParams(LAUNCH).toString();
    const sent = new URLSearchParams({ ...LAUNCH, InstanceType: 'm7i.48xlarge' }).toString();
    const headers = sigV4Headers('POST', url, { 'content-type': FORM }, signed);
    await expectMismatch(await fetch(url, { method: 'POST', headers, body: sent }));
    expect(fake.createdCount('instance')).toBe(0);
    expect(fake.requests.map((entry) => [entry.operation, entry.status])).toEqual([['RunInstances', 403]]);
  });

  it('refuses a tampered query string, in each signature form', async () => {
    const signed = new URL(
      `${fake.baseUrl}/?Action=DescribeRegions&Version=2016-11-15&RegionName.1=us-east-1`,
    );
    const tamper = (url: URL) => {
      const changed = new URL(url);
      changed.searchParams.set('RegionName.1', 'eu-west-1');
      return changed;
    };
    await expectMismatch(await fetch(tamper(signed), { headers: sigV4Headers('GET', signed, {}, '') }));
    await expectMismatch(await fetch(tamper(presignedUrl(signed))));
    const sigV2 = sigV2Url(new URL(`${fake.baseUrl}/`), {
      Action: 'DescribeRegions',
      Version: '2016-11-15',
      'RegionName.1': 'us-east-1',
    });
    await expectMismatch(await fetch(tamper(sigV2)));
  });

  it('refuses a signed header that changed, and a scope dated another day than X-Amz-Date', async () => {
    const url = new URL(`${fake.baseUrl}/`);
    const body = new URLSearchParams({ Action: 'DescribeRegions', Version: '2016-11-15' }).toString();
    const headers = sigV4Headers('POST', url, { 'content-type': FORM }, body);
    await expectMismatch(
      await fetch(url, { method: 'POST', headers: { ...headers, 'x-amz-date': '20261201T120001Z' }, body }),
    );
    await expectMismatch(
      await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
    await expectMismatch(
      await fetch(url, { method: 'POST', headers: { ...headers, 'x-amz-date': '20261202T120000Z' }, body }),
    );
  });

  it('refuses a signature made with another secret key, and the plugin reports AuthenticationError', async () => {
    const wrong = { secretAccessKey: `${AWS_FAKE_CREDENTIALS.secretAccessKey}x` };
    await expectMismatch(await ec2Request(fake.baseUrl, 'DescribeRegions', {}, wrong));
    const get = new URL(`${fake.baseUrl}/?Action=DescribeRegions&Version=2016-11-15`);
    await expectMismatch(await fetch(presignedUrl(get, wrong)));
    const params = { Action: 'DescribeRegions', Version: '2016-11-15' };
    await expectMismatch(await fetch(sigV2Url(new URL(`${fake.baseUrl}/`), params, wrong)));
    const cloud = createAws(
      {
        credentials: {
          accessKeyId: AWS_FAKE_CREDENTIALS.accessKeyId,
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ',
        },
        endpoint: fake.baseUrl,
        retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      },
      { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
    );
    await expect(cloud.verifyCredentials?.()).rejects.toSatisfy(AuthenticationError.isInstance);
    expect(fake.requests.at(-1)?.status).toBe(403);
  });

  it('still answers an unknown key id with AuthFailure (401)', async () => {
    const response = await ec2Request(
      fake.baseUrl,
      'DescribeRegions',
      {},
      { accessKeyId: 'AKIAI44QH8DHBEXAMPLE' },
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('<Code>AuthFailure</Code>');
  });
});
