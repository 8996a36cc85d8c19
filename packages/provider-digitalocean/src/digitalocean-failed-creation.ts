import { type CallOptions, failedCreationHost, type Host } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { actionPage, PAGE_SIZE } from './digitalocean-api.js';
import { nextPage } from './digitalocean-listing.js';

/** Most pages of `/v2/actions` read for one gone droplet: 1,000 actions. */
export const FAILED_CREATION_MAX_PAGES = 5;

const REASON =
  'DigitalOcean failed to create the droplet (its create action errored) and removed it; DigitalOcean gives no reason. Delete the host and try again, perhaps in another region.';

/**
 * The host for a droplet that is gone because DigitalOcean failed its creation, or `undefined`
 * when it is simply gone. Called only after the droplet answered 404, so a live host costs nothing.
 *
 * DigitalOcean removes a droplet whose creation fails and marks its create action `errored`; the
 * droplet's own action list goes with it, and `/v2/actions` has no filter. So the account's actions
 * are read newest first, 200 a page, and the reading stops at the droplet's create action, at the
 * create action of an older droplet (droplet ids grow with time, so everything after it is older
 * than this droplet), at the last page, or after `FAILED_CREATION_MAX_PAGES`. The create action's
 * id is not carried in the host id: list() and a repeated provision() could not write it without
 * one request per droplet, and a host's id never changes.
 * https://docs.digitalocean.com/reference/api/digitalocean/#operation/actions_list
 */
export async function findFailedCreation(
  client: JsonClient,
  id: string,
  dropletId: number,
  options?: CallOptions,
): Promise<Host | undefined> {
  let page: number | undefined = 1;
  for (let read = 0; page !== undefined && read < FAILED_CREATION_MAX_PAGES; read++) {
    const { data } = await client.request({
      method: 'GET',
      path: '/v2/actions',
      query: { per_page: PAGE_SIZE, page },
      operation: 'status',
      schema: actionPage,
      signal: options?.signal,
    });
    for (const action of data.actions) {
      if (action.type !== 'create' || (action.resource_type ?? 'droplet') !== 'droplet') continue;
      const resource = action.resource_id ?? 0;
      if (resource < dropletId) return undefined;
      if (resource !== dropletId) continue;
      if (action.status !== 'errored') return undefined;
      return failedCreationHost({
        id,
        provider: 'digitalocean',
        nativeStatus: 'errored',
        ...(action.region_slug ? { region: action.region_slug } : {}),
        reason: REASON,
      });
    }
    page = nextPage(data.links?.pages?.next);
  }
  return undefined;
}
