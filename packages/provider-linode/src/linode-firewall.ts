import {
  type CallOptions,
  encodeManagedTags,
  MANAGED_TAG_KEYS,
  type Operation,
  ProviderApiError,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  deleteResource,
  ensureSecondaryResource,
  type JsonClient,
  type RemovalOutcome,
} from '@provision/provider-utils';
import { type Firewall, firewallPage, firewallSchema } from './linode-api.js';
import { listAll } from './linode-client.js';
import { firewallLabel, identityTag, linodeTags, MANAGED_TAG } from './linode-tags.js';

const EVERYWHERE = { ipv4: ['0.0.0.0/0'], ipv6: ['::/0'] };
// A rule's `ports` holds at most 15 pieces (a port is one, a range two).
const MAX_PIECES = 15;

/**
 * The inbound rules for a host's `inbound`: exactly those ports from anywhere, batched into as few
 * rules as the 15-piece `ports` limit allows; everything else is dropped (`inbound_policy: DROP`).
 * Outbound stays open (`outbound_policy: ACCEPT`): user-data must reach package mirrors.
 * https://techdocs.akamai.com/linode-api/reference/post-firewalls (rules)
 */
export function firewallRules(inbound: NonNullable<ResolvedHostSpec['inbound']>) {
  const wanted =
    inbound === 'all'
      ? [
          { from: 1, to: 65535, protocol: 'tcp' },
          { from: 1, to: 65535, protocol: 'udp' },
        ]
      : inbound;
  const rules: Array<{ action: 'ACCEPT'; protocol: string; ports?: string; addresses: typeof EVERYWHERE }> =
    [];
  for (const protocol of ['tcp', 'udp']) {
    let pieces: string[] = [];
    let count = 0;
    const flush = () => {
      if (pieces.length > 0)
        rules.push({
          action: 'ACCEPT',
          protocol: protocol.toUpperCase(),
          ports: pieces.join(', '),
          addresses: EVERYWHERE,
        });
      pieces = [];
      count = 0;
    };
    for (const rule of wanted.filter((candidate) => candidate.protocol === protocol)) {
      // Every port of the protocol: a rule without `ports`.
      if (rule.from === 1 && rule.to === 65535) {
        rules.push({ action: 'ACCEPT', protocol: protocol.toUpperCase(), addresses: EVERYWHERE });
        continue;
      }
      const size = rule.from === rule.to ? 1 : 2;
      if (count + size > MAX_PIECES) flush();
      pieces.push(rule.from === rule.to ? String(rule.from) : `${rule.from}-${rule.to}`);
      count += size;
    }
    flush();
  }
  return { inbound: rules, inbound_policy: 'DROP', outbound: [], outbound_policy: 'ACCEPT' } as const;
}

/**
 * The firewall's tags: managed-by, owner and identity (what `gc` and a retry read). Not the name,
 * which could pass Linode's 50 characters: the label holds the identity instead.
 */
function firewallTags(spec: ResolvedHostSpec): string[] {
  const { [MANAGED_TAG_KEYS.name]: _name, ...tags } = encodeManagedTags({
    name: spec.name,
    owner: spec.owner,
  });
  return linodeTags.encode(tags);
}

function sameRules(firewall: Firewall, wanted: ReturnType<typeof firewallRules>): boolean {
  const rules = firewall.rules;
  const normal = (list: ReadonlyArray<{ protocol: string; ports?: string | null }>) =>
    JSON.stringify(list.map((rule) => `${rule.protocol} ${rule.ports ?? ''}`).sort());
  return (
    rules?.inbound_policy === wanted.inbound_policy &&
    rules?.outbound_policy === wanted.outbound_policy &&
    normal(rules?.inbound ?? []) === normal(wanted.inbound)
  );
}

function labelTaken(error: unknown): boolean {
  return (
    ProviderApiError.isInstance(error) &&
    error.status === 400 &&
    /label/i.test(error.message) &&
    /unique/i.test(error.message)
  );
}

/** The managed firewall of `(owner, name)`, found by its label and its identity tag. */
export async function findFirewall(
  client: JsonClient,
  spec: Pick<ResolvedHostSpec, 'owner' | 'name'>,
  operation: Operation,
  options?: CallOptions,
): Promise<Firewall | undefined> {
  const found = await listAll(
    client,
    {
      path: '/v4/networking/firewalls',
      filter: { label: firewallLabel(spec.owner, spec.name) },
      operation,
      schema: firewallPage,
    },
    options,
  );
  const identity = identityTag(spec.owner, spec.name);
  return found.find((firewall) => (firewall.tags ?? []).includes(identity));
}

/**
 * The Cloud Firewall of a host, made BEFORE its Linode so the Linode is created behind it
 * (`firewall_id`) and is never reachable on a port it did not ask for, not even while it boots.
 * On provider-utils' secondary-resource policy: the label is unique per account, so a second
 * create answers 400 "Label must be unique" and the one a concurrent caller (or a lost answer) made
 * is adopted; one left by an earlier host of the same name gets this spec's rules (one request, only
 * then). Nothing to roll back: no Linode exists yet.
 */
export async function ensureFirewall(
  client: JsonClient,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<{ firewall: Firewall; created: boolean }> {
  const rules = firewallRules(spec.inbound ?? 'all');
  const { resource, created } = await ensureSecondaryResource<Firewall>({
    create: async () =>
      (
        await client.request({
          method: 'POST',
          path: '/v4/networking/firewalls',
          body: { label: firewallLabel(spec.owner, spec.name), tags: firewallTags(spec), rules },
          operation: 'provision',
          schema: firewallSchema,
          signal: options?.signal,
        })
      ).data,
    find: async () => {
      const existing = await findFirewall(client, spec, 'provision', options);
      if (existing === undefined || sameRules(existing, rules)) return existing;
      await client.request({
        method: 'PUT',
        path: `/v4/networking/firewalls/${existing.id}/rules`,
        body: rules,
        operation: 'provision',
        signal: options?.signal,
      });
      return existing;
    },
    nameTaken: labelTaken,
    signal: options?.signal,
  });
  return { firewall: resource, created };
}

/** One removal attempt of a firewall: absent once Linode answers 404. */
export function removeFirewall(
  client: JsonClient,
  firewallId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  const path = `/v4/networking/firewalls/${firewallId}`;
  return deleteResource(client, { path, operation, signal: options?.signal });
}

/** Every managed firewall (those carrying the managed tag), all pages. */
export function listManagedFirewalls(client: JsonClient, operation: Operation, options?: CallOptions) {
  return listAll(
    client,
    { path: '/v4/networking/firewalls', filter: { tags: MANAGED_TAG }, operation, schema: firewallPage },
    options,
  );
}
