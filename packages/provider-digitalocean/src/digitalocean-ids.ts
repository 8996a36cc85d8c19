import { createIdTemplate } from '@provision/provider-utils';

/**
 * Host ids: `<droplet id>` or, for a host with a per-host firewall, `<droplet id>/<firewall id>`,
 * so a fresh provisioner can delete the firewall once the droplet is gone, without a lookup.
 * No create action id: list() and a repeated provision() could not write it without one request
 * per droplet, and a host's id must never change (see docs/providers/digitalocean.md).
 */
export const digitaloceanIds = createIdTemplate({
  provider: 'digitalocean',
  template: '{dropletId}[/{firewallId}]',
  parts: {
    dropletId: /^[1-9]\d{0,18}$/,
    firewallId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  },
});
