import { describe, expect, it } from 'vitest';
import { samplePlugin } from './__fixtures__/sample-plugin.js';
import { InvalidRequestError } from './errors/errors.js';
import { ANYWHERE, firewallInbound } from './inbound-rules.js';
import { createProvisioner } from './plugin/create-provisioner.js';

describe('firewallInbound', () => {
  it('sorts by protocol and port and merges identical ranges, joining their sources', () => {
    expect(
      firewallInbound([
        { from: 8000, to: 9000, protocol: 'udp' },
        { from: 80, to: 81, protocol: 'tcp', sources: ['198.51.100.0/24'] },
        { from: 22, to: 22, protocol: 'tcp' },
        { from: 80, to: 81, protocol: 'tcp', sources: ['192.0.2.0/24', '198.51.100.0/24'] },
      ]),
    ).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp' },
        { from: 80, to: 81, protocol: 'tcp', sources: ['192.0.2.0/24', '198.51.100.0/24'] },
        { from: 8000, to: 9000, protocol: 'udp' },
      ],
    });
  });

  it('lets anywhere win a merge and reads port 0 as every port', () => {
    expect(
      firewallInbound([
        { from: 443, to: 443, protocol: 'tcp', sources: ['192.0.2.0/24'] },
        { from: 443, to: 443, protocol: 'tcp', sources: [ANYWHERE] },
        { from: 0, to: 65535, protocol: 'udp', sources: ['192.0.2.0/24'] },
      ]),
    ).toEqual({
      kind: 'firewall',
      allows: [
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 1, to: 65535, protocol: 'udp', sources: ['192.0.2.0/24'] },
      ],
    });
  });

  it("says 'all' only for every tcp and udp port from anywhere, and lists port-less protocols", () => {
    const every = [
      { from: 0, to: 65535, protocol: 'tcp' as const },
      { from: 1, to: 65535, protocol: 'udp' as const },
    ];
    expect(firewallInbound(every)).toEqual({ kind: 'firewall', allows: 'all' });
    expect(firewallInbound(every, ['icmp', 'icmp'])).toEqual({
      kind: 'firewall',
      allows: 'all',
      otherProtocols: ['icmp'],
    });
    expect(firewallInbound([every[0] as (typeof every)[0]])).toEqual({
      kind: 'firewall',
      allows: [{ from: 1, to: 65535, protocol: 'tcp' }],
    });
    expect(firewallInbound([])).toEqual({ kind: 'firewall', allows: [] });
  });
});

describe('createProvisioner: inboundRules', () => {
  it('is absent unless declared', () => {
    expect(createProvisioner(samplePlugin()).inboundRules).toBeUndefined();
  });

  it('checks the id before loading the implementation, then passes the call on', async () => {
    const loads = { count: 0 };
    const seen: unknown[] = [];
    const base = samplePlugin(
      {
        inboundRules: async (...args: unknown[]) => {
          seen.push(args[0]);
          return { kind: 'cloud-default' };
        },
      } as never,
      loads,
    );
    const provisioner = createProvisioner({
      ...base,
      capabilities: { ...base.capabilities, inboundRules: true },
    });
    await expect(provisioner.inboundRules?.('')).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(provisioner.inboundRules?.(42 as never)).rejects.toMatchObject({
      operation: 'inboundRules',
      field: 'id',
    });
    expect(loads.count).toBe(0);
    expect(await provisioner.inboundRules?.('h-1')).toEqual({ kind: 'cloud-default' });
    expect(seen).toEqual(['h-1']);
  });
});
