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
import { groupEnvelope, groupPage, type SecurityGroup } from './scaleway-api.js';
import { listAll } from './scaleway-client.js';
import { groupFor, identityTag, MANAGED_TAG } from './scaleway-tags.js';

/** One inbound rule as `PUT .../security_groups/{id}/rules` takes it. */
export interface WantedRule {
  readonly action: 'accept';
  readonly direction: 'inbound';
  readonly protocol: 'TCP' | 'UDP';
  readonly ip_range: string;
  readonly dest_port_from: number;
  readonly dest_port_to: number;
  readonly position: number;
  readonly editable: true;
}

const ANYWHERE = ['0.0.0.0/0', '::/0'];

/**
 * The rules for `inbound`: each port range from anywhere, IPv4 and IPv6, `'all'` as every TCP and
 * UDP port. The group drops every other inbound packet (`inbound_default_policy: drop`) and lets
 * all outbound traffic out, so package installs keep working; it is stateful, so answers come back.
 * https://www.scaleway.com/en/developers/api/instance/#path-security-groups-update-all-the-rules-of-a-security-group
 */
export function wantedRules(inbound: NonNullable<ResolvedHostSpec['inbound']>): WantedRule[] {
  const ranges =
    inbound === 'all'
      ? [
          { protocol: 'tcp', from: 1, to: 65535 },
          { protocol: 'udp', from: 1, to: 65535 },
        ]
      : inbound;
  return ranges
    .flatMap((range) =>
      ANYWHERE.map((ipRange) => ({
        action: 'accept' as const,
        direction: 'inbound' as const,
        protocol: range.protocol === 'udp' ? ('UDP' as const) : ('TCP' as const),
        ip_range: ipRange,
        dest_port_from: range.from,
        dest_port_to: range.to,
        editable: true as const,
      })),
    )
    .map((rule, index) => ({ ...rule, position: index + 1 }));
}

/** The managed security groups of a zone (one owner's, or all), every page. */
export function listGroups(
  client: JsonClient,
  zone: string,
  tags: readonly string[],
  operation: Operation,
  options?: CallOptions,
): Promise<SecurityGroup[]> {
  return listAll(
    client,
    {
      path: `/instance/v1/zones/${zone}/security_groups`,
      query: { tags: [MANAGED_TAG, ...tags].join(',') },
      operation,
      schema: groupPage,
      items: (data) => data.security_groups,
    },
    options,
  );
}

/** One removal attempt of a group: absent on 404, in use while a server still sits in it. */
export function removeGroup(
  client: JsonClient,
  zone: string,
  groupId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  return deleteResource(client, {
    path: `/instance/v1/zones/${zone}/security_groups/${groupId}`,
    operation,
    inUse: (error) =>
      ProvisionError.isInstance(error) &&
      [400, 409, 412].includes((error as { status?: number }).status ?? 0) &&
      /in use|attached|server/i.test(error.message),
    signal: options?.signal,
  });
}

/**
 * The per-host security groups, on the shared secondary-resource policy. A group is made, with
 * all its rules in one request, BEFORE its server, and the server is created inside it
 * (`security_group`), so no server is ever reachable on ports it did not ask for. Scaleway keeps
 * names unique nowhere and has no idempotency token, so a retry finds a group by its identity
 * tag: one that no server uses was left by an earlier attempt (an aborted call, a lost answer,
 * a racing caller); its rules are set again and it is adopted.
 */
export class HostGroups {
  constructor(
    private readonly client: JsonClient,
    private readonly logger: Logger,
    private readonly projectId: () => string,
  ) {}

  /** The group for `spec`, found or made, with exactly its rules; `created` when this call made it. */
  async ensure(
    spec: ResolvedHostSpec,
    options?: CallOptions,
  ): Promise<{ group: SecurityGroup; created: boolean }> {
    const zone = spec.region;
    const find = async () => {
      const groups = await listGroups(
        this.client,
        zone,
        [identityTag(spec.owner, spec.name)],
        'provision',
        options,
      );
      const unused = groups.find((group) => (group.servers ?? []).length === 0);
      if (unused !== undefined) await this.#setRules(zone, unused.id, spec, options);
      return unused;
    };
    const existing = await find();
    if (existing !== undefined) return { group: existing, created: false };
    let made: string | undefined;
    const { name, tags } = groupFor(spec);
    const { resource, created } = await ensureSecondaryResource<SecurityGroup>({
      create: async () => {
        const { data } = await this.client.request({
          method: 'POST',
          path: `/instance/v1/zones/${zone}/security_groups`,
          body: {
            name,
            description: `provision host ${spec.owner}/${spec.name}`,
            project: this.projectId(),
            tags: [...tags, identityTag(spec.owner, spec.name)],
            stateful: true,
            inbound_default_policy: 'drop',
            outbound_default_policy: 'accept',
            enable_default_security: true,
          },
          operation: 'provision',
          schema: groupEnvelope,
          signal: options?.signal,
        });
        made = data.security_group.id;
        await this.#setRules(zone, made, spec, options);
        return data.security_group;
      },
      find,
      // A refused rule set: the group is incomplete and no server uses it yet; it goes.
      rollback: async () => {
        if (made !== undefined) await this.remove(zone, made);
      },
      signal: options?.signal,
    });
    return { group: resource, created };
  }

  /** Removes a group this provision made and no longer needs, without the caller's signal. */
  async remove(zone: string, groupId: string): Promise<void> {
    await removeGroup(this.client, zone, groupId, 'provision').catch((error: unknown) =>
      this.logger.warn('could not delete a security group; orphans() finds it', {
        provider: 'scaleway',
        groupId,
        error: (error as Error).name,
      }),
    );
  }

  // One request replaces the group's rules with exactly these (the API's "set rules").
  async #setRules(
    zone: string,
    groupId: string,
    spec: ResolvedHostSpec,
    options?: CallOptions,
  ): Promise<void> {
    await this.client.request({
      method: 'PUT',
      path: `/instance/v1/zones/${zone}/security_groups/${groupId}/rules`,
      body: { rules: wantedRules(spec.inbound ?? 'all') },
      operation: 'provision',
      signal: options?.signal,
    });
  }
}
