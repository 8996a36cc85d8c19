import { createIdTemplate } from '@provision/provider-utils';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A zone as the API names it: `fr-par-1`, `nl-ams-2`, `pl-waw-3`. */
export const ZONE = /^[a-z]{2}-[a-z]{3}-\d$/;

/**
 * Host ids: `<zone>/<server id>` or, for a host behind its own security group,
 * `<zone>/<server id>/<security group id>` (the ids are UUIDs). The Instance API is zoned, so the
 * zone is part of every path; with the group id a fresh provisioner deletes the group once the
 * server is gone, without a lookup.
 */
export const scalewayIds = createIdTemplate({
  provider: 'scaleway',
  template: '{zone}/{serverId}[/{groupId}]',
  parts: { zone: ZONE, serverId: UUID, groupId: UUID },
});
