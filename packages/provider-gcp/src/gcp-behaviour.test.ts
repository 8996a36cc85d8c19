import { InvalidRequestError, ProvisionError, waitForHost } from '@provision/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { createGcp } from './create-gcp.js';
import type { GcpSettings } from './gcp-settings.js';
import { mapGcpStatus } from './map-gcp-instance.js';
import { gcpErrors } from './testing/gcp-fake-http.js';
import { GCP_FAKE_ACCESS_TOKEN, GCP_FAKE_PROJECT, GcpFake } from './testing/index.js';

// What the contract suite cannot know: the wire form of an insert, the instance name of an owner,
// the rule pair of `inbound`, a failed insert's reason, and the status table.
let fake: GcpFake;
const fetchFake: typeof fetch = async (input, init) => {
  const answer = await fake.handle(new Request(input, init));
  if (!(answer instanceof Response)) throw new TypeError('fetch failed');
  return answer;
};
const cloud = (settings: Partial<GcpSettings> = {}) =>
  createGcp(
    {
      accessToken: GCP_FAKE_ACCESS_TOKEN,
      project: GCP_FAKE_PROJECT,
      endpoint: fake.baseUrl,
      fetch: fetchFake,
      ...settings,
    },
    { env: {} },
  );

beforeEach(() => {
  fake = new GcpFake({ readsUntilActive: 2 });
});

