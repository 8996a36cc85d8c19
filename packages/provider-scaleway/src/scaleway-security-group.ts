import {
  type CallOptions,
  type Logger,
  type Operation,
  ProvisionError,
  type ResolvedHostSpec,
} from '@provision/core';
import {
  type EnsuredFirewall,
  ensureSecondaryResource,
  type JsonClient,
  type RemovalOutcome,
  type RestHostFirewall,
  type SecondaryRef,
} from '@provision/provider-utils';
import { ownGroupOf } from './map-scaleway-server.js';
import { PAGE_SIZE, type SecurityGroup, type Server } from './scaleway-api.js';
import { scalewayIds } from './scaleway-ids.js';
import { instanceApi } from './scaleway-sdk.js';
import { groupFor, identityTag, MANAGED_TAG, readServerTags, releasedTag } from './scaleway-tags.js';

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

/** A security group as the kit holds it: the zone is where the Instance API finds it. */
const groupRef = (zone: string, groupId: string): SecondaryRef => ({
  kind: 'security group',
  id: groupId,
  scope: zone,
});

const groupAt = (zone: string, groupId: string | undefined) =>
  groupId === undefined ? undefined : groupRef(zone, groupId);

/**
 * The per-host security groups for the kit's firewall policy (see `RestHostFirewall`). A group is
 * made, with all its rules in one request, BEFORE its server, and the server is created inside it
 * (`security_group`), so no server is ever reachable on ports it did not ask for. Scaleway keeps
 * names unique nowhere and has no idempotency token, so a retry finds a group by its identity
 * tag: one that no server uses was left by an earlier attempt (an aborted call, a lost answer, a
 * racing caller); its rules are set again and it is adopted. The host id and the server's
 * `security_group` (on a server tagged as having its own) name the group; Scaleway refuses its
 * DELETE while a server is in it. By address, the call that terminates the server first tags its
 * group with the address (`releasedTag`), so later calls find the group by that tag. `zones`
 * are those a released group is looked for in; `projectId` is the Project groups are made in.
 */
export function scalewayHostGroups(
  client: JsonClient,
  logger: Logger,
  zones: readonly string[],
  projectId: () => string,
): RestHostFirewall<Server, undefined> {
  return {
    kind: 'security group',
    ensure: (spec, _prepared, options) => ensureGroup(client, logger, projectId, spec, options),
    named(id) {
      const { zone, groupId } = scalewayIds.decode(id, 'delete');
      return groupAt(zone, groupId);
    },
    of: (server) => groupAt(server.zone, ownGroupOf(server)),
    remove: (group, operation, options) =>
      removeGroup(client, group.scope ?? '', group.id, operation, options),
    async release({ machine: server }, group, ip, options) {
      const { managed } = readServerTags(server.tags);
      if (managed === undefined) return;
      const { tags } = groupFor(managed);
      await instanceApi(client, { operation: 'delete', signal: options?.signal }).updateSecurityGroup({
        zone: group.scope ?? server.zone,
        securityGroupId: group.id,
        tags: [...tags, identityTag(managed.owner, managed.name), releasedTag(ip)],
      });
    },
    async releasedFor(ip, options) {
      const released = await Promise.all(
        zones.map(async (zone) =>
          (await listGroups(client, zone, [releasedTag(ip)], 'delete', options)).map((group) =>
            groupRef(zone, group.id),
          ),
        ),
      );
      return released.flat();
    },
  };
}

/** The group for `spec`, found or made, with exactly its rules; `created` when this call made it. */
async function ensureGroup(
  client: JsonClient,
  logger: Logger,
  projectId: () => string,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<EnsuredFirewall> {
  const zone = spec.region;
  const find = async () => {
    const groups = await listGroups(client, zone, [identityTag(spec.owner, spec.name)], 'provision', options);
    const unused = groups.find((group) => (group.servers ?? []).length === 0);
    if (unused !== undefined) await setRules(client, zone, unused.id, spec, options);
    return unused;
  };
  const existing = await find();
  if (existing !== undefined) return { ref: groupRef(zone, existing.id), created: false };
  let made: string | undefined;
  const { name, tags } = groupFor(spec);
  const { resource, created } = await ensureSecondaryResource<SecurityGroup>({
    create: async () => {
      const api = instanceApi(client, { operation: 'provision', signal: options?.signal });
      const { securityGroup } = await api.createSecurityGroup({
        zone,
        name,
        description: `provision host ${spec.owner}/${spec.name}`,
        project: projectId(),
        tags: [...tags, identityTag(spec.owner, spec.name)],
        stateful: true,
        inboundDefaultPolicy: 'drop',
        outboundDefaultPolicy: 'accept',
        enableDefaultSecurity: true,
      });
      if (securityGroup === undefined)
        throw new TypeError('Scaleway answered a security group create without the group.');
      made = securityGroup.id;
      await setRules(client, zone, made, spec, options);
      return securityGroup;
    },
    find,
    // A refused rule set: the group is incomplete and no server uses it yet; it goes, without the
    // caller's signal. A failed removal is logged, never thrown: the refusal is the error.
    rollback: async () => {
      const groupId = made;
      if (groupId === undefined) return;
      await removeGroup(client, zone, groupId, 'provision').catch((error: unknown) =>
        logger.warn('could not delete a security group; orphans() finds it', {
          provider: 'scaleway',
          groupId,
          error: (error as Error).name,
        }),
      );
    },
    signal: options?.signal,
  });
  return { ref: groupRef(zone, resource.id), created };
}

// One request replaces the group's rules with exactly these (the API's "set rules").
async function setRules(
  client: JsonClient,
  zone: string,
  groupId: string,
  spec: ResolvedHostSpec,
  options?: CallOptions,
): Promise<void> {
  const api = instanceApi(client, { operation: 'provision', signal: options?.signal, idempotent: true });
  await api.setSecurityGroupRules({
    zone,
    securityGroupId: groupId,
    rules: wantedRules(spec.inbound ?? 'all'),
  });
}
