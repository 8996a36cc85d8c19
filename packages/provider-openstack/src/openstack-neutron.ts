import { type CallOptions, type Operation, ProvisionError, type ResolvedHostSpec } from '@provision/core';
import {
  deleteResource,
  type HttpClient,
  hasProviderCode,
  type RemovalOutcome,
} from '@provision/provider-utils';
import {
  type FloatingIp,
  floatingIpEnvelope,
  floatingIpPage,
  type Port,
  portEnvelope,
  portPage,
  rulesAnswer,
  type SecurityGroup,
  securityGroupEnvelope,
  securityGroupPage,
} from './openstack-api.js';

/** One ingress rule as Neutron takes it. */
export interface WantedRule {
  readonly direction: 'ingress';
  readonly ethertype: 'IPv4' | 'IPv6';
  readonly protocol: 'tcp' | 'udp';
  readonly port_range_min: number;
  readonly port_range_max: number;
  readonly remote_ip_prefix: string;
}

/**
 * The ingress rules for `inbound`: each range for IPv4 and IPv6 from anywhere; `'all'` is every TCP
 * and UDP port. Neutron's groups allow nothing in but what a rule says, and every egress (the two
 * rules a new group is born with). https://docs.openstack.org/api-ref/network/v2/#security-group-rules-security-group-rules
 */
export function wantedRules(inbound: NonNullable<ResolvedHostSpec['inbound']>): WantedRule[] {
  const ranges =
    inbound === 'all'
      ? [
          { protocol: 'tcp' as const, from: 1, to: 65535 },
          { protocol: 'udp' as const, from: 1, to: 65535 },
        ]
      : inbound.map((range) => ({ protocol: range.protocol ?? 'tcp', from: range.from, to: range.to }));
  return ranges.flatMap((range) =>
    (['IPv4', 'IPv6'] as const).map((ethertype) => ({
      direction: 'ingress' as const,
      ethertype,
      protocol: range.protocol,
      port_range_min: range.from,
      port_range_max: range.to,
      remote_ip_prefix: ethertype === 'IPv4' ? '0.0.0.0/0' : '::/0',
    })),
  );
}

const ruleKey = (rule: Partial<Omit<WantedRule, 'direction'>> & { direction: string }) =>
  `${rule.direction} ${rule.ethertype} ${rule.protocol} ${rule.port_range_min}-${rule.port_range_max} ${rule.remote_ip_prefix}`;

/** Neutron's calls for a host's port, security group and floating IP. */
export class NeutronResources {
  constructor(private readonly network: HttpClient) {}

