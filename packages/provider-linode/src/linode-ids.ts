import { createIdTemplate } from '@provision/provider-utils';

/**
 * Host ids: `<linode id>`, or for a host with a Cloud Firewall `<linode id>/<firewall id>`, so a
 * fresh provisioner can delete the firewall once the Linode is gone, without a lookup.
 */
export const linodeIds = createIdTemplate({
  provider: 'linode',
  template: '{linodeId}[/{firewallId}]',
  parts: { linodeId: /^[1-9]\d{0,9}$/, firewallId: /^[1-9]\d{0,9}$/ },
});
