import { randomBytes } from 'node:crypto';
import {
  type CallOptions,
  type DeleteResult,
  failedCreationHost,
  type Host,
  HostNotFoundError,
  type HostRef,
  InvalidRequestError,
  type ListFilter,
  MANAGED_TAG_KEYS,
  ProvisionError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import { getIfFound, type HostDeletion, type JsonClient } from '@provision/provider-utils';
import { eventPage, type Linode, linodePage, linodeSchema } from './linode-api.js';
import { linodeCapabilities } from './linode-capabilities.js';
import { createLinodeClient, listAll } from './linode-client.js';
import { linodeDeletion } from './linode-delete.js';
import { ensureFirewall, removeFirewall } from './linode-firewall.js';
import { linodeIds } from './linode-ids.js';
import { linodeInboundRules } from './linode-inbound-rules.js';
import { linodeOrphans } from './linode-orphans.js';
import type { LinodeSettings } from './linode-settings.js';
import {
  identityTag,
  linodeLabel,
  linodeTagMap,
  linodeTags,
  MANAGED_TAG,
  MAX_LABEL_LENGTH,
  readLinodeTags,
} from './linode-tags.js';
import { hostIdOf, linodeToHost } from './map-linode-instance.js';

/** Whether `linode` is the managed host `(owner, name)`: its identity tag, not only its label. */
function isHost(linode: Linode, owner: string, name: string): boolean {
  return (
    (linode.tags ?? []).includes(identityTag(owner, name)) &&
    readLinodeTags(linode.label, linode.tags ?? []).managed !== undefined
  );
}

/**
 * Linode (Akamai Cloud), on the API v4 over `fetch`:
 * - provision: look the label up (1), with `inbound` make the Cloud Firewall (1), create the
 *   Linode behind it (1). The label `<name>.<owner>` is unique per account, so it is the create's
 *   idempotency key: a concurrent or repeated create answers 400 and the lookup returns the one.
 * - status: one GET; a Linode that is gone costs one more (its failed `linode_create` event).
 * - delete: see `linodeDeletion` (the Linode first; its firewall once it is gone).
 */
class LinodeProvisioner implements ProvisionerImplementationV1 {
  constructor(
    private readonly client: JsonClient,
    private readonly context: ProvisionerContext,
    private readonly deletion: HostDeletion,
  ) {}

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const label = linodeLabel(spec.owner, spec.name);
    if (label.length > MAX_LABEL_LENGTH)
      throw new InvalidRequestError(
        `The Linode label "${label}" would be ${label.length} characters; Linode allows ${MAX_LABEL_LENGTH}.`,
        { provider: 'linode', operation: 'provision', field: 'name', hint: 'Shorten the name or the owner.' },
      );
    const existing = await this.byLabel(label, options);
    if (existing !== undefined) return this.existingHost(existing, spec);

    const firewall =
      spec.inbound === undefined ? undefined : await ensureFirewall(this.client, spec, options);
    const firewallId = firewall === undefined ? undefined : String(firewall.firewall.id);
    const userData =
      spec.userData === undefined ? undefined : Buffer.from(spec.userData, 'utf8').toString('base64');
    // Required by the API to deploy an image; never used (no SSH) and never kept.
    const rootPass = randomBytes(32).toString('base64url');
    try {
      const { data } = await this.client.request({
        method: 'POST',
        path: '/v4/linode/instances',
        body: {
          label,
          region: spec.region,
          type: spec.plan,
          image: spec.image,
          root_pass: rootPass,
          booted: true,
          tags: linodeTags.encode(linodeTagMap(spec, new Date(), firewallId)),
          ...(firewallId === undefined ? {} : { firewall_id: Number(firewallId) }),
          ...(userData === undefined ? {} : { metadata: { user_data: userData } }),
        },
        operation: 'provision',
        schema: linodeSchema,
        secrets: [spec.userData, userData, rootPass],
        signal: options?.signal,
      });
      return linodeToHost(data, linodeIds.encode({ linodeId: String(data.id), firewallId }));
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      // The label taken by a concurrent caller, or an answer lost after the create: the host now.
      const now = await this.byLabel(label, options).catch(() => undefined);
      if (now !== undefined) return this.existingHost(now, spec);
      // Refused: the firewall this call made guards nothing, so it goes (without the caller's
      // signal). After an unknown outcome it stays for a repeat of provision() to use.
      const unknown = ProvisionError.isInstance(error) && error.retryable;
      if (firewall?.created === true && firewallId !== undefined && !unknown)
        await removeFirewall(this.client, firewallId, 'provision').catch((cause: unknown) =>
          this.context.logger.warn('could not remove the firewall of a refused Linode; gc finds it', {
            provider: 'linode',
            firewallId,
            error: (cause as Error).name,
          }),
        );
      throw error;
    }
  }

  /** The Linode labelled `label`, if any (one request: labels are unique). */
  private async byLabel(label: string, options?: CallOptions): Promise<Linode | undefined> {
    const found = await listAll(
      this.client,
      { path: '/v4/linode/instances', filter: { label }, operation: 'provision', schema: linodePage },
      options,
    );
    return found.find((linode) => linode.label === label);
  }

  /** The host `provision()` found by label, as it is, with `specMismatch` where it differs. */
  private existingHost(linode: Linode, spec: ResolvedHostSpec): Host {
    if (!isHost(linode, spec.owner, spec.name))
      throw new InvalidRequestError(
        `A Linode labelled "${linode.label}" exists that provision did not create for this host; Linode labels are unique per account.`,
        {
          provider: 'linode',
          operation: 'provision',
          field: 'name',
          hint: 'Choose another name, or rename that Linode.',
        },
      );
    const host = linodeToHost(linode, hostIdOf(linode));
    const os = Object.entries(this.context.manifest.catalog.images).find(
      ([, image]) => image === linode.image,
    )?.[0];
    const mismatch = specMismatch(
      {
        region: linode.region ?? undefined,
        plan: linode.type ?? undefined,
        image: linode.image ?? undefined,
        os,
        ...(host.firewalled ? {} : { inbound: 'none' as const }),
        tags: host.tags,
      },
      spec,
    );
    return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { linodeId } = linodeIds.decode(id, 'status');
    const path = `/v4/linode/instances/${linodeId}`;
    const linode = await getIfFound(this.client, {
      path,
      operation: 'status',
      schema: linodeSchema,
      signal: options?.signal,
    });
    if (linode !== undefined) return linodeToHost(linode, id);
    const failed = await this.failedCreation(id, Number(linodeId), options);
    if (failed !== undefined) return failed;
    throw new HostNotFoundError(id, { provider: 'linode', operation: 'status' });
  }

  /**
   * A Linode that is gone because its creation failed: its `linode_create` event is `failed`, with
   * the reason in `message`. One request, only for a Linode that answered 404.
   * https://techdocs.akamai.com/linode-api/reference/get-events
   */
  private async failedCreation(
    id: string,
    linodeId: number,
    options?: CallOptions,
  ): Promise<Host | undefined> {
    const { data } = await this.client.request({
      method: 'GET',
      path: '/v4/account/events',
      query: { page_size: 25 },
      headers: {
        'x-filter': JSON.stringify({
          'entity.id': linodeId,
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

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.deletion.byId(ref.id, options) : this.deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tag =
      filter.owner === undefined ? MANAGED_TAG : linodeTags.encodeOne(MANAGED_TAG_KEYS.owner, filter.owner);
    const linodes = await listAll(
      this.client,
      {
        path: '/v4/linode/instances',
        filter: { tags: tag, ...(filter.region === undefined ? {} : { region: filter.region }) },
        operation: 'list',
        schema: linodePage,
      },
      options,
    );
    // Each Linode's tags are read once (their identity check hashes), for the filter, id and host.
    const wanted = Object.entries(filter.tags ?? {});
    const hosts: Host[] = [];
    for (const linode of linodes) {
      const tags = readLinodeTags(linode.label, linode.tags ?? []);
      if (tags.managed === undefined) continue;
      if (wanted.every(([key, value]) => tags.userTags[key] === value))
        hosts.push(linodeToHost(linode, hostIdOf(linode, tags.firewallId), tags));
    }
    return hosts;
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: LinodeSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createLinodeClient(settings, context);
  return Object.assign(
    new LinodeProvisioner(client, context, linodeDeletion(client)),
    linodeCapabilities(client),
    linodeOrphans(client),
    linodeInboundRules(client),
  );
}