describe('Compute Engine wire details', () => {
  it('inserts the e2-micro with a 10 GB standard boot disk from the Ubuntu family, an ephemeral IPv4, user-data metadata and labels', async () => {
    const host = await cloud().provision({
      name: 'web',
      owner: 'team',
      userData: '#!/bin/sh\necho hi\n',
      tags: { env: 'prod' },
    });
    expect(host).toMatchObject({
      status: 'provisioning',
      region: 'us-central1-a',
      plan: 'e2-micro',
      owner: 'team',
      name: 'web',
    });
    expect(host.id).toBe(`projects/${GCP_FAKE_PROJECT}/zones/us-central1-a/instances/web--team`);
    const [insert] = fake.requests;
    expect(insert?.path).toMatch(
      /^\/projects\/provision-fake\/zones\/us-central1-a\/instances\?requestId=[0-9a-f-]{36}$/,
    );
    const body = JSON.parse(insert?.body ?? '{}');
    expect(body).toMatchObject({
      name: 'web--team',
      machineType: 'zones/us-central1-a/machineTypes/e2-micro',
      disks: [
        {
          boot: true,
          autoDelete: true,
          initializeParams: {
            sourceImage: 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
            diskSizeGb: '10',
            diskType: 'zones/us-central1-a/diskTypes/pd-standard',
          },
        },
      ],
      networkInterfaces: [
        { network: 'global/networks/default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT' }] },
      ],
      metadata: { items: [{ key: 'user-data', value: '#!/bin/sh\necho hi\n' }] },
      labels: {
        env: 'prod',
        'provision-managed-by': 'provision',
        'provision-name': 'web',
        'provision-owner': 'team',
      },
    });
    expect(body.tags).toBeUndefined();
  });

  it('inbound: the instance carries its own network tag; an allow rule for exactly the ports and a deny-all right after', async () => {
    const host = await cloud().provision({
      name: 'fw',
      inbound: [{ from: 22 }, { from: 8000, to: 8080 }, { from: 53, protocol: 'udp' }],
    });
    expect(host.firewalled).toBe(true);
    const [instance] = fake.instances();
    const rules = fake.firewalls();
    expect(rules.map((rule) => rule.name)).toEqual([instance?.tags[0], `${instance?.tags[0]}-deny`]);
    expect(rules[0]).toMatchObject({
      priority: 1000,
      direction: 'INGRESS',
      sourceRanges: ['0.0.0.0/0'],
      targetTags: instance?.tags,
      allowed: [
        { IPProtocol: 'tcp', ports: ['22', '8000-8080'] },
        { IPProtocol: 'udp', ports: ['53'] },
      ],
    });
    expect(rules[1]).toMatchObject({
      priority: 1001,
      denied: [{ IPProtocol: 'all' }],
      targetTags: instance?.tags,
    });
    expect(JSON.parse(rules[0]?.description ?? '')).toMatchObject({
      owner: 'default',
      name: 'fw',
      instance: host.id,
    });
  });

  it('a repeat with other ports returns the host as it is, its ports as the specMismatch, and sends no rule change', async () => {
    const first = await cloud().provision({ name: 'repeat', inbound: [{ from: 22 }] });
    const rulesBefore = structuredClone(fake.firewalls());
    const sent = fake.requests.length;
    const again = await cloud().provision({ name: 'repeat', inbound: [{ from: 80 }, { from: 443 }] });
    expect(again.id).toBe(first.id);
    expect(again.specMismatch).toEqual(['inbound: 22/tcp (asked: 443/tcp, 80/tcp)']);
    expect(fake.firewalls()).toEqual(rulesBefore);
    const repeat = fake.requests.slice(sent);
    expect(repeat.filter((entry) => entry.path.includes('/firewalls') && entry.method !== 'GET')).toEqual([]);
    // The same ports again: nothing differs and nothing is sent but the reads.
    const same = await cloud().provision({ name: 'repeat', inbound: [{ from: 22 }] });
    expect(same.specMismatch).toBeUndefined();
    expect(
      fake.requests
        .slice(sent)
        .every((entry) => !entry.path.includes('/firewalls') || entry.method === 'GET'),
    ).toBe(true);
  });

  it('a repeat completes only the rule an interrupted call left unmade, and keeps the allow rule it has', async () => {
    await cloud().provision({ name: 'half', inbound: [{ from: 22 }] });
    const [allow, deny] = fake.firewalls();
    await fetchFake(`${fake.baseUrl}/projects/${GCP_FAKE_PROJECT}/global/firewalls/${deny?.name}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${GCP_FAKE_ACCESS_TOKEN}` },
    });
    const sent = fake.requests.length;
    const again = await cloud().provision({ name: 'half', inbound: [{ from: 8080 }] });
    expect(again.specMismatch).toEqual(['inbound: 22/tcp (asked: 8080/tcp)']);
    const changes = fake.requests
      .slice(sent)
      .filter((entry) => entry.path.includes('/firewalls') && entry.method !== 'GET');
    expect(changes.map((entry) => [entry.method, JSON.parse(entry.body ?? '{}').name])).toEqual([
      ['POST', deny?.name],
    ]);
    expect(fake.firewalls().find((rule) => rule.name === allow?.name)?.allowed).toEqual(allow?.allowed);
  });

  it('a failed insert: the instance is gone, status() finds the operation and reports error with its reason', async () => {
    fake.failNextInsert(
      "The zone 'projects/provision-fake/zones/us-central1-a' does not have enough resources available.",
    );
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'doomed' });
    const seen = [];
    for (let poll = 0; poll < 5; poll++) {
      const now = await provisioner.status(host.id);
      seen.push(now.status);
      if (now.status === 'error') {
        expect(now.error).toContain('ZONE_RESOURCE_POOL_EXHAUSTED');
        expect(now.error).toContain('does not have enough resources');
        break;
      }
    }
    expect(seen.at(-1)).toBe('error');
    const lookup = fake.requests.find((entry) => entry.operation === 'compute.zoneOperations.list');
    expect(new URLSearchParams(lookup?.path.split('?')[1]).get('filter')).toBe(
      '(targetLink eq ".*/projects/provision-fake/zones/us-central1-a/instances/doomed") (operationType eq "insert")',
    );
    expect(await provisioner.delete({ id: host.id })).toMatchObject({ done: true });
    expect(fake.leftovers()).toEqual([]);
  });

  it('an insert answered with its operation already DONE with an error: an error host with its reason, no rules', async () => {
    fake.failNextInsertAtOnce(
      "The zone 'projects/provision-fake/zones/us-central1-a' does not have enough resources available.",
    );
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'doomed', inbound: [{ from: 22 }] });
    expect(host).toMatchObject({ status: 'error', nativeStatus: 'DONE', name: 'doomed', owner: 'default' });
    expect(host.error).toBe(
      "Compute Engine failed to create the instance (ZONE_RESOURCE_POOL_EXHAUSTED: The zone 'projects/provision-fake/zones/us-central1-a' does not have enough resources available.)",
    );
    // The insert alone: no rules for an instance that will never be.
    expect(fake.requests.map((entry) => entry.operation)).toEqual(['compute.instances.insert']);
    expect(await provisioner.status(host.id)).toEqual(host);
    expect(await provisioner.delete({ id: host.id })).toMatchObject({ done: true });
    expect(fake.leftovers()).toEqual([]);
  });

  it('an instance name too long for name and owner is refused before any request', async () => {
    const error = await cloud()
      .provision({ name: `a${'b'.repeat(40)}`, owner: 'c'.repeat(30) })
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(fake.requests).toEqual([]);
  });

  it('a deleting instance answers its running delete again, and the rules go only once it is gone', async () => {
    fake = new GcpFake({ readsUntilActive: 1, destroyAfterReads: 2 });
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'slow', inbound: [{ from: 443 }] });
    await waitForHost(provisioner, host.id, { until: 'active', interval: 0, timeout: 5_000 });
    const first = await provisioner.delete({ id: host.id });
    expect(first).toMatchObject({ done: false });
    expect(fake.firewalls()).toHaveLength(2);
    let result = first;
    for (let call = 0; call < 10 && !result.done; call++) result = await provisioner.delete({ id: host.id });
    expect(result.done).toBe(true);
    expect(fake.leftovers()).toEqual([]);
  });

  it('a rule Compute Engine refuses to delete yet stays remaining, and the next call removes it; the instance gets one DELETE', async () => {
    fake = new GcpFake({ readsUntilActive: 1, destroyAfterReads: 1 });
    let refusals = 2;
    // The cloud refuses the deny rule's DELETE twice (another operation runs on it), as Compute
    // Engine answers `resourceNotReady`; every other request reaches the fake.
    const refusing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.method === 'DELETE' && request.url.endsWith('-deny') && refusals-- > 0)
        return gcpErrors.response('notReady', new URL(request.url).pathname);
      return fetchFake(request);
    };
    const provisioner = cloud({ fetch: refusing, retry: { maxRetries: 0 } });
    const host = await provisioner.provision({ name: 'busy', inbound: [{ from: 80 }] });
    await waitForHost(provisioner, host.id, { until: 'active', interval: 0, timeout: 5_000 });
    const answers = [];
    for (let call = 0; call < 10; call++) {
      const answer = await provisioner.delete({ id: host.id });
      answers.push(answer);
      if (answer.done) break;
    }
    const deny = fake.firewalls().find((rule) => rule.name.endsWith('-deny'));
    expect(deny).toBeUndefined();
    expect(answers.at(-1)).toMatchObject({ done: true });
    const refused = answers.filter(
      (answer) => answer.remaining?.length === 1 && answer.remaining[0]?.endsWith('-deny'),
    );
    expect(refused).toHaveLength(2);
    expect(refused[0]?.remaining?.[0]).toMatch(/^firewall rule provision-.*-deny$/);
    expect(fake.requests.filter((entry) => entry.operation === 'compute.instances.delete')).toHaveLength(1);
    expect(fake.leftovers()).toEqual([]);
  });

  it('delete by IP marks the allow rule with the address, deletes the instance, then finds and deletes both rules by the mark', async () => {
    fake = new GcpFake({ readsUntilActive: 1 });
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'by-ip', inbound: [{ from: 22 }] });
    const active = await waitForHost(provisioner, host.id, { until: 'active', interval: 0, timeout: 5_000 });
    const ip = active.ipv4 as string;
    const mark = fake.mark();
    expect(await provisioner.delete({ ip })).toMatchObject({ done: false, id: host.id });
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual([
      'compute.instances.aggregatedList',
      'compute.firewalls.patch',
      'compute.instances.delete',
    ]);
    expect(JSON.parse(fake.firewalls()[0]?.description ?? '{}')).toMatchObject({
      ipv4: ip,
      instance: host.id,
    });
    const next = fake.mark();
    expect(await provisioner.delete({ ip })).toMatchObject({ done: true, found: true });
    const listing = fake.since(next).find((entry) => entry.operation === 'compute.firewalls.list');
    expect(new URLSearchParams(listing?.path.split('?')[1]).get('filter')).toBe(
      `description eq .*ipv4.:.${ip.replaceAll('.', '[.]')}[^0-9].*`,
    );
    expect(fake.leftovers()).toEqual([]);
    expect(await provisioner.delete({ ip })).toEqual({ done: true, found: false });
  });

  it('maps every instance status; RUNNING is active only with the external IPv4', () => {
    const table = [
      'PROVISIONING',
      'STAGING',
      'RUNNING',
      'STOPPING',
      'STOPPED',
      'SUSPENDING',
      'SUSPENDED',
      'TERMINATED',
      'REPAIRING',
    ];
    expect(table.map((status) => mapGcpStatus(status, true))).toEqual([
      'provisioning',
      'provisioning',
      'active',
      'stopping',
      'stopped',
      'stopping',
      'stopped',
      'stopped',
      'provisioning',
    ]);
    expect(mapGcpStatus('RUNNING', false)).toBe('provisioning');
  });
});

describe('a name taken whose lookup fails', () => {
  for (const [fault, status, retryable] of [
    ['http-500', 500, true],
    ['refused', 403, false],
  ] as const)
    it(`gives the lookup's own error (${status}), never "taken by another" or success`, async () => {
      const provisioner = cloud({ retry: { maxRetries: 0 } });
      await provisioner.provision({ name: 'web' });
      // The repeat's insert answers 409 alreadyExists; the GET that would tell whose it is fails.
      fake.injectFault({ kind: fault, operation: 'compute.instances.get' });
      const error = await provisioner.provision({ name: 'web' }).then(
        () => expect.unreachable('provision() succeeded without knowing whose the name is'),
        (failure: unknown) => failure,
      );
      expect(fake.requests.slice(-2).map((entry) => [entry.operation, entry.status])).toEqual([
        ['compute.instances.insert', 409],
        ['compute.instances.get', status],
      ]);
      expect(ProvisionError.isInstance(error) && error.retryable).toBe(retryable);
      expect((error as Error).message).not.toMatch(/already exists|not the host/);
    });
});
