import type { CallOptions, Operation } from '@provision/core';
import { getIfFound, type HttpClient } from '@provision/provider-utils';
import { PAGE_SIZE, type Server, serverEnvelope, serverPage } from './openstack-api.js';

/** A server, or undefined once Nova answers 404. */
export async function serverIfAny(
  compute: HttpClient,
  serverId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Server | undefined> {
  const found = await getIfFound(compute, {
    path: `/servers/${serverId}`,
    operation,
    schema: serverEnvelope,
    signal: options?.signal,
  });
  return found?.server;
}

/**
 * Every server of a listing (`/servers/detail` with Nova's filters), in pages of `limit`, following
 * `servers_links` `next` (a marker) until there is none.
 * https://docs.openstack.org/api-guide/compute/paginated_collections.html
 */
export async function listServers(
  compute: HttpClient,
  query: Readonly<Record<string, string>>,
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  const servers: Server[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const { data } = await compute.request({
      method: 'GET',
      path: '/servers/detail',
      query: { ...query, limit: PAGE_SIZE, ...(marker === undefined ? {} : { marker }) },
      operation,
      schema: serverPage,
      signal: options?.signal,
    });
    servers.push(...data.servers);
    const next = data.servers_links?.find((link) => link.rel === 'next');
    const last = data.servers.at(-1)?.id;
    if (next === undefined || last === undefined) break;
    marker = new URL(next.href).searchParams.get('marker') ?? last;
  }
  return servers;
}
