import { HostNotFoundError, InvalidRequestError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDigitalOcean } from './create-digitalocean.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// inboundRules() against the fake: what its firewalls hold, read back in the spec's words.
const server = setupFakeServer();
let fake: DigitalOceanFake;

beforeEach(() => {
  fake = new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 1 });
  server.use(fake);
});

function cloud() {
  return createDigitalOcean(
    { token: DIGITALOCEAN_FAKE_TOKEN, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } },
    { env: {} },
  );
}

const operations = (since: number) => fake.since(since).map((entry) => entry.operation);
const everywhere = { addresses: ['0.0.0.0/0', '::/0'] };

/** A firewall made outside the plugin, as someone in the control panel would. */
async function createFirewall(body: Record<string, unknown>): Promise<void> {
  const response = await fetch('https://api.digitalocean.com/v2/firewalls', {
    method: 'POST',
    headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

describe('DigitalOcean inboundRules()', () => {
  it('reads the droplet and the firewalls: exactly the rules provision() was given', async () => {
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
    expect(operations(mark)).toEqual(['droplets_get', 'firewalls_list']);
    const all = await provisioner.provision({ name: 'open', inbound: 'all' });
    expect(await cloud().inboundRules?.(all.id)).toEqual({ kind: 'firewall', allows: 'all' });
  });

  it('says cloud-default for a droplet no firewall guards, whatever its id', async () => {
    const host = await cloud().provision({ name: 'plain' });
    const mark = fake.mark();
    expect(await cloud().inboundRules?.(host.id)).toEqual({ kind: 'cloud-default' });
    expect(operations(mark)).toEqual(['droplets_get', 'firewalls_list']);
  });

  it('adds firewalls applied by tag or by id outside the plugin, with their sources and port-less protocols', async () => {
    const host = await cloud().provision({ name: 'web', tags: { team: 'red' }, inbound: [{ from: 443 }] });
    const dropletId = Number(host.id.split('/')[0]);
    await createFirewall({
      name: 'office',
      tags: ['team:red'],
      inbound_rules: [
        {
          protocol: 'tcp',
          ports: '22',
          sources: { addresses: ['198.51.100.0/24'], droplet_ids: [dropletId] },
        },
        { protocol: 'tcp', ports: '443', sources: { addresses: ['192.0.2.7'] } },
        { protocol: 'icmp', sources: everywhere },
      ],
    });
    await createFirewall({
      name: 'ipv4-only',
      droplet_ids: [dropletId],
      inbound_rules: [{ protocol: 'udp', ports: '0', sources: { addresses: ['0.0.0.0/0'] } }],
    });
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp', sources: ['198.51.100.0/24', `droplet:${dropletId}`] },
        // Open from anywhere through the host's own firewall: the narrower rule adds nothing.
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 1, to: 65535, protocol: 'udp', sources: ['0.0.0.0/0'] },
      ],
      otherProtocols: ['icmp'],
    });
  });

  it('throws HostNotFoundError for a gone droplet after one request, and refuses a bad id before any', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'gone', inbound: [{ from: 22 }] });
    for (let call = 0; call < 5 && !(await provisioner.delete({ id: host.id })).done; call += 1);
    const mark = fake.mark();
    await expect(provisioner.inboundRules?.(host.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(operations(mark)).toEqual(['droplets_get']);
    await expect(provisioner.inboundRules?.('not-a-droplet')).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    expect(operations(mark)).toEqual(['droplets_get']);
  });
});
