import type { Logger } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';

/**
 * Destroys a droplet that `provision()` rolls back (its firewall was refused), in two requests:
 * first its identity tag is taken off, then it is destroyed. (A droplet that lost a race keeps
 * the tag: `list()` and `delete()` of the winner find it by it; see `destroyLosers`.)
 *
 * DigitalOcean keeps listing a droplet for a while after its DELETE is accepted, with its tags and
 * status unchanged, so the identity lookup of a retry (in this process or any other) would adopt
 * it and return a host that then vanishes. Without the identity tag it is never adopted. It keeps
 * its managed and owner tags, so if the DELETE fails, `list()`, `delete()` and `gc` still find it.
 * Neither request takes the caller's signal: a rollback cut short would leave the host open.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/tags_unassign_resources
 */
export async function retireDroplet(
  client: JsonClient,
  logger: Logger,
  dropletId: number,
  identity: string,
  why: string,
): Promise<void> {
  const warn = (message: string, error: unknown) =>
    logger.warn(message, { provider: 'digitalocean', dropletId, error: (error as Error).name });
  // A droplet the untag could not reach is still destroyed: an adoptable droplet that vanishes
  // soon is better than an open host nobody asked for.
  await client
    .request({
      method: 'DELETE',
      path: `/v2/tags/${encodeURIComponent(identity)}/resources`,
      body: { resources: [{ resource_id: String(dropletId), resource_type: 'droplet' }] },
      operation: 'provision',
      allowStatus: [404],
    })
    .catch((error: unknown) => warn(`could not take the identity tag off ${why}`, error));
  await client
    .request({
      method: 'DELETE',
      path: `/v2/droplets/${dropletId}`,
      operation: 'provision',
      allowStatus: [404],
    })
    .catch((error: unknown) =>
      warn(`could not destroy ${why}; list() still shows it for delete() or gc`, error),
    );
}
