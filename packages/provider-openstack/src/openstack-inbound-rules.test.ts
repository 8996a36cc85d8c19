import { describe, expect, it } from 'vitest';
import { readGroupRules } from './openstack-inbound-rules.js';

const rule = (fields: Record<string, unknown>) => ({
  id: 'r',
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: 'tcp',
  port_range_min: null,
  port_range_max: null,
  remote_ip_prefix: null,
  remote_group_id: null,
  ...fields,
});

describe('a Neutron group in InboundRule words', () => {
  it('joins IPv4 and IPv6 anywhere, keeps other sources, and names protocols without ports', () => {
    expect(
      readGroupRules([
        rule({ port_range_min: 443, port_range_max: 443, remote_ip_prefix: '0.0.0.0/0' }),
        rule({ ethertype: 'IPv6', port_range_min: 443, port_range_max: 443, remote_ip_prefix: '::/0' }),
        rule({
          protocol: 'udp',
          port_range_min: 8000,
          port_range_max: 8100,
          remote_ip_prefix: '198.51.100.0/24',
        }),
        rule({ port_range_min: 22, port_range_max: 22, remote_group_id: 'abc' }),
        rule({ protocol: 'icmp' }),
        rule({ direction: 'egress', protocol: null }),
      ]),
    ).toEqual({
      kind: 'firewall',
      allows: [
        { from: 22, to: 22, protocol: 'tcp', sources: ['security-group:abc'] },
        { from: 443, to: 443, protocol: 'tcp' },
        { from: 8000, to: 8100, protocol: 'udp', sources: ['198.51.100.0/24'] },
      ],
      otherProtocols: ['icmp'],
    });
  });

  it('reads a rule without ports or protocol as every port of every protocol, from its ethertype', () => {
    expect(readGroupRules([rule({ protocol: null }), rule({ protocol: null, ethertype: 'IPv6' })])).toEqual({
      kind: 'firewall',
      allows: 'all',
      otherProtocols: ['all'],
    });
  });
});