  /** The security group named `name` (the first, oldest), or undefined. */
  async groupNamed(
    name: string,
    operation: Operation,
    options?: CallOptions,
  ): Promise<SecurityGroup | undefined> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/security-groups',
      query: { name },
      operation,
      schema: securityGroupPage,
      signal: options?.signal,
    });
    return data.security_groups.find((group) => group.name === name);
  }

  /** Makes the group and its rules (one request for all rules: Neutron's bulk create). */
  async createGroup(
    name: string,
    rules: readonly WantedRule[],
    options?: CallOptions,
  ): Promise<SecurityGroup> {
    const { data } = await this.network.request({
      method: 'POST',
      path: '/security-groups',
      body: { security_group: { name, description: 'Inbound rules of one host, made by provision' } },
      operation: 'provision',
      schema: securityGroupEnvelope,
      signal: options?.signal,
    });
    try {
      await this.addRules(data.security_group.id, rules, options);
    } catch (error) {
      // Refused: a group without its rules is no use; it goes, unless the outcome is unknown.
      if (!(ProvisionError.isInstance(error) && error.retryable))
        await this.removeGroup(data.security_group.id, 'provision').catch(() => undefined);
      throw error;
    }
    return data.security_group;
  }

  /** Makes a found group's ingress rules exactly `rules` (the missing ones added, others removed). */
  async completeGroup(
    group: SecurityGroup,
    rules: readonly WantedRule[],
    options?: CallOptions,
  ): Promise<void> {
    const have = (group.security_group_rules ?? []).filter((rule) => rule.direction === 'ingress');
    const wanted = new Set(rules.map(ruleKey));
    const present = new Set(have.map((rule) => ruleKey(rule as Parameters<typeof ruleKey>[0])));
    for (const rule of have.filter(
      (candidate) => !wanted.has(ruleKey(candidate as Parameters<typeof ruleKey>[0])),
    ))
      await this.network.request({
        method: 'DELETE',
        path: `/security-group-rules/${rule.id}`,
        operation: 'provision',
        allowStatus: [404],
        signal: options?.signal,
      });
    await this.addRules(
      group.id,
      rules.filter((rule) => !present.has(ruleKey(rule))),
      options,
    );
  }

  private async addRules(
    groupId: string,
    rules: readonly WantedRule[],
    options?: CallOptions,
  ): Promise<void> {
    if (rules.length === 0) return;
    await this.network.request({
      method: 'POST',
      path: '/security-group-rules',
      body: { security_group_rules: rules.map((rule) => ({ ...rule, security_group_id: groupId })) },
      operation: 'provision',
      schema: rulesAnswer,
      signal: options?.signal,
    });
  }

  /** The port named `name`, or undefined. */
  async portNamed(name: string, operation: Operation, options?: CallOptions): Promise<Port | undefined> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/ports',
      query: { name },
      operation,
      schema: portPage,
      signal: options?.signal,
    });
    return data.ports.find((port) => port.name === name);
  }

  /** Makes the host's port on `networkId`, in `groupId` when given (else the project's `default` group). */
  async createPort(
    name: string,
    networkId: string,
    groupId: string | undefined,
    options?: CallOptions,
  ): Promise<Port> {
    const { data } = await this.network.request({
      method: 'POST',
      path: '/ports',
      body: {
        port: {
          name,
          network_id: networkId,
          ...(groupId === undefined ? {} : { security_groups: [groupId] }),
        },
      },
      operation: 'provision',
      schema: portEnvelope,
      signal: options?.signal,
    });
    return data.port;
  }

  /** The floating IP on `portId`, or undefined. */
  async floatingIpOf(
    portId: string,
    operation: Operation,
    options?: CallOptions,
  ): Promise<FloatingIp | undefined> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/floatingips',
      query: { port_id: portId },
      operation,
      schema: floatingIpPage,
      signal: options?.signal,
    });
    return data.floatingips[0];
  }

  /** The floating IP with this address, or undefined. */
  async floatingIpAt(
    address: string,
    operation: Operation,
    options?: CallOptions,
  ): Promise<FloatingIp | undefined> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/floatingips',
      query: { floating_ip_address: address },
      operation,
      schema: floatingIpPage,
      signal: options?.signal,
    });
    return data.floatingips.find((candidate) => candidate.floating_ip_address === address);
  }

  /** Allocates a floating IP on `networkId` and associates it with `portId` in the same request. */
  async createFloatingIp(
    networkId: string,
    portId: string,
    description: string,
    options?: CallOptions,
  ): Promise<FloatingIp> {
    const { data } = await this.network.request({
      method: 'POST',
      path: '/floatingips',
      body: { floatingip: { floating_network_id: networkId, port_id: portId, description } },
      operation: 'provision',
      schema: floatingIpEnvelope,
      signal: options?.signal,
    });
    return data.floatingip;
  }

  /** The port holding `address` as a fixed IP, or undefined. */
  async portAt(address: string, operation: Operation, options?: CallOptions): Promise<Port | undefined> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/ports',
      query: { fixed_ips: `ip_address=${address}` },
      operation,
      schema: portPage,
      signal: options?.signal,
    });
    return data.ports.find((port) => port.fixed_ips?.some((ip) => ip.ip_address === address));
  }

  /** Every port of the project (for the orphan scan: which groups a port still uses). */
  async ports(operation: Operation, options?: CallOptions): Promise<Port[]> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/ports',
      operation,
      schema: portPage,
      signal: options?.signal,
    });
    return data.ports;
  }

  async groups(operation: Operation, options?: CallOptions): Promise<SecurityGroup[]> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/security-groups',
      operation,
      schema: securityGroupPage,
      signal: options?.signal,
    });
    return data.security_groups;
  }

  async floatingIps(operation: Operation, options?: CallOptions): Promise<FloatingIp[]> {
    const { data } = await this.network.request({
      method: 'GET',
      path: '/floatingips',
      operation,
      schema: floatingIpPage,
      signal: options?.signal,
    });
    return data.floatingips;
  }

  removeFloatingIp(id: string, operation: Operation, options?: CallOptions): Promise<RemovalOutcome> {
    return deleteResource(this.network, { path: `/floatingips/${id}`, operation, signal: options?.signal });
  }

  removePort(id: string, operation: Operation, options?: CallOptions): Promise<RemovalOutcome> {
    return deleteResource(this.network, { path: `/ports/${id}`, operation, signal: options?.signal });
  }

  /** One removal attempt of a group: in use (409 `SecurityGroupInUse`) while a port is in it. */
  removeGroup(id: string, operation: Operation, options?: CallOptions): Promise<RemovalOutcome> {
    return deleteResource(this.network, {
      path: `/security-groups/${id}`,
      operation,
      inUse: (error) => hasProviderCode(error, 'SecurityGroupInUse'),
      signal: options?.signal,
    });
  }
}
