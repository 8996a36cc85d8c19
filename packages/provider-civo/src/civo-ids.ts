import { createIdTemplate } from '@provision/provider-utils';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * Host ids: `<region>/<instance id>` or, for a host behind its own firewall,
 * `<region>/<instance id>/<firewall id>`. Every Civo call names the region (`?region=LON1`), and a
 * fresh provisioner deletes the firewall once the instance is gone, so both are in the id.
 */
export const civoIds = createIdTemplate({
  provider: 'civo',
  template: '{region}/{instanceId}[/{firewallId}]',
  parts: { region: /[A-Z]{2,8}[0-9]{1,2}/, instanceId: UUID, firewallId: UUID },
});
