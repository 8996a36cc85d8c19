import type { CallOptions, Operation } from '@provision/core';
import { hasProviderCode, type JsonClient } from '@provision/provider-utils';
import { PAGE_SIZE, type Server } from './scaleway-api.js';
import { ifFound, instanceApi } from './scaleway-sdk.js';

/** A server, or undefined once Scaleway answers 404. */
export async function serverIfAny(
  client: JsonClient,
  zone: string,
  serverId: string,
  operation: Operation,
  options?: CallOptions,
): Promise<Server | undefined> {
  const api = instanceApi(client, { operation, signal: options?.signal });
  return (await ifFound(api.getServer({ zone, serverId })))?.server;
}

/** The servers of a zone carrying every tag of `tags` (the API's `tags` filter), one page of 100. */
export async function serversTagged(
  client: JsonClient,
  zone: string,
  tags: readonly string[],
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  const api = instanceApi(client, { operation, signal: options?.signal });
  return (await api.listServers({ zone, tags: [...tags], perPage: PAGE_SIZE })).servers;
}

/**
 * Every server of a zone carrying every tag of `tags`, all pages: the SDK's `all()` reads page 1,
 * then asks every other page the `X-Total-Count` header implies at once (about 2 round trips for
 * 5,000 servers), under the shared limiter.
 */
export function listServers(
  client: JsonClient,
  zone: string,
  tags: readonly string[],
  operation: Operation,
  options?: CallOptions,
): Promise<Server[]> {
  const api = instanceApi(client, { operation, signal: options?.signal });
  return api.listServers({ zone, tags: [...tags], perPage: PAGE_SIZE }).all();
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
  // Repeating an action is harmless: once the first is under way the API says so.
  const api = instanceApi(client, { operation, signal: options?.signal, idempotent: true });
  try {
    await api.serverAction({ zone, serverId, action });
  } catch (error) {
    // A transition is under way: this action's own, sent by an attempt whose answer was lost.
    if (!hasProviderCode(error, 'transient_state')) throw error;
  }
}
