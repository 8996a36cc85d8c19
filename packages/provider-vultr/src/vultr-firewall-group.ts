import {
  type CallOptions,
  type Logger,
  type Operation,
  ProvisionError,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  deleteResource,
  ensureSecondaryResource,
  type JsonClient,
  type RemovalOutcome,
  type RestHostFirewall,
  type SecondaryRef,
} from '@provision/provider-utils';
import { vultrHosts } from './map-vultr-instance.js';
import {
  type FirewallGroup,
  type FirewallRule,
  groupEnvelope,
  groupSchema,
  type Instance,
  ruleSchema,
} from './vultr-api.js';
import { listAll } from './vultr-client.js';
import { vultrIds } from './vultr-ids.js';
import { groupDescription, groupDescriptions } from './vultr-tags.js';

/** One rule as Vultr takes it: `port` is "80" or "8000:9000"; from anywhere of one IP version. */
export interface WantedRule {
  readonly ip_type: 'v4' | 'v6';
  readonly protocol: string;
  readonly port: string;
  readonly subnet: string;
  readonly subnet_size: 0;
}

const ANYWHERE = [
  { ip_type: 'v4', subnet: '0.0.0.0' },
  { ip_type: 'v6', subnet: '::' },
] as const;

/**
 * The rules for `inbound`: each port range for IPv4 and IPv6 (hosts get both), `'all'` as every
 * TCP and UDP port. A Vultr group filters inbound traffic only; outbound is always open.
 * https://www.vultr.com/api/#operation/post-firewalls-firewall-group-id-rules
 */
export function wantedRules(inbound: NonNullable<ResolvedHostSpec['inbound']>): WantedRule[] {
  const ranges =
    inbound === 'all'
      ? [
          { protocol: 'tcp', from: 1, to: 65535 },
          { protocol: 'udp', from: 1, to: 65535 },
        ]
      : inbound;
  return ranges.flatMap((range) =>
    ANYWHERE.map((where) => ({
      ...where,
      protocol: range.protocol ?? 'tcp',
      port: range.from === range.to ? String(range.from) : `${range.from}:${range.to}`,
      subnet_size: 0 as const,
    })),
  );
}

const keyOf = (rule: Pick<FirewallRule, 'ip_type' | 'protocol' | 'port' | 'subnet' | 'subnet_size'>) =>
  `${rule.ip_type} ${rule.protocol} ${rule.port ?? ''} ${rule.subnet ?? ''}/${rule.subnet_size ?? 0}`;

/** Every firewall group of the account (the API has no filter). */
export function listGroups(client: JsonClient, operation: Operation, options?: CallOptions) {
  return listAll(
    client,
    { path: '/v2/firewalls', key: 'firewall_groups', item: groupSchema, operation },
    options,
  );
}

/** One removal attempt of a group: absent on 404, in use while an instance still sits in it. */
export function removeGroup(
  client: JsonClient,
  groupId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  return deleteResource(client, {
    path: `/v2/firewalls/${groupId}`,
    operation,
    inUse: (error) =>
      ProvisionError.isInstance(error) &&
      (error as { status?: number }).status === 400 &&
      /in use|attached|instances/i.test(error.message),
    signal: options?.signal,
  });
}

/** A firewall group as the REST kit holds it. */
const groupAt = (groupId: string): SecondaryRef => ({ kind: 'firewall group', id: groupId });

/** The group an instance or a host id names, if any. */
export const groupRef = (groupId: string | null | undefined): SecondaryRef | undefined =>
  groupId ? groupAt(groupId) : undefined;

/**
 * The host's firewall group for the REST kit (see `RestHostFirewall`), made with its rules BEFORE
 * its instance, which is created inside it (`firewall_group_id`), so no instance is ever
 * reachable on ports it did not ask for. Vultr does not keep descriptions unique and has no
 * idempotency token, so a retry finds a group by listing: a group with the host's description
 * (its identity) that no instance uses is this host's, left by an earlier attempt (an aborted
 * call, a lost answer, a racing caller); it is completed and adopted. By IP, the call that
 * destroys the instance first gives its group the address in its description (`released <ip>`),
 * so later calls, which no longer find the address on any instance, find the group by listing.
 */
