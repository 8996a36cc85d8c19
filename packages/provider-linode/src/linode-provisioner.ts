import { randomBytes } from 'node:crypto';
import {
  type CallOptions,
  failedCreationHost,
  type Host,
  InvalidRequestError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { createRestProvisioner, type JsonClient } from '@provision/provider-utils';
import { eventPage, type Linode, linodePage, linodeSchema } from './linode-api.js';
import { linodeCapabilities } from './linode-capabilities.js';
import { createLinodeClient, listAll } from './linode-client.js';
import { linodeDeletion, linodeHostFirewall } from './linode-host-firewall.js';
import { linodeIds } from './linode-ids.js';
import { linodeInboundRules } from './linode-inbound-rules.js';
import { linodeOrphans } from './linode-orphans.js';
import type { LinodeSettings } from './linode-settings.js';
import {
  identityTag,
  linodeLabel,
  linodeManagedTags,
  linodeTagMap,
  linodeTags,
  MAX_LABEL_LENGTH,
} from './linode-tags.js';
import { createdAtOf, linodeHosts } from './map-linode-instance.js';

/** Each power operation as Linode's action path names it (`POST /v4/linode/instances/{id}/<action>`). */
const ACTIONS = { start: 'boot', stop: 'shutdown', reboot: 'reboot' } as const;

/**
 * The Linode labelled `<name>.<owner>`, if any (one request: labels are unique), when it is the
 * host: a Linode that holds the label and is not is refused, since Linode would refuse the create.
 */
async function byLabel(client: JsonClient, spec: ResolvedHostSpec, options?: CallOptions): Promise<Linode[]> {
  const label = linodeLabel(spec.owner, spec.name);
  const found = await listAll(
    client,
    { path: '/v4/linode/instances', filter: { label }, operation: 'provision', schema: linodePage },
    options,
  );
  const linode = found.find((candidate) => candidate.label === label);
  if (linode === undefined) return [];
  if (!(linode.tags ?? []).includes(identityTag(spec.owner, spec.name)) || !linodeHosts.isManaged(linode))
    throw new InvalidRequestError(
      `A Linode labelled "${linode.label}" exists that provision did not create for this host; Linode labels are unique per account.`,
      {
        provider: 'linode',
        operation: 'provision',
        field: 'name',
        hint: 'Choose another name, or rename that Linode.',
      },
    );
  return [linode];
}

/**
 * Linode (Akamai Cloud), on the API v4 over `fetch`, through `createRestProvisioner`:
 * - provision: look the label up (1), with `inbound` make the Cloud Firewall (1), create the
 *   Linode behind it (1). The label `<name>.<owner>` is unique per account (`identityIsUnique`),
 *   so it is the create's idempotency key: a concurrent or repeated create answers 400 and the
 *   lookup returns the one. A Linode being deleted is not the host and keeps the label until it
 *   is gone: provision() refuses with `stillBeingDeleted`'s error (retryable) until then.
 * - status: one GET; a Linode that answers 404 may have failed its creation (`failedCreation`).
 * - list: the managed (or owner's) tag and region, filtered by Linode.
 * - delete: the Linode first; its firewall once it is gone (`linodeHostFirewall`).
 * - start, stop, reboot: one action (harmless to repeat), then one read.
 */
function createLinodes(client: JsonClient, context: ProvisionerContext) {
  return createRestProvisioner<Linode>({
    context,
    machineKind: 'linode',
    tags: linodeManagedTags,
    hosts: linodeHosts,
    client,
    identityIsUnique: true,
    decodeId: (id, operation) => linodeIds.decode(id, operation).linodeId,
    machineIdOf: (linode) => String(linode.id),
    createdAtOf,
    machinePath: (linodeId) => `/v4/linode/instances/${linodeId}`,
    machineSchema: linodeSchema,
    list: ({ tag, region }, operation, options) =>
      listAll(
        client,
        {
          path: '/v4/linode/instances',
          filter: { tags: tag, ...(region === undefined ? {} : { region }) },
          operation,
          schema: linodePage,
        },
        options,
      ),
    findIdentity: (spec, options) => byLabel(client, spec, options),
    // Not the host any more, and holding the label until it is gone: provision() says try again.
    isDeleting: (linode) => linode.status === 'deleting',
    firewall: linodeHostFirewall(client),
    async create(spec, _prepared, firewall, options) {
      const userData =
        spec.userData === undefined ? undefined : Buffer.from(spec.userData, 'utf8').toString('base64');
      // Required by the API to deploy an image; never used (no SSH) and never kept.
      const rootPass = randomBytes(32).toString('base64url');
      const { data } = await client.request({
        method: 'POST',
        path: '/v4/linode/instances',
        body: {
          label: linodeLabel(spec.owner, spec.name),
          region: spec.region,
          type: spec.plan,
          image: spec.image,
          root_pass: rootPass,
          booted: true,
          tags: linodeTags.encode(linodeTagMap(spec, new Date(), firewall?.id)),
          ...(firewall === undefined ? {} : { firewall_id: Number(firewall.id) }),
          ...(userData === undefined ? {} : { metadata: { user_data: userData } }),
        },
        operation: 'provision',
        schema: linodeSchema,
        secrets: [spec.userData, userData, rootPass],
        signal: options?.signal,
      });
      return data;
    },
    factsOf: (linode, host) => ({
      region: linode.region ?? undefined,
      plan: linode.type ?? undefined,
      image: linode.image ?? undefined,
      ...(host.firewalled ? {} : { inbound: 'none' as const }),
      tags: host.tags,
    }),
    power: (linodeId, operation) => ({ path: `/v4/linode/instances/${linodeId}/${ACTIONS[operation]}` }),
    deletion: linodeDeletion(client),
    missing: (id, _linodeId, options) => failedCreation(client, id, options),
  });
}

/**
 * A Linode that is gone because its creation failed: its `linode_create` event is `failed`, with
 * the reason in `message`. One request, only for a Linode that answered 404.
 * https://techdocs.akamai.com/linode-api/reference/get-events
 */
async function failedCreation(
  client: JsonClient,
  id: string,
  options?: CallOptions,
): Promise<Host | undefined> {
  const { data } = await client.request({
    method: 'GET',
    path: '/v4/account/events',
    query: { page_size: 25 },
    headers: {
      'x-filter': JSON.stringify({
        'entity.id': Number(linodeIds.decode(id, 'status').linodeId),
        'entity.type': 'linode',
        action: 'linode_create',
      }),
    },
    operation: 'status',
    schema: eventPage,
    signal: options?.signal,
  });
  const event = data.data.find((candidate) => candidate.status === 'failed');
  if (event === undefined) return undefined;
  return failedCreationHost({
    id,
    provider: 'linode',
    nativeStatus: 'failed',
    reason: event.message || 'Linode failed to create the Linode and gave no reason.',
    ...(event.entity?.label ? { name: event.entity.label.split('.')[0] } : {}),
  });
}

/** Linode's own part around the kit's: a label longer than Linode takes is refused before any request. */
function withLinodeChecks(linodes: ReturnType<typeof createLinodes>): typeof linodes {
  return {
    ...linodes,
    async provision(spec, options) {
      const label = linodeLabel(spec.owner, spec.name);
      if (label.length > MAX_LABEL_LENGTH)
        throw new InvalidRequestError(
          `The Linode label "${label}" would be ${label.length} characters; Linode allows ${MAX_LABEL_LENGTH}.`,
          {
            provider: 'linode',
            operation: 'provision',
            field: 'name',
            hint: 'Shorten the name or the owner.',
          },
        );
      return linodes.provision(spec, options);
    },
  };
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: LinodeSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createLinodeClient(settings, context);
  return Object.assign(
    withLinodeChecks(createLinodes(client, context)),
    linodeCapabilities(client),
    linodeOrphans(client),
    linodeInboundRules(client),
  );
}
