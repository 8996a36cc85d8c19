import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { getIfFound } from '@provision/provider-utils';
import { type SecurityGroupRule, securityGroupEnvelope } from './openstack-api.js';
import { openstackIds, RESOURCE_KEYS } from './openstack-ids.js';
import { serverIfAny } from './openstack-servers.js';
import type { OpenStackSession } from './openstack-session.js';

const IPV4_ANYWHERE = '0.0.0.0/0';
const IPV6_ANYWHERE = '::/0';

/**
 * A group's ingress rules in `InboundRule` words. Neutron keeps one rule per ethertype, so the
 * rules of one protocol and range are joined first: `0.0.0.0/0` with `::/0` is anywhere. A rule
 * without a prefix admits anyone of its ethertype; one naming a group admits that group's ports
 * (`security-group:<id>`). A rule without a protocol lets every IP protocol in.
 */
export function readGroupRules(rules: readonly SecurityGroupRule[]): HostInbound {
  const byRange = new Map<
    string,
    { from: number; to: number; protocol: 'tcp' | 'udp'; sources: Set<string> }
  >();
  const otherProtocols = new Set<string>();
  const add = (protocol: 'tcp' | 'udp', from: number, to: number, source: string) => {
    const key = `${protocol} ${from}-${to}`;
    const entry = byRange.get(key) ?? { from, to, protocol, sources: new Set<string>() };
    entry.sources.add(source);
    byRange.set(key, entry);
  };
  for (const rule of rules) {
    if (rule.direction !== 'ingress') continue;
    const source = rule.remote_group_id
      ? `security-group:${rule.remote_group_id}`
      : (rule.remote_ip_prefix ?? (rule.ethertype === 'IPv6' ? IPV6_ANYWHERE : IPV4_ANYWHERE));
    const protocol = rule.protocol?.toLowerCase() ?? null;
    const from = rule.port_range_min ?? 1;
    const to = rule.port_range_max ?? 65535;
    if (protocol === null || protocol === 'any') {
      otherProtocols.add('all');
      add('tcp', 1, 65535, source);
      add('udp', 1, 65535, source);
    } else if (protocol === 'tcp' || protocol === 'udp' || protocol === '6' || protocol === '17') {
      add(protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol, from, to, source);
    } else otherProtocols.add(protocol);
  }
  const portRules: ReadInboundRule[] = [...byRange.values()].map(({ sources, ...range }) => ({
    ...range,
    sources: sources.has(IPV4_ANYWHERE) && sources.has(IPV6_ANYWHERE) ? [ANYWHERE] : [...sources],
  }));
  return firewallInbound(portRules, [...otherProtocols]);
}

/**
 * `inboundRules()`: the server (a gone one is `HostNotFoundError`), then the host's own security
 * group with its rules (one GET). A host provisioned without `inbound` sits in the project's
 * `default` group, the cloud's default networking.
 * https://docs.openstack.org/api-ref/network/v2/#show-security-group
 */
export function openstackInboundRules(session: OpenStackSession) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const parts = openstackIds.decode(id, 'inboundRules');
      const clients = await session.clients(parts.region);
      const server = await serverIfAny(clients.compute, parts.serverId, 'inboundRules', options);
      if (server === undefined)
        throw new HostNotFoundError(id, { provider: 'openstack', operation: 'inboundRules' });
      const groupId = server.metadata?.[RESOURCE_KEYS.securityGroup] ?? parts.securityGroupId;
      if (groupId === undefined) return { kind: 'cloud-default' };
      const found = await getIfFound(clients.network, {
        path: `/security-groups/${groupId}`,
        operation: 'inboundRules',
        schema: securityGroupEnvelope,
        signal: options?.signal,
      });
      return readGroupRules(found?.security_group.security_group_rules ?? []);
    },
  };
}