export function vultrHostFirewall(client: JsonClient, logger: Logger): RestHostFirewall<Instance, undefined> {
  return {
    kind: 'firewall group',
    async ensure(spec, _prepared, options) {
      const rules = wantedRules(spec.inbound ?? 'all');
      const find = () => findUnused(client, spec, rules, options);
      const existing = await find();
      if (existing !== undefined) return { ref: groupAt(existing.id), created: false };
      let made: string | undefined;
      const { resource, created } = await ensureSecondaryResource<FirewallGroup>({
        create: async () => {
          const { data } = await client.request({
            method: 'POST',
            path: '/v2/firewalls',
            body: { description: groupDescription(spec.owner, spec.name) },
            operation: 'provision',
            schema: groupEnvelope,
            signal: options?.signal,
          });
          made = data.firewall_group.id;
          await addRules(client, made, rules, options);
          return data.firewall_group;
        },
        find,
        // A refused rule: the group is incomplete and no instance uses it yet; it goes, without
        // the caller's signal. A failed removal is logged, never thrown: the refusal is the error.
        rollback: async () => {
          const groupId = made;
          if (groupId === undefined) return;
          await removeGroup(client, groupId, 'provision').catch((error: unknown) =>
            logger.warn('could not delete a firewall group; orphans() finds it', {
              provider: 'vultr',
              groupId,
              error: (error as Error).name,
            }),
          );
        },
        signal: options?.signal,
      });
      return { ref: groupAt(resource.id), created };
    },
    named: (id) => groupRef(vultrIds.decode(id, 'delete').groupId),
    of: (instance) => groupRef(instance.firewall_group_id),
    remove: (group, operation, options) => removeGroup(client, group.id, operation, options),
    async release({ machine }, group, ip, options) {
      const host = vultrHosts.toHost(machine);
      await client.request({
        method: 'PUT',
        path: `/v2/firewalls/${group.id}`,
        body: { description: groupDescription(host.owner, host.name, ip) },
        operation: 'delete',
        signal: options?.signal,
      });
    },
    async releasedFor(ip, options) {
      const groups = await listGroups(client, 'delete', options);
      return groups
        .filter((group) => groupDescriptions.parse(group.description ?? undefined)?.ip === ip)
        .map((group) => groupAt(group.id));
    },
  };
}

/** The group with the host's description that no instance uses, its rules made exactly `rules`. */
async function findUnused(
  client: JsonClient,
  spec: ResolvedHostSpec,
  rules: readonly WantedRule[],
  options?: CallOptions,
): Promise<FirewallGroup | undefined> {
  const description = groupDescription(spec.owner, spec.name);
  const group = (await listGroups(client, 'provision', options)).find(
    (candidate) => candidate.description === description && (candidate.instance_count ?? 0) === 0,
  );
  if (group === undefined) return undefined;
  await complete(client, group.id, rules, options);
  return group;
}

/** Makes a found group's rules exactly `rules`: the missing added, any others removed. */
async function complete(
  client: JsonClient,
  groupId: string,
  rules: readonly WantedRule[],
  options?: CallOptions,
): Promise<void> {
  const path = `/v2/firewalls/${groupId}/rules`;
  const listing = { path, key: 'firewall_rules', item: ruleSchema, operation: 'provision' } as const;
  const have = await listAll(client, listing, options);
  const wanted = new Set(rules.map(keyOf));
  const present = new Set(have.map(keyOf));
  for (const rule of have.filter((candidate) => !wanted.has(keyOf(candidate))))
    await client.request({
      method: 'DELETE',
      path: `/v2/firewalls/${groupId}/rules/${rule.id}`,
      operation: 'provision',
      allowStatus: [404],
      signal: options?.signal,
    });
  await addRules(
    client,
    groupId,
    rules.filter((rule) => !present.has(keyOf(rule))),
    options,
  );
}

// One request per rule (the API takes one at a time), in order, under the shared limiter.
async function addRules(
  client: JsonClient,
  groupId: string,
  rules: readonly WantedRule[],
  options?: CallOptions,
): Promise<void> {
  for (const rule of rules)
    await client.request({
      method: 'POST',
      path: `/v2/firewalls/${groupId}/rules`,
      body: rule,
      operation: 'provision',
      signal: options?.signal,
    });
}
