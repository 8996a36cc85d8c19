import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsEc2Fake } from './aws-fake.js';
import { ec2Request, loadEc2Model } from './aws-fake-test-helpers.js';
import { requestErrors, responseErrors } from './aws-model-validator.js';
import { child, readXml, type XmlElement } from './aws-xml-reader.js';

// DescribeInstances filters and paging as EC2 documents them:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html
const model = loadEc2Model();
const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

type Params = Record<string, string | number | boolean>;

/** Sends `DescribeInstances`, holding the request and a success to the EC2 description. */
async function describeInstances(params: Params) {
  const form = new URLSearchParams({ Action: 'DescribeInstances', Version: '2016-11-15' });
  for (const [key, value] of Object.entries(params)) form.set(key, String(value));
  expect(requestErrors(model, 'DescribeInstances', form)).toEqual([]);
  const response = await ec2Request(fake.baseUrl, 'DescribeInstances', params);
  const root = readXml(await response.text());
  if (response.status === 200) expect(responseErrors(model, 'DescribeInstances', root)).toEqual([]);
  const errors = child(root, 'Errors');
  const code = errors === undefined ? undefined : child(child(errors, 'Error') as XmlElement, 'Code')?.text;
  const ids: string[] = [];
  for (const reservation of child(root, 'reservationSet')?.children ?? [])
    for (const instance of child(reservation, 'instancesSet')?.children ?? [])
      ids.push(child(instance, 'instanceId')?.text as string);
  return { status: response.status, code, ids, token: child(root, 'nextToken')?.text };
}

async function launch(count: number, tag?: { key: string; value: string }): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await ec2Request(fake.baseUrl, 'RunInstances', {
      ClientToken: `filters-${tag?.value ?? ''}-${index}`,
      ImageId: 'ami-0a1b2c3d4e5f60002',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      ...(tag === undefined
        ? {}
        : {
            'TagSpecification.1.ResourceType': 'instance',
            'TagSpecification.1.Tag.1.Key': tag.key,
            'TagSpecification.1.Tag.1.Value': tag.value,
          }),
    });
    const root = readXml(await response.text());
    const item = child(child(root, 'instancesSet') as XmlElement, 'item') as XmlElement;
    ids.push(child(item, 'instanceId')?.text as string);
  }
  return ids;
}

const idFilter = (...values: string[]) =>
  Object.fromEntries([
    ['Filter.1.Name', 'instance-id'],
    ...values.map((value, index) => [`Filter.1.Value.${index + 1}`, value]),
  ]);

describe('the fake EC2: DescribeInstances filters', () => {
  it('splits the instances by the last digit of their id: 16 disjoint parts that hold them all', async () => {
    const all = await launch(40);
    const parts = [];
    for (const digit of '0123456789abcdef')
      parts.push((await describeInstances(idFilter(`i-*${digit}`))).ids);
    for (const [index, part] of parts.entries())
      for (const id of part) expect(id.endsWith('0123456789abcdef'[index] as string)).toBe(true);
    expect(parts.flat().sort()).toEqual([...all].sort());
  });

  it('reads * as any run of characters, none included, and ? as exactly one', async () => {
    const [id = ''] = await launch(1);
    expect((await describeInstances(idFilter(`${id}*`))).ids).toEqual([id]);
    expect((await describeInstances(idFilter(`*${id}`))).ids).toEqual([id]);
    expect((await describeInstances(idFilter(`${id.slice(0, -1)}?`))).ids).toEqual([id]);
    expect((await describeInstances(idFilter(`${id.slice(0, -2)}?`))).ids).toEqual([]);
    expect((await describeInstances(idFilter(`${id}?`))).ids).toEqual([]);
    // Several values of one filter are joined with OR.
    expect((await describeInstances(idFilter('i-nothing', `${id.slice(0, 5)}*`))).ids).toEqual([id]);
  });

  it('takes a backslash as making the next character literal', async () => {
    const [star = ''] = await launch(1, { key: 'pattern', value: 'a*b?' });
    const [plain = ''] = await launch(1, { key: 'pattern', value: 'axxbz' });
    const tagFilter = (value: string) => ({ 'Filter.1.Name': 'tag:pattern', 'Filter.1.Value.1': value });
    expect((await describeInstances(tagFilter('a*b?'))).ids.sort()).toEqual([star, plain].sort());
    expect((await describeInstances(tagFilter('a\\*b\\?'))).ids).toEqual([star]);
    expect((await describeInstances(tagFilter('a\\*b?'))).ids).toEqual([star]);
    expect((await describeInstances(tagFilter('a\\xxb?'))).ids).toEqual([plain]);
  });

  it('pages a filtered listing with MaxResults (5 to 1000) and NextToken, refusing other values', async () => {
    const all = await launch(7);
    const first = await describeInstances({ ...idFilter('i-*'), MaxResults: 5 });
    expect(first.ids).toHaveLength(5);
    const second = await describeInstances({
      ...idFilter('i-*'),
      MaxResults: 5,
      NextToken: first.token as string,
    });
    expect(second.token).toBeUndefined();
    expect([...first.ids, ...second.ids].sort()).toEqual([...all].sort());
    expect((await describeInstances({ MaxResults: 1000 })).ids).toHaveLength(7);
    for (const MaxResults of [4, 1001, 0])
      expect(await describeInstances({ MaxResults })).toMatchObject({
        status: 400,
        code: 'InvalidParameterValue',
      });
    expect(await describeInstances({ MaxResults: 5, NextToken: 'not a token' })).toMatchObject({
      status: 400,
      code: 'InvalidPaginationToken',
    });
  });
});
