import type { CallOptions, Operation } from '@provision/core';
import { getIfFound, hasProviderCode, type JsonClient } from '@provision/provider-utils';
import { PAGE_SIZE, type Server, serverEnvelope, serverPage } from './scaleway-api.js';
import { listAll } from './scaleway-client.js';

/** The path of one server. */
export const serverPath = (zone: string, serverId: string) =>
  `/instance/v1/zones/${zone}/servers/${serverId}`;

/** A server, or undefined once Scaleway answers 404. */
export async function serverIfAny(
  client: JsonClient,
  zone: string,
  serverId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Server | undefined> {
  const path = serverPath(zone, serverId);
  return (await getIfFound(client, { path, operation, schema: serverEnvelope, signal: options?.signal }))
    ?.server;
}

/** The servers of a zone carrying every tag of `tags` (the API's `tags` filter), one page of 100. */
export async function serversTagged(
  client: JsonClient,
  zone: string,
  tags: readonly string[],
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  const { data } = await client.request({
    method: 'GET',
    path: `/instance/v1/zones/${zone}/servers`,
    query: { tags: tags.join(','), per_page: PAGE_SIZE },
    operation,
    schema: serverPage,
    signal: options?.signal,
  });
  return data.servers;
}

/** Every server of a zone carrying every tag of `tags`, all pages. */
export function listServers(
  client: JsonClient,
  zone: string,
  tags: readonly string[],
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  return listAll(
    client,
    {
      path: `/instance/v1/zones/${zone}/servers`,
      query: { tags: tags.join(',') },
      operation,
      schema: serverPage,
      items: (data) => data.servers,
    },
    options,
  );
}

/** `POST .../servers/{id}/action`: 202 with a task; the state changes on later reads. */
export async function serverAction(
  client: JsonClient,
  zone: string,
  serverId: string,
  action: 'poweron' | 'poweroff' | 'reboot' | 'terminate',
  operation: Operation,
  options?: CallOptions,
): Promise<void> {
  try {
    await client.request({
      method: 'POST',
      path: `${serverPath(zone, serverId)}/action`,
      body: { action },
      operation,
      // Repeating an action is harmless: once the first is under way the API says so.
      idempotent: true,
      signal: options?.signal,
    });
  } catch (error) {
    // A transition is under way: this action's own, sent by an attempt whose answer was lost.
    if (!hasProviderCode(error, 'transient_state')) throw error;
  }
}

function createdAt(server: Server): number {
  const time = server.creation_date ? Date.parse(server.creation_date) : Number.NaN;
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * The one server that is the host when several carry the same identity tag (callers raced:
 * Scaleway has no idempotency token): the oldest by `creation_date`, then the smallest id. Every
 * caller picks the same one from what it sees, and a later server never displaces it.
 */
export function winnerOf(servers: readonly Server[]): Server | undefined {
  return [...servers].sort(
    (a, b) => createdAt(a) - createdAt(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )[0];
}
