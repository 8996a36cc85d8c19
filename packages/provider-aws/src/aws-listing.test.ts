import { type AnyPluginManifest, silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsEc2 } from './aws-client.js';
import { forEachInstancePage, LIVE_STATES } from './aws-listing.js';
import { awsPlugin } from './aws-plugin.js';
import { createAws } from './create-aws.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 1 });
  server.use(fake);
});

function cloud() {
  return createAws(
    {
      credentials: { ...AWS_FAKE_CREDENTIALS },
      endpoint: fake.baseUrl,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
    },
    { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
  );
}

/** `list()` of the provisioner, which AWS declares. */
function listOf(provisioner: ReturnType<typeof cloud>) {
  if (provisioner.list === undefined) throw new Error('the AWS provisioner has no list()');
  return provisioner.list.bind(provisioner);
}

/** Provisions `count` hosts named `<prefix>-<n>` one after another; their ids. */
async function provisionMany(provisioner: ReturnType<typeof cloud>, prefix: string, count: number) {
  const ids: string[] = [];
  for (let index = 1; index <= count; index += 1)
    ids.push((await provisioner.provision({ name: `${prefix}-${index}` })).id);
  return ids;
}

/** The `instance-id` filter values of one logged `DescribeInstances`, and its `NextToken`. */
function describeParts(body: string): { ids: string[]; token: string | null } {
  const form = new URLSearchParams(body);
  const ids: string[] = [];
  for (const [key, value] of form)
    if (/^Filter\.\d+\.Name$/.test(key) && value === 'instance-id') {
      const prefix = key.slice(0, -'Name'.length);
      for (const [member, text] of form) if (member.startsWith(`${prefix}Value.`)) ids.push(text);
    }
  return { ids, token: form.get('NextToken') };
}

describe('AWS list at scale', () => {
  it('costs one request while the account fits a page', async () => {
    const provisioner = cloud();
    for (let index = 1; index <= 3; index += 1) await provisioner.provision({ name: `small-${index}` });
    const mark = fake.mark();
    expect(await listOf(provisioner)()).toHaveLength(3);
    const sent = fake.since(mark);
    expect(sent.map((entry) => entry.operation)).toEqual(['DescribeInstances']);
    expect(describeParts(sent[0]?.body ?? '')).toEqual({ ids: [], token: null });
  });

  it('follows NextToken page after page, with the filters of the list, each host once', async () => {
    const provisioner = cloud();
    const created = await provisionMany(provisioner, 'many', 12);
    fake.setMaxPageSize(5);
    const mark = fake.mark();
    const hosts = await listOf(provisioner)();
    fake.setMaxPageSize(undefined);
    expect(hosts.map((host) => host.id).sort()).toEqual([...created].sort());
    const sent = fake.since(mark);
    expect(sent.map((entry) => entry.operation)).toEqual([
      'DescribeInstances',
      'DescribeInstances',
      'DescribeInstances',
    ]);
    const pages = sent.map((entry) => describeParts(entry.body ?? ''));
    // No split by instance id: the first page has no token, each later one the token of the page before.
    expect(pages.map((page) => page.ids)).toEqual([[], [], []]);
    expect(pages[0]?.token).toBeNull();
    const tokens = pages.slice(1).map((page) => page.token);
    expect(tokens.every((token) => typeof token === 'string' && token !== '')).toBe(true);
    expect(new Set(tokens).size).toBe(2);
    for (const entry of sent) expect(new URLSearchParams(entry.body ?? '').get('MaxResults')).toBe('1000');
  });

  it('keeps the filters of the list on every page', async () => {
    const provisioner = cloud();
    for (let index = 1; index <= 8; index += 1)
      await provisioner.provision({ name: `team-${index}`, owner: index % 2 === 0 ? 'red' : 'blue' });
    fake.setMaxPageSize(3);
    const mark = fake.mark();
    const hosts = await listOf(provisioner)({ owner: 'red' });
    fake.setMaxPageSize(undefined);
    expect(hosts.map((host) => host.name).sort()).toEqual(['team-2', 'team-4', 'team-6', 'team-8']);
    expect(new Set(hosts.map((host) => host.owner))).toEqual(new Set(['red']));
    const sent = fake.since(mark);
    expect(sent).toHaveLength(2);
    for (const entry of sent) expect([...new URLSearchParams(entry.body ?? '').values()]).toContain('red');
  });

  it("hands over each page's instances while the next page is on its way", async () => {
    await provisionMany(cloud(), 'held', 7);
    const created = fake.instances().map((instance) => instance.id);
    expect(created).toHaveLength(7);
    fake.setMaxPageSize(5);
    // The answer to the second page waits until the first page has been handed over.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let heldAnswered = false;
    server.server.use(
      http.post(fake.baseUrl, async ({ request }) => {
        if (describeParts(await request.clone().text()).token === null) return undefined;
        await released;
        const answer = await fake.handle(request);
        if (!(answer instanceof Response)) throw new Error('the fake dropped the request');
        heldAnswered = true;
        return answer;
      }),
    );
    const ec2 = new AwsEc2(
      { credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl },
      {
        manifest: awsPlugin as AnyPluginManifest,
        env: { AWS_EC2_METADATA_DISABLED: 'true' },
        logger: silentLogger,
      },
    );
    const pages: Array<{ ids: string[]; nextAnswered: boolean }> = [];
    await forEachInstancePage(
      ec2,
      'us-east-1',
      [LIVE_STATES],
      'list',
      undefined,
      { hostFieldsOnly: true },
      (page) => {
        pages.push({
          ids: page.map((instance) => instance.InstanceId ?? ''),
          nextAnswered: heldAnswered,
        });
        release();
      },
    );
    fake.setMaxPageSize(undefined);
    expect(pages.map((page) => page.ids.length)).toEqual([5, 2]);
    expect(pages.flatMap((page) => page.ids).sort()).toEqual([...created].sort());
    // Page 1 was handed over before page 2 was answered (were it handed over only after, the held
    // answer would never come).
    expect(pages[0]?.nextAnswered).toBe(false);
    expect(pages[1]?.nextAnswered).toBe(true);
  });

  it('asks for the next page before reading the page in hand; a page the fast reader cannot read is asked again and read by the SDK', async () => {
    const provisioner = cloud();
    const created = await provisionMany(provisioner, 'odd', 12);
    fake.setMaxPageSize(5);
    let altered = 0;
    // The first DescribeInstances answer gains a CDATA section, which the SDK reads and the fast
    // reader refuses (only once that reader has seen its token).
    server.server.use(
      http.post(fake.baseUrl, async ({ request }) => {
        const body = await request.clone().text();
        const params = new URLSearchParams(body);
        if (altered > 0 || params.get('Action') !== 'DescribeInstances') return undefined;
        altered += 1;
        const answer = await fake.handle(request);
        if (!(answer instanceof Response)) throw new Error('the fake dropped the request');
        const xml = (await answer.text()).replace('</requestId>', '</requestId><note><![CDATA[x]]></note>');
        return HttpResponse.text(xml, { status: answer.status, headers: { 'content-type': 'text/xml' } });
      }),
    );
    const mark = fake.mark();
    const hosts = await listOf(provisioner)();
    fake.setMaxPageSize(undefined);
    expect(altered).toBe(1);
    expect(hosts.map((host) => host.id).sort()).toEqual([...created].sort());
    const tokens = fake.since(mark).map((entry) => describeParts(entry.body ?? '').token);
    // Page 1 (altered), page 2 asked on page 1's token before page 1 is read, page 1 again (read by
    // the SDK), then page 3.
    expect(tokens).toHaveLength(4);
    expect(tokens[0]).toBeNull();
    expect(tokens[1]).not.toBeNull();
    expect(tokens[2]).toBeNull();
    expect(tokens[3]).not.toBeNull();
    expect(tokens[3]).not.toBe(tokens[1]);
  });
});
