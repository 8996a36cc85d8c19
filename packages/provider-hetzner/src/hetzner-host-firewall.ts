import { type CallOptions, MANAGED_TAG_KEYS, type Operation, type ResolvedHostSpec } from '@provision/core';
import {
  deleteResource,
  ensureSecondaryResource,
  hasProviderCode,
  type JsonClient,
  type RemovalOutcome,
} from '@provision/provider-utils';
import { type Firewall, firewallEnvelope } from './hetzner-api.js';
import { firewallFor } from './hetzner-labels.js';
import { listFirewalls } from './hetzner-listing.js';

const EVERYWHERE = ['0.0.0.0/0', '::/0'];

/**
 * Inbound rules for a host's `inbound`: exactly those ports from anywhere. No outbound rules: a
 * Hetzner firewall without any lets all outbound traffic through (package installs keep working).
 * `port` is one port or a range "80-85". https://docs.hetzner.cloud/reference/cloud#firewalls
 */
export function firewallRules(inbound: NonNullable<ResolvedHostSpec['inbound']>) {
  const rules =
    inbound === 'all'
      ? (['tcp', 'udp'] as const).map((protocol) => ({ protocol, from: 1, to: 65535 }))
      : inbound;
  return rules.map((rule) => ({
    direction: 'in' as const,
    protocol: rule.protocol,
    port: rule.from === rule.to ? String(rule.from) : `${rule.from}-${rule.to}`,
    source_ips: EVERYWHERE,
  }));
}

function appliedTo(firewall: Firewall): number[] {
  return (firewall.applied_to ?? []).flatMap((entry) => (entry.server ? [entry.server.id] : []));
}

/**
 * One removal attempt of a firewall: absent once Hetzner answers 404; `resource_in_use` while it
 * is still applied to a server that is being deleted.
 */
export function removeFirewall(
  client: JsonClient,
  firewallId: number | string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  const inUse = (error: unknown) => hasProviderCode(error, 'resource_in_use');
  return deleteResource(client, {
    path: `/firewalls/${firewallId}`,
    operation,
    inUse,
    signal: options?.signal,
  });
}

/**
 * Puts `serverId` behind the firewall of `spec` (created with `apply_to`, one request), or finds
 * the one a concurrent caller or a lost answer made: firewall names are unique per project, so
 * a second create answers `uniqueness_error`. A same-named firewall that guards nothing (the
 * orphan of a deleted host) is reclaimed. `rollback` undoes the server when the cloud refuses.
 */
export async function ensureFirewall(
  client: JsonClient,
  spec: ResolvedHostSpec,
  serverId: number,
  ipv4: string | undefined,
  options: CallOptions | undefined,
  rollback?: () => Promise<void>,
): Promise<Firewall> {
  const { name, labels } = firewallFor(spec, ipv4);
  let listed: readonly Firewall[] = [];
  const { resource } = await ensureSecondaryResource<Firewall>({
    create: async () => {
      const { data } = await client.request({
        method: 'POST',
        path: '/firewalls',
        body: {
          name,
          labels,
          rules: firewallRules(spec.inbound ?? 'all'),
          apply_to: [{ type: 'server', server: { id: serverId } }],
        },
        operation: 'provision',
        schema: firewallEnvelope,
        signal: options?.signal,
      });
      return data.firewall;
    },
    find: async () => {
      listed = await listFirewalls(client, { name }, 'provision', options);
      return listed.find((firewall) => appliedTo(firewall).includes(serverId));
    },
    nameTaken: (error) => hasProviderCode(error, 'uniqueness_error'),
    reclaim: async () => {
      const orphan = listed.find(
        (firewall) =>
          appliedTo(firewall).length === 0 &&
          firewall.labels?.[MANAGED_TAG_KEYS.identity] === labels[MANAGED_TAG_KEYS.identity],
      );
      if (orphan === undefined) return false;
      return (await removeFirewall(client, orphan.id, 'provision', options)) !== 'in-use';
    },
    ...(rollback === undefined ? {} : { rollback }),
    signal: options?.signal,
  });
  return resource;
}
