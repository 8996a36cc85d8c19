import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import {
  API_VERSIONS,
  networkSecurityGroup,
  resourcePaths,
  type SecurityRule,
  virtualMachine,
} from './azure-api.js';
import { azureIds } from './azure-ids.js';
import { RESOURCE_NAMES } from './azure-names.js';

// Sources that mean "the internet": any address, or the `Internet` service tag.
const OUTSIDE = new Set(['*', 'internet', '0.0.0.0/0', '::/0']);

/** A rule's sources in `InboundRule` words; `undefined` when none of them is outside Azure's own networks. */
function sourcesOf(rule: SecurityRule): string[] | undefined {
  const given = [
    rule.properties.sourceAddressPrefix,
    ...(rule.properties.sourceAddressPrefixes ?? []),
  ].filter((source): source is string => typeof source === 'string' && source !== '');
  if (given.some((source) => OUTSIDE.has(source.toLowerCase()))) return [ANYWHERE];
  // Service tags (`VirtualNetwork`, `AzureLoadBalancer`) are Azure's own traffic, not the internet.
  const prefixes = given.filter((source) => /^[\d.:a-f]+(\/\d+)?$/i.test(source));
  return prefixes.length === 0 ? undefined : prefixes;
}

/** `*`, one port `"80"` or a range `"80-85"`; anything else reads as every port, the wider reading. */
function rangesOf(rule: SecurityRule): { from: number; to: number }[] {
  const given = [
    rule.properties.destinationPortRange,
    ...(rule.properties.destinationPortRanges ?? []),
  ].filter((port): port is string => typeof port === 'string' && port !== '');
  return (given.length === 0 ? ['*'] : given).map((port) => {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(port);
    if (match === null) return { from: 1, to: 65535 };
    const from = Number(match[1]);
    return { from, to: Number(match[2] ?? from) };
  });
}

/**
 * `inboundRules()`: the VM (a gone VM is `HostNotFoundError`), then the host's network security
 * group (`nsg` in its group, on its NIC). Without one, Azure's default for a Standard public IP
 * applies: nothing comes in. Only the group's own `Allow` rules from the internet are read (its
 * default rules admit Azure's own networks only); `Deny` rules are not subtracted, so the answer
 * never hides an open port. https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
 */
export function azureInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { subscription, group, vm } = azureIds.decode(id, 'inboundRules');
      const paths = resourcePaths(subscription, group);
      const signal = options?.signal;
      const found = await getIfFound(client, {
        path: paths.virtualMachine(vm),
        query: { 'api-version': API_VERSIONS.compute },
        operation: 'inboundRules',
        schema: virtualMachine,
        signal,
      });
      if (found === undefined)
        throw new HostNotFoundError(id, { provider: 'azure', operation: 'inboundRules' });
      const nsg = await getIfFound(client, {
        path: paths.networkSecurityGroup(RESOURCE_NAMES.securityGroup),
        query: { 'api-version': API_VERSIONS.network },
        operation: 'inboundRules',
        schema: networkSecurityGroup,
        signal,
      });
      if (nsg === undefined) return { kind: 'cloud-default' };
      const rules: ReadInboundRule[] = [];
      const otherProtocols: string[] = [];
      for (const rule of nsg.properties?.securityRules ?? []) {
        const { direction, access, protocol } = rule.properties;
        const sources = sourcesOf(rule);
        if (direction !== 'Inbound' || access !== 'Allow' || sources === undefined) continue;
        const name = protocol.toLowerCase();
        const protocols: ('tcp' | 'udp')[] =
          name === '*' ? ['tcp', 'udp'] : name === 'tcp' || name === 'udp' ? [name] : [];
        if (protocols.length === 0 || name === '*')
          otherProtocols.push(...(name === '*' ? ['icmp', 'esp', 'ah'] : [name]));
        for (const each of protocols)
          for (const range of rangesOf(rule)) rules.push({ ...range, protocol: each, sources });
      }
      return firewallInbound(rules, otherProtocols);
    },
  };
}
