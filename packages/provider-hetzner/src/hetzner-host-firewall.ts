import { type CallOptions, MANAGED_TAG_KEYS, type Operation, type ResolvedHostSpec } from '@provision/core';
import {
  deleteResource,
  ensureSecondaryResource,
  hasProviderCode,
  type JsonClient,
  type RemovalOutcome,
  type RestHostFirewall,
  readHostTags,
  type SecondaryRef,
} from '@provision/provider-utils';
import { type Firewall, firewallEnvelope, type Server } from './hetzner-api.js';
import { hetznerIds } from './hetzner-ids.js';
import { firewallFor, IPV4_LABEL, labelSelector, managedSelector } from './hetzner-labels.js';
import { listFirewalls } from './hetzner-listing.js';
import { firewallIdOf } from './map-hetzner-server.js';

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

// Rules as Hetzner answers them, in a form two rule lists compare by.
function ruleKeys(rules: ReadonlyArray<{ direction: string; protocol: string; port?: string | null }>) {
  return JSON.stringify(rules.map((rule) => `${rule.direction} ${rule.protocol} ${rule.port ?? ''}`).sort());
}

/**
 * One removal attempt of a firewall: absent once Hetzner answers 404; `resource_in_use` while it
 * is still applied to a server (one being deleted, or one made behind it since).
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
 * The firewall of `spec`, made BEFORE its server (no `apply_to`: the server's create names it in
 * `firewalls`, so the server is behind it from its first boot), or the one a concurrent caller or
 * a lost answer made: firewall names are unique per project, so a second create answers
 * `uniqueness_error`. A same-named firewall of this host is adopted when it guards a server (the
 * host of a repeat) or holds exactly these rules (a racer's, an earlier attempt's); one that
 * guards nothing with other rules (the orphan of a deleted host) is reclaimed. Nothing to roll
 * back: no server exists yet.
 */
export async function ensureFirewall(
  client: JsonClient,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<{ firewall: Firewall; created: boolean }> {
  const { name, labels } = firewallFor(spec, undefined);
  const rules = firewallRules(spec.inbound ?? 'all');
  const ours = (firewall: Firewall) =>
    firewall.name === name &&
    firewall.labels?.[MANAGED_TAG_KEYS.identity] === labels[MANAGED_TAG_KEYS.identity];
  let listed: readonly Firewall[] = [];
  const { resource, created } = await ensureSecondaryResource<Firewall>({
    create: async () => {
      const { data } = await client.request({
        method: 'POST',
        path: '/firewalls',
        body: { name, labels, rules },
        operation: 'provision',
        schema: firewallEnvelope,
        signal: options?.signal,
      });
      return data.firewall;
    },
    find: async () => {
      listed = (await listFirewalls(client, { name }, 'provision', options)).filter(ours);
      return listed.find(
        (firewall) => appliedTo(firewall).length > 0 || ruleKeys(firewall.rules ?? []) === ruleKeys(rules),
      );
    },
    nameTaken: (error) => hasProviderCode(error, 'uniqueness_error'),
    reclaim: async () => {
      const orphan = listed.find((firewall) => appliedTo(firewall).length === 0);
      if (orphan === undefined) return false;
      return (await removeFirewall(client, orphan.id, 'provision', options)) !== 'in-use';
    },
    signal: options?.signal,
  });
  return { firewall: resource, created };
}

const firewallRef = (id: number | string | undefined): SecondaryRef | undefined =>
  id === undefined ? undefined : { kind: 'firewall', id: String(id) };

/**
 * The host's firewall for the kit's policy (see `RestHostFirewall`): made before the server
 * (`ensureFirewall`), named by the host id and by the server's `public_net.firewalls`. The server
 * goes first; its firewall only once the server is gone (Hetzner answers `resource_in_use` before
 * that). By IP, the call that deletes the server first labels its firewall with the server's
 * IPv4 (`provision-ipv4`), so later calls, which no longer find the address on any server, find
 * the firewall by that label.
 */
export function hetznerHostFirewall(client: JsonClient): RestHostFirewall<Server, undefined> {
  return {
    kind: 'firewall',
    async ensure(spec, _prepared, options) {
      const { firewall, created } = await ensureFirewall(client, spec, options);
      return { ref: { kind: 'firewall', id: String(firewall.id) }, created };
    },
    named: (id) => firewallRef(hetznerIds.decode(id, 'delete').firewallId),
    of: (server) => firewallRef(firewallIdOf(server)),
    remove: (firewall, operation, options) => removeFirewall(client, firewall.id, operation, options),
    async release(found, firewall, _ip, options) {
      const ipv4 = found.machine.public_net?.ipv4?.ip ?? undefined;
      const { managed } = readHostTags(found.machine.labels ?? {});
      if (ipv4 === undefined || managed === undefined) return;
      // The update replaces the labels: the managed ones are sent again with the address.
      await client.request({
        method: 'PUT',
        path: `/firewalls/${firewall.id}`,
        body: { labels: firewallFor(managed, ipv4).labels },
        operation: 'delete',
        allowStatus: [404],
        signal: options?.signal,
      });
    },
    async releasedFor(ip, options) {
      // Label values allow digits and dots: an IPv4 fits, an IPv6 does not (and is never written).
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return [];
      const selector = `${managedSelector()},${labelSelector({ [IPV4_LABEL]: ip })}`;
      const firewalls = await listFirewalls(client, { label_selector: selector }, 'delete', options);
      return firewalls.map((firewall) => ({ kind: 'firewall', id: String(firewall.id) }));
    },
  };
}
