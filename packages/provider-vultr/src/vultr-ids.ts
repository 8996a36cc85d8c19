import { createIdTemplate } from '@provision/provider-utils';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Host ids: `<instance id>` or, for a host behind its own firewall group, `<instance id>/<group id>`
 * (both UUIDs), so a fresh provisioner can delete the group once the instance is gone.
 */
export const vultrIds = createIdTemplate({
  provider: 'vultr',
  template: '{instanceId}[/{groupId}]',
  parts: { instanceId: UUID, groupId: UUID },
});
