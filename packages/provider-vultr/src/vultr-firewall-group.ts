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
} from '@provision/provider-utils';
import {
  type FirewallGroup,
  type FirewallRule,
  groupEnvelope,
  groupSchema,
  ruleSchema,
} from './vultr-api.js';
import { listAll } from './vultr-client.js';
import { groupDescription } from './vultr-tags.js';

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

/**
 * The per-host firewall groups, on the shared secondary-resource policy. A group is made, with
 * its rules, BEFORE its instance, and the instance is created inside it (`firewall_group_id`), so
 * no instance is ever reachable on ports it did not ask for. Vultr does not keep descriptions
 * unique and has no idempotency token, so a retry finds a group by listing: a group with the
 * host's description (its identity) that no instance uses is this host's, left by an earlier
 * attempt (an aborted call, a lost answer, a racing caller); it is completed and adopted.
 */
export class HostGroups {
  constructor(
    private readonly client: JsonClient,
    private readonly logger: Logger,
  ) {}

  /** The group for `spec`, found or made, with exactly its rules; `created` when this call made it. */
  async ensure(
    spec: ResolvedHostSpec,
    options?: CallOptions,
  ): Promise<{ group: FirewallGroup; created: boolean }> {
    const rules = wantedRules(spec.inbound ?? 'all');
    const find = () => this.#findUnused(spec, rules, options);
    const existing = await find();
    if (existing !== undefined) return { group: existing, created: false };
    let made: string | undefined;
    const { resource, created } = await ensureSecondaryResource<FirewallGroup>({
      create: async () => {
        const { data } = await this.client.request({
          method: 'POST',
          path: '/v2/firewalls',
          body: { description: groupDescription(spec.owner, spec.name) },
          operation: 'provision',
          schema: groupEnvelope,
          signal: options?.signal,
        });
        made = data.firewall_group.id;
        await this.#addRules(made, rules, options);
        return data.firewall_group;
      },
      find,
      // A refused rule: the group is incomplete and no instance uses it yet; it goes.
      rollback: async () => {
        if (made !== undefined) await this.remove(made);
      },
      signal: options?.signal,
    });
    return { group: resource, created };
  }

  /** Removes a group this provision made and no longer needs, without the caller's signal. */
  async remove(groupId: string): Promise<void> {
    await removeGroup(this.client, groupId, 'provision').catch((error: unknown) =>
      this.logger.warn('could not delete a firewall group; orphans() finds it', {
        provider: 'vultr',
        groupId,
        error: (error as Error).name,
      }),
    );
  }

  async #findUnused(
    spec: ResolvedHostSpec,
    rules: readonly WantedRule[],
    options?: CallOptions,
  ): Promise<FirewallGroup | undefined> {
    const description = groupDescription(spec.owner, spec.name);
    const group = (await listGroups(this.client, 'provision', options)).find(
      (candidate) => candidate.description === description && (candidate.instance_count ?? 0) === 0,
    );
    if (group === undefined) return undefined;
    await this.#complete(group.id, rules, options);
    return group;
  }

  /** Makes a found group's rules exactly `rules`: the missing added, any others removed. */
  async #complete(groupId: string, rules: readonly WantedRule[], options?: CallOptions): Promise<void> {
    const path = `/v2/firewalls/${groupId}/rules`;
    const listing = { path, key: 'firewall_rules', item: ruleSchema, operation: 'provision' } as const;
    const have = await listAll(this.client, listing, options);
    const wanted = new Set(rules.map(keyOf));
    const present = new Set(have.map(keyOf));
    for (const rule of have.filter((candidate) => !wanted.has(keyOf(candidate))))
      await this.client.request({
        method: 'DELETE',
        path: `/v2/firewalls/${groupId}/rules/${rule.id}`,
        operation: 'provision',
        allowStatus: [404],
        signal: options?.signal,
      });
    await this.#addRules(
      groupId,
      rules.filter((rule) => !present.has(keyOf(rule))),
      options,
    );
  }

  // One request per rule (the API takes one at a time), in order, under the shared limiter.
  async #addRules(groupId: string, rules: readonly WantedRule[], options?: CallOptions): Promise<void> {
    for (const rule of rules)
      await this.client.request({
        method: 'POST',
        path: `/v2/firewalls/${groupId}/rules`,
        body: rule,
        operation: 'provision',
        signal: options?.signal,
      });
  }
}
