import {
  ANYWHERE,
  type CallOptions,
  firewallInbound,
  type HostInbound,
  HostNotFoundError,
  type ReadInboundRule,
} from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { dropletEnvelope, type Firewall } from './digitalocean-api.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { listFirewalls } from './digitalocean-listing.js';

type Rule = NonNullable<Firewall['inbound_rules']>[number];

const IPV4_ANYWHERE = '0.0.0.0/0';
const IPV6_ANYWHERE = '::/0';

// https://docs.digitalocean.com/reference/api/digitalocean/#operation/firewalls_get
// `sources` name addresses (IPs and CIDRs), Droplets, load balancers, Kubernetes clusters and tags.
const SOURCE_KINDS = [
  ['droplet_ids', 'droplet'],
  ['load_balancer_uids', 'load-balancer'],
  ['kubernetes_ids', 'kubernetes'],
  ['tags', 'tag'],
] as const;

/** A rule's sources in `InboundRule` words: `undefined` when both address families' "anywhere" are there. */
function sourcesOf(rule: Rule): string[] | undefined {
  const sources = rule.sources ?? {};
  const addresses = Array.isArray(sources.addresses) ? sources.addresses.map(String) : [];
  if (addresses.includes(IPV4_ANYWHERE) && addresses.includes(IPV6_ANYWHERE)) return undefined;
  const others = SOURCE_KINDS.flatMap(([field, kind]) => {
    const values = sources[field];
    return Array.isArray(values) ? values.map((value) => `${kind}:${String(value)}`) : [];
  });
  return [...addresses, ...others];
}

/** `ports` is a port, a range `"8000-9000"`, or `"0"` (older answers: `"all"`) for every port. */
function portsOf(ports: string | null | undefined): { from: number; to: number } {
  if (ports === undefined || ports === null || ports === '' || ports === '0' || ports === 'all')
    return { from: 1, to: 65535 };
  const [from = 0, to = from] = ports.split('-').map(Number);
  return { from, to };
}

/** Which firewalls guard the droplet: by its id, or by one of its tags (how DigitalOcean applies them). */
function guards(firewall: Firewall, dropletId: number, tags: readonly string[]): boolean {
  if ((firewall.droplet_ids ?? []).includes(dropletId)) return true;
  return (firewall.tags ?? []).some((tag) => tags.includes(tag));
}

/**
 * `inboundRules()`: the droplet (one GET: a gone droplet is `HostNotFoundError`), then every
 * firewall of the account (one request per 200; the API cannot ask which firewalls guard a
 * droplet), and the inbound rules of those that guard it, by id or by tag. A droplet no firewall
 * guards is on DigitalOcean's default networking, which lets everything in.
 */
export function digitaloceanInboundRules(client: JsonClient) {
  return {
    async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
      const { dropletId } = digitaloceanIds.decode(id, 'inboundRules');
      const response = await client.request({
        method: 'GET',
        path: `/v2/droplets/${dropletId}`,
        operation: 'inboundRules',
        schema: dropletEnvelope,
        allowStatus: [404],
        signal: options?.signal,
      });
      if (response.status === 404)
        throw new HostNotFoundError(id, { provider: 'digitalocean', operation: 'inboundRules' });
      const droplet = response.data.droplet;
      const firewalls = (await listFirewalls(client, 'inboundRules', options)).filter((firewall) =>
        guards(firewall, droplet.id, droplet.tags ?? []),
      );
      if (firewalls.length === 0) return { kind: 'cloud-default' };
      const rules = firewalls.flatMap((firewall) => firewall.inbound_rules ?? []);
      const portRules: ReadInboundRule[] = [];
      const otherProtocols: string[] = [];
      for (const rule of rules) {
        const protocol = rule.protocol.toLowerCase();
        if (protocol !== 'tcp' && protocol !== 'udp') {
          otherProtocols.push(protocol);
          continue;
        }
        const sources = sourcesOf(rule);
        portRules.push({ ...portsOf(rule.ports), protocol, sources: sources ?? [ANYWHERE] });
      }
      return firewallInbound(portRules, otherProtocols);
    },
  };
}
