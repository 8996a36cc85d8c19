import { datacenterObject, imageObject, locationObject, serverTypeObject } from './hetzner-fake-catalog.js';
import type { HetznerFakeAction, HetznerFakeContext, HetznerFakeServer } from './hetzner-fake-records.js';

/**
 * Moves a server one read along its transition (`initializing` -> `running`, `stopping` -> `off`,
 * `deleting` -> gone...) and settles its actions when it arrives. Called on every read of it.
 * @returns `false` once the server is gone (deleted, with its auto-delete primary IPs).
 */
export function advance(context: HetznerFakeContext, server: HetznerFakeServer): boolean {
  if (server.next === undefined) return true;
  const key = `server:${server.id}`;
  if (server.next === 'gone') server.reads = (server.reads ?? 0) + 1;
  const done =
    server.next === 'gone' ? (server.reads ?? 0) >= context.destroyAfterReads : context.lifecycle.read(key);
  if (!done) return true;
  for (const action of context.actions.values()) {
    if (
      action.status !== 'running' ||
      !action.resources.some((resource) => String(resource.id) === server.id)
    )
      continue;
    action.status = action.failure === undefined ? 'success' : 'error';
    action.finished = context.now();
    if (action.failure !== undefined) action.error = { code: 'action_failed', message: action.failure };
  }
  if (server.next === 'gone') {
    removeServer(context, server);
    return false;
  }
  server.status = server.next;
  delete server.next;
  context.lifecycle.restart(key);
  return true;
}

/** Removes a server: its auto-delete primary IPs go too, the others are unassigned; firewalls forget it. */
export function removeServer(context: HetznerFakeContext, server: HetznerFakeServer): void {
  context.servers.delete(server.id);
  for (const ipId of server.primaryIps) {
    const ip = context.primaryIps.get(ipId);
    if (ip === undefined) continue;
    if (ip.autoDelete) context.primaryIps.delete(ipId);
    else ip.assigneeId = null;
  }
  for (const firewall of context.firewalls.values()) {
    const at = firewall.servers.indexOf(Number(server.id));
    if (at !== -1) firewall.servers.splice(at, 1);
  }
}

function address(context: HetznerFakeContext, server: HetznerFakeServer, type: 'ipv4' | 'ipv6') {
  if (server.addressing !== 'public') return null;
  const ip = server.primaryIps.map((id) => context.primaryIps.get(id)).find((entry) => entry?.type === type);
  if (ip === undefined) return null;
  return {
    id: Number(ip.id),
    ip: ip.ip,
    blocked: false,
    dns_ptr: type === 'ipv4' ? `static.${ip.ip}.clients.your-server.de` : [],
  };
}

/** A server as the API answers it (`server` in the description). */
export function serverObject(context: HetznerFakeContext, server: HetznerFakeServer) {
  const firewalls = context.firewalls
    .values()
    .filter((firewall) => firewall.servers.includes(Number(server.id)))
    .map((firewall) => ({ id: Number(firewall.id), status: 'applied' }));
  return {
    id: Number(server.id),
    name: server.name,
    status: server.status,
    created: server.created,
    public_net: {
      ipv4: address(context, server, 'ipv4'),
      ipv6: address(context, server, 'ipv6'),
      floating_ips: [],
      firewalls,
    },
    private_net:
      server.addressing === 'private-only'
        ? [
            {
              network: 1,
              ip: `10.0.0.${(Number(server.id) % 250) + 2}`,
              alias_ips: [],
              mac_address: '86:00:00:2a:7d:e0',
            },
          ]
        : [],
    server_type: serverTypeObject(server.type),
    datacenter: datacenterObject(server.location),
    location: locationObject(server.location),
    image: imageObject(server.image),
    iso: null,
    rescue_enabled: false,
    locked: false,
    backup_window: null,
    outgoing_traffic: 0,
    ingoing_traffic: 0,
    included_traffic: server.type.locations.includes('ash') ? 1099511627776 : 21990232555520,
    protection: { delete: false, rebuild: false },
    labels: server.labels,
    volumes: [],
    load_balancers: [],
    primary_disk_size: server.type.disk,
    placement_group: null,
  };
}

/** An action as the API answers it. */
export function actionObject(action: HetznerFakeAction) {
  return {
    id: action.id,
    command: action.command,
    status: action.status,
    progress: action.status === 'running' ? 0 : 100,
    started: action.started,
    finished: action.finished,
    resources: action.resources,
    error: action.error,
  };
}
