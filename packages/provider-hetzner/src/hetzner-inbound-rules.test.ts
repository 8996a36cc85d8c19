import {
  HostNotFoundError,
  InvalidRequestError,
  ProviderApiError,
  type ProvisionerV1,
} from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHetzner } from './create-hetzner.js';
import { HETZNER_API_URL, HETZNER_FAKE_TOKEN, HetznerFake } from './testing/index.js';

// inboundRules() against the fake: what the firewalls applied to a server hold, in the spec's words.
const server = setupFakeServer();
let fake: HetznerFake;

beforeEach(() => {
  fake = new HetznerFake({ readsUntilActive: 1, destroyAfterReads: 1 });
  server.use(fake);
});

function cloud(): ProvisionerV1 {
  return createHetzner({ token: HETZNER_FAKE_TOKEN, endpoint: HETZNER_API_URL }, { env: {} });
}

const operations = (since: number) => fake.since(since).map((entry) => entry.operation);
const everywhere = ['0.0.0.0/0', '::/0'];
const serverIdOf = (id: string) => Number(id.split('/')[0]);

/** A firewall made outside the plugin and applied to a server, as someone in the Cloud Console would. */
async function createFirewall(name: string, serverId: number, rules: unknown[]): Promise<void> {
  const response = await fetch(`${HETZNER_API_URL}/firewalls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${HETZNER_FAKE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, rules, apply_to: [{ type: 'server', server: { id: serverId } }] }),
  });
  expect(response.status).toBe(201);
}

describe('Hetzner inboundRules()', () => {
  it('reads the server and its firewall: exactly the rules provision() was given, in two requests', async () => {
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
    expect(operations(mark)).toEqual(['get_server', 'get_firewall']);
    expect(fake.since(mark).map((entry) => entry.path)).toEqual([
      `/servers/${serverIdOf(host.id)}`,
      `/firewalls/${host.id.split('/')[1]}`,
    ]);
    const all = await cloud().provision({ name: 'open', inbound: 'all' });
    expect(await cloud().inboundRules?.(all.id)).toEqual({ kind: 'firewall', allows: 'all' });
  });

  it('says cloud-default for a server no firewall is applied to, after one request', async () => {
    const host = await cloud().provision({ name: 'plain' });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({ kind: 'cloud-default' });
    expect(operations(mark)).toEqual(['get_server']);
  });

  it('adds firewalls applied outside the plugin: their sources and port-less protocols, not their outbound rules', async () => {
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 443 }] });
    const serverId = serverIdOf(host.id);
    await createFirewall('office', serverId, [
      { direction: 'in', protocol: 'tcp', port: '22', source_ips: ['198.51.100.0/24', '2001:db8::/32'] },
      { direction: 'in', protocol: 'tcp', port: '443', source_ips: ['192.0.2.7/32'] },
      { direction: 'in', protocol: 'icmp', source_ips: everywhere },
      { direction: 'in', protocol: 'gre', source_ips: ['192.0.2.0/24'] },
      { direction: 'out', protocol: 'tcp', port: '25', destination_ips: everywhere },
    ]);
    await createFirewall('ipv4-only', serverId, [
      { direction: 'in', protocol: 'udp', port: '1-65535', source_ips: ['0.0.0.0/0'] },
    ]);
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp', sources: ['198.51.100.0/24', '2001:db8::/32'] },
        // Open from anywhere through the host's own firewall: the narrower rule adds nothing.
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 1, to: 65535, protocol: 'udp', sources: ['0.0.0.0/0'] },
      ],
      otherProtocols: ['gre', 'icmp'],
    });
    expect(operations(mark)).toEqual(['get_server', 'get_firewall', 'get_firewall', 'get_firewall']);
  });

  it('throws HostNotFoundError for a gone server after one request, and refuses a bad id before any', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'gone', inbound: [{ from: 22 }] });
    for (let call = 0; call < 10 && !(await provisioner.delete({ id: host.id })).done; call += 1);
    const mark = fake.mark();
    await expect(provisioner.inboundRules?.(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(operations(mark)).toEqual(['get_server']);
    await expect(provisioner.inboundRules?.('server-12')).rejects.toSatisfy(InvalidRequestError.isInstance);
    expect(operations(mark)).toEqual(['get_server']);
  });

  it('fails when a firewall cannot be read, rather than answering fewer rules or cloud-default', async () => {
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 22 }] });
    const noRetry = createHetzner(
      {
        token: HETZNER_FAKE_TOKEN,
        endpoint: HETZNER_API_URL,
        retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      },
      { env: {} },
    );
    fake.injectFault({ kind: 'http-500', operation: 'get_firewall' });
    const mark = fake.mark();
    await expect(noRetry.inboundRules?.(host.id)).rejects.toSatisfy(ProviderApiError.isInstance);
    expect(operations(mark)).toEqual(['get_server', 'get_firewall']);
  });
});
