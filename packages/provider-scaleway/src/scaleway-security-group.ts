import {
  type CallOptions,
  type Logger,
  type Operation,
  ProvisionError,
  type ResolvedHostSpec,
} from '@provision/core';
import { ensureSecondaryResource, type JsonClient, type RemovalOutcome } from '@provision/provider-utils';
import { PAGE_SIZE, type SecurityGroup } from './scaleway-api.js';
import { instanceApi } from './scaleway-sdk.js';
import { groupFor, identityTag, MANAGED_TAG } from './scaleway-tags.js';

/** One inbound rule as `PUT .../security_groups/{id}/rules` takes it (the SDK's names). */
export interface WantedRule {
  readonly action: 'accept';
  readonly direction: 'inbound';
  readonly protocol: 'TCP' | 'UDP';
  readonly ipRange: string;
  readonly destPortFrom: number;
  readonly destPortTo: number;
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
        ipRange,
        destPortFrom: range.from,
        destPortTo: range.to,
        editable: true as const,
      })),
    )
    .map((rule, index) => ({ ...rule, position: index + 1 }));
}

/** The managed security groups of a zone carrying every tag of `tags`, every page. */
export function listGroups(
  client: JsonClient,
  zone: string,
  tags: readonly string[],
  operation: Operation,
  options?: CallOptions,
): Promise<SecurityGroup[]> {
  const api = instanceApi(client, { operation, signal: options?.signal });
  return api.listSecurityGroups({ zone, tags: [MANAGED_TAG, ...tags], perPage: PAGE_SIZE }).all();
}

/** One removal attempt of a group: absent on 404, in use while a server still sits in it. */
export async function removeGroup(
  client: JsonClient,
  zone: string,
  groupId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<RemovalOutcome> {
  const api = instanceApi(client, { operation, signal: options?.signal, idempotent: true });
  try {
    await api.deleteSecurityGroup({ zone, securityGroupId: groupId });
    return 'deleted';
  } catch (error) {
    const status = ProvisionError.isInstance(error) ? (error as { status?: number }).status : undefined;
    if (status === 404) return 'absent';
    if ([400, 409, 412].includes(status ?? 0) && /in use|attached|server/i.test((error as Error).message))
      return 'in-use';
    throw error;
  }
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
        const api = instanceApi(this.client, { operation: 'provision', signal: options?.signal });
        const { securityGroup } = await api.createSecurityGroup({
          zone,
          name,
          description: `provision host ${spec.owner}/${spec.name}`,
          project: this.projectId(),
          tags: [...tags, identityTag(spec.owner, spec.name)],
          stateful: true,
          inboundDefaultPolicy: 'drop',
          outboundDefaultPolicy: 'accept',
          enableDefaultSecurity: true,
        });
        if (securityGroup === undefined)
          throw new TypeError('Scaleway answered a security group create without the group.');
        made = securityGroup.id;
        await this.#setRules(zone, made, spec, options);
        return securityGroup;
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
    const api = instanceApi(this.client, {
      operation: 'provision',
      signal: options?.signal,
      idempotent: true,
    });
    await api.setSecurityGroupRules({
      zone,
      securityGroupId: groupId,
      rules: wantedRules(spec.inbound ?? 'all'),
    });
  }
}
