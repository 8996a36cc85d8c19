import { createIdCodec } from '@provision/provider-utils';

/**
 * Host ids: `<droplet id>` or, for a host with a per-host firewall, `<droplet id>/<firewall id>`,
 * so a fresh provisioner can delete the firewall once the droplet is gone, without a lookup.
 */
export const digitaloceanIds = createIdCodec({
  provider: 'digitalocean',
  separator: '/',
  parts: [
    { name: 'dropletId', pattern: /^[1-9]\d{0,18}$/ },
    {
      name: 'firewallId',
      pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      optional: true,
    },
  ],
});
