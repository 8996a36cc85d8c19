import { type Catalog, DEFAULT_OWNER, decodeManagedTags, type Host, type HostStatus } from '@provision/core';
import { createIdTemplate } from '@provision/provider-utils';
import type { ExampleServer } from './example-api.js';

/**
 * Host ids are `<serverId>` or `<serverId>/<firewallId>`: the firewall is named in the id so a
 * fresh provisioner can delete it once the server is gone, without looking it up.
 */
export const exampleHostId = createIdTemplate({
  provider: 'example',
  template: '{serverId}[/{firewallId}]',
  parts: { serverId: /^\d{1,20}$/, firewallId: /^fw-\d{1,20}$/ },
});

// The cloud's states: starting -> running -> deleting, or failed when a creation it accepted fails.
function statusOf(server: ExampleServer): HostStatus {
  switch (server.state) {
    case 'running':
      // Active means running AND reachable: a running server without its address is not there yet.
      return server.ipv4 ? 'active' : 'provisioning';
    case 'deleting':
      return 'deleting';
    case 'stopping':
      return 'stopping';
    case 'stopped':
      return 'stopped';
    case 'powering_on':
    case 'rebooting':
      return 'starting';
    case 'failed':
      return 'error';
    default:
      return 'provisioning';
  }
}

/** Maps a server to a `Host`; `id` overrides the id built from the server (status echoes the caller's). */
export function toExampleHost(
  server: ExampleServer,
  options: { provider: string; catalog: Catalog; id?: string },
): Host {
  const { managed, userTags } = decodeManagedTags(server.tags ?? {});
  const firewallId = server.firewall_ids?.[0];
  const plan = options.catalog.plans.find((candidate) => candidate.id === server.plan);
  const status = statusOf(server);
  return {
    id: options.id ?? exampleHostId.encode({ serverId: server.id, firewallId }),
    provider: options.provider,
    name: managed?.name ?? server.name,
    owner: managed?.owner ?? DEFAULT_OWNER,
    status,
    nativeStatus: server.state,
    ...(server.ipv4 ? { ipv4: server.ipv4 } : {}),
    region: server.region,
    plan: server.plan,
    tags: userTags,
    ...(server.created_at ? { createdAt: new Date(server.created_at) } : {}),
    ...(managed?.expiresAt === undefined ? {} : { expiresAt: managed.expiresAt }),
    ...(plan === undefined ? {} : { price: plan.price }),
    firewalled: firewallId !== undefined,
    ...(status === 'error'
      ? { error: server.failure_reason ?? 'The cloud failed the creation without a reason.' }
      : {}),
  };
}
