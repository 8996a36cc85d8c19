import { createIdTemplate } from '@provision/provider-utils';

/**
 * Host ids: `<server id>` or, for a host with a per-host firewall, `<server id>/<firewall id>`,
 * so a fresh provisioner can delete the firewall once the server is gone, without a lookup.
 * A listing writes the same id: a server carries the ids of the firewalls applied to it.
 */
export const hetznerIds = createIdTemplate({
  provider: 'hetzner',
  template: '{serverId}[/{firewallId}]',
  parts: { serverId: /^[1-9]\d{0,15}$/, firewallId: /^[1-9]\d{0,15}$/ },
});
