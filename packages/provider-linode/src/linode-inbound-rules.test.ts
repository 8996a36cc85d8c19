import { HostNotFoundError, InvalidRequestError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLinode } from './create-linode.js';
import { LINODE_API_URL, LINODE_FAKE_TOKEN, LinodeFake } from './testing/index.js';

// inboundRules() against the fake: what the Linode's firewalls hold, read back in the spec's words.
const server = setupFakeServer();
let fake: LinodeFake;

beforeEach(() => {
  fake = new LinodeFake({ readsUntilActive: 1, destroyAfterReads: 1 });
  server.use(fake);
});

const cloud = () =>
  createLinode({ endpoint: LINODE_API_URL, token: LINODE_FAKE_TOKEN, retry: { maxRetries: 0 } }, { env: {} });

const operations = (since: number) => fake.since(since).map((entry) => entry.operation);
const everywhere = { ipv4: ['0.0.0.0/0'], ipv6: ['::/0'] };
const linodeIdOf = (hostId: string) => Number(hostId.split('/')[0]);

/** Sends a request as someone in Cloud Manager would; answers the JSON body. */
async function cloudManager(method: string, path: string, body: unknown): Promise<{ id: number }> {
  const response = await fetch(`${LINODE_API_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${LINODE_FAKE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: number };
}

/** A firewall made and attached outside the plugin. */
function attachFirewall(linodeId: number, label: string, rules: Record<string, unknown>) {
  return cloudManager('POST', '/v4/networking/firewalls', {
    label,
    rules: { outbound_policy: 'ACCEPT', outbound: [], ...rules },
    devices: { linodes: [linodeId] },
  });
}

describe('Linode inboundRules()', () => {
  it('reads the Linode and its firewalls: exactly the rules provision() was given', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({
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
    expect(operations(mark)).toEqual(['get-linode-instance', 'get-linode-firewalls']);
    const all = await provisioner.provision({ name: 'open', inbound: 'all' });
    expect(await cloud().inboundRules?.(all.id)).toEqual({ kind: 'firewall', allows: 'all' });
  });

  it('says cloud-default for a Linode without a firewall, or whose firewall is disabled', async () => {
    const host = await cloud().provision({ name: 'plain' });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({ kind: 'cloud-default' });
    expect(operations(mark)).toEqual(['get-linode-instance', 'get-linode-firewalls']);
    const guarded = await cloud().provision({ name: 'guarded', inbound: [{ from: 443 }] });
    const firewallId = guarded.id.split('/')[1];
    await cloudManager('PUT', `/v4/networking/firewalls/${firewallId}`, { status: 'disabled' });
    expect(await cloud().inboundRules?.(guarded.id)).toEqual({ kind: 'cloud-default' });
  });

  it('reads a firewall attached in Cloud Manager, with port lists, sources and port-less protocols', async () => {
    const host = await cloud().provision({ name: 'console' });
    await attachFirewall(linodeIdOf(host.id), 'office', {
      inbound_policy: 'DROP',
      inbound: [
        {
          action: 'ACCEPT',
          protocol: 'TCP',
          ports: '22, 8000-9000',
          addresses: { ipv4: ['198.51.100.0/24'], ipv6: ['2001:db8::/32'] },
        },
        { action: 'ACCEPT', protocol: 'TCP', ports: '443', addresses: everywhere },
        { action: 'ACCEPT', protocol: 'UDP', ports: '53', addresses: { ipv4: ['0.0.0.0/0'] } },
        { action: 'ACCEPT', protocol: 'ICMP', addresses: everywhere },
        // Under a DROP policy a DROP rule lets nothing in.
        { action: 'DROP', protocol: 'TCP', ports: '23', addresses: everywhere },
      ],
    });
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp', sources: ['198.51.100.0/24', '2001:db8::/32'] },
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 8000, to: 9000, protocol: 'tcp', sources: ['198.51.100.0/24', '2001:db8::/32'] },
        { from: 53, to: 53, protocol: 'udp', sources: ['0.0.0.0/0'] },
      ],
      otherProtocols: ['icmp'],
    });
  });

  it('with an ACCEPT policy: every port but those dropped from anywhere, and every other protocol', async () => {
    const open = await cloud().provision({ name: 'accepting' });
    await attachFirewall(linodeIdOf(open.id), 'lets-all-in', { inbound_policy: 'ACCEPT', inbound: [] });
    expect(await cloud().inboundRules?.(open.id)).toEqual({
      kind: 'firewall',
      allows: 'all',
      otherProtocols: ['all'],
    });
    const host = await cloud().provision({ name: 'dropping' });
    await attachFirewall(linodeIdOf(host.id), 'drops-some', {
      inbound_policy: 'ACCEPT',
      inbound: [
        { action: 'DROP', protocol: 'TCP', ports: '22, 3306-3307', addresses: everywhere },
        { action: 'DROP', protocol: 'TCP', ports: '25', addresses: { ipv4: ['0.0.0.0/0'] } },
        { action: 'DROP', protocol: 'UDP', addresses: everywhere },
        // Redundant under an ACCEPT policy: it closes nothing.
        { action: 'ACCEPT', protocol: 'TCP', ports: '80', addresses: everywhere },
      ],
    });
    // Port 25 is closed to IPv4 only, so it stays open to IPv6: reported open.
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 1, to: 21, protocol: 'tcp' },
        { from: 23, to: 3305, protocol: 'tcp' },
        { from: 3308, to: 65535, protocol: 'tcp' },
      ],
      otherProtocols: ['all'],
    });
  });

  it('throws HostNotFoundError for a gone Linode after one request, and refuses a bad id before any', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'gone', inbound: [{ from: 22 }] });
    for (let call = 0; call < 5 && !(await provisioner.delete({ id: host.id })).done; call += 1);
    const mark = fake.mark();
    await expect(provisioner.inboundRules?.(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(operations(mark)).toEqual(['get-linode-instance']);
    await expect(provisioner.inboundRules?.('not-a-linode')).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(operations(mark)).toEqual(['get-linode-instance']);
  });
});
