import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import { type FirewallRule, instanceSchema } from './civo-api.js';
import { listRules } from './civo-firewall.js';
import { civoIds } from './civo-ids.js';
import { readCivoTags } from './civo-tags.js';

/** The ingress rules of a firewall in `InboundRule` words; `0.0.0.0/0` is anywhere. */
export function readFirewallRules(rules: readonly FirewallRule[]): HostInbound {
  const portRules: ReadInboundRule[] = [];
  const otherProtocols: string[] = [];
  for (const rule of rules) {
    if ((rule.direction ?? 'ingress') !== 'ingress' || (rule.action ?? 'allow') !== 'allow') continue;
    const protocol = rule.protocol.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') {
      otherProtocols.push(protocol);
      continue;
    }
    const from = Number(rule.start_port || 1);
    const to = Number(rule.end_port || rule.start_port || 65535);
    const cidrs = rule.cidr ?? [];
    portRules.push({
      from,
      to,
      protocol,
      sources: cidrs.length === 0 || cidrs.includes('0.0.0.0/0') ? [ANYWHERE] : [...cidrs],
    });
  }
  return firewallInbound(portRules, otherProtocols);
}

/**
 * `inboundRules()`: the instance (one GET: a gone instance is `HostNotFoundError`), then the rules
 * of its own firewall (one GET). An instance without one is on the network's default firewall.
 * https://www.civo.com/api/firewall
 */
export function civoInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { region, instanceId } = civoIds.decode(id, 'inboundRules');
      const instance = await getIfFound(client, {
        path: `/v2/instances/${instanceId}`,
        query: { region },
        operation: 'inboundRules',
        schema: instanceSchema,
        signal: options?.signal,
      });
      if (instance === undefined)
        throw new HostNotFoundError(id, { provider: 'civo', operation: 'inboundRules' });
      const { firewallId } = readCivoTags(instance.tags ?? []);
      if (firewallId === undefined || instance.firewall_id !== firewallId) return { kind: 'cloud-default' };
      return readFirewallRules(await listRules(client, region, firewallId, 'inboundRules', options));
    },
  };
}
