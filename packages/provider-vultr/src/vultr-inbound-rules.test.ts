import { HostNotFoundError, InvalidRequestError, silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createVultr } from './create-vultr.js';
import { VULTR_FAKE_API_KEY, VultrFake } from './testing/index.js';
import { readGroupRules } from './vultr-inbound-rules.js';

// inboundRules() against the fake: what an instance's firewall group holds, in the spec's words.
const server = setupFakeServer();
let fake: VultrFake;

beforeEach(() => {
  fake = new VultrFake({ readsUntilActive: 1 });
  server.use(fake);
});

const cloud = () =>
  createVultr(
    { apiKey: VULTR_FAKE_API_KEY, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } },
    { env: {}, logger: silentLogger },
  );

const operations = (since: number) => fake.since(since).map((entry) => entry.operation);

/** A rule added outside the plugin, as someone in the customer portal would. */
async function addRule(groupId: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${fake.baseUrl}/v2/firewalls/${groupId}/rules`, {
    method: 'POST',
    headers: { authorization: `Bearer ${VULTR_FAKE_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
}

describe('Vultr inboundRules()', () => {
  it('reads the instance and its group rules: exactly the rules provision() was given', async () => {
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 8000, to: 9000, protocol: 'udp' }, { from: 22 }, { from: 80, to: 81 }],
    });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp' },
        { from: 80, to: 81, protocol: 'tcp' },
        { from: 8000, to: 9000, protocol: 'udp' },
      ],
    });
    expect(operations(mark)).toEqual(['get-instance', 'list-firewall-group-rules']);
    const all = await cloud().provision({ name: 'open', inbound: 'all' });
    expect(await cloud().inboundRules?.(all.id)).toEqual({ kind: 'firewall', allows: 'all' });
  });

  it('says cloud-default for an instance in no firewall group, after one request', async () => {
    const host = await cloud().provision({ name: 'plain' });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({ kind: 'cloud-default' });
    expect(operations(mark)).toEqual(['get-instance']);
  });

  it('reads rules added outside the plugin: subnets, one IP version, Cloudflare, port-less protocols', async () => {
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 443 }] });
    const groupId = fake.groups()[0]?.id as string;
    const tcp = { protocol: 'tcp', ip_type: 'v4' };
    await addRule(groupId, { ...tcp, port: '22', subnet: '198.51.100.0', subnet_size: 24 });
    await addRule(groupId, { ...tcp, ip_type: 'v6', port: '22', subnet: '2001:db8::', subnet_size: 32 });
    await addRule(groupId, { ...tcp, port: '8443', source: 'cloudflare' });
    await addRule(groupId, { ...tcp, ip_type: 'v6', port: '8443', source: 'cloudflare' });
    await addRule(groupId, { ...tcp, port: '443', subnet: '192.0.2.7', subnet_size: 32 });
    await addRule(groupId, {
      protocol: 'udp',
      ip_type: 'v4',
      port: '1:65535',
      subnet: '0.0.0.0',
      subnet_size: 0,
    });
    await addRule(groupId, { protocol: 'icmp', ip_type: 'v4', subnet: '0.0.0.0', subnet_size: 0 });
    await addRule(groupId, { protocol: 'gre', ip_type: 'v6', subnet: '::', subnet_size: 0 });
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp', sources: ['198.51.100.0/24', '2001:db8::/32'] },
        // Open from anywhere by the host's own rules: the narrower one adds nothing.
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 8443, to: 8443, protocol: 'tcp', sources: ['source:cloudflare'] },
        // IPv4 only: not anywhere.
        { from: 1, to: 65535, protocol: 'udp', sources: ['0.0.0.0/0'] },
      ],
      otherProtocols: ['gre', 'icmp'],
    });
  });

  it('reads an empty port as every port', () => {
    const rule = { id: 1, protocol: 'tcp', ip_type: 'v4', subnet: '0.0.0.0', subnet_size: 0 };
    expect(readGroupRules([rule, { ...rule, id: 2, ip_type: 'v6', subnet: '::', port: '' }])).toEqual({
      kind: 'firewall',
      allows: [{ from: 1, to: 65535, protocol: 'tcp' }],
    });
  });

  it('throws HostNotFoundError for a gone instance after one request, and refuses a bad id before any', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'gone', inbound: [{ from: 22 }] });
    for (let call = 0; call < 5 && !(await provisioner.delete({ id: host.id })).done; call += 1);
    const mark = fake.mark();
    await expect(provisioner.inboundRules?.(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(operations(mark)).toEqual(['get-instance']);
    await expect(provisioner.inboundRules?.('not-an-instance')).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(operations(mark)).toEqual(['get-instance']);
  });
});
