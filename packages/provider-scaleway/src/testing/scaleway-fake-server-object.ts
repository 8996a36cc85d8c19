import type { ScalewayFakeIp, ScalewayFakeServer } from './scaleway-fake-records.js';
import type { ServerContext } from './scaleway-fake-servers.js';

/** What a server in each state may be asked to do (the answer's `allowed_actions`). */
export const ALLOWED_ACTIONS: Record<ScalewayFakeServer['state'], string[]> = {
  running: ['poweroff', 'terminate', 'reboot', 'stop_in_place', 'backup'],
  stopped: ['poweron', 'backup'],
  'stopped in place': ['poweron', 'poweroff', 'backup'],
  starting: [],
  stopping: [],
  locked: [],
};

function ipObject(ip: ScalewayFakeIp) {
  return {
    id: ip.id,
    address: ip.address,
    gateway: '62.210.0.1',
    netmask: '32',
    family: 'inet',
    dynamic: ip.dynamic,
    provisioning_mode: 'dhcp',
    tags: [],
    ipam_id: ip.id,
    state: 'attached',
  };
}

/** The `server` object of every answer (the SDK's `Server`). */
export function serverObject(context: ServerContext, server: ScalewayFakeServer) {
  const ip =
    server.ipId === undefined || server.addressing !== 'public' ? undefined : context.ips.get(server.ipId);
  const group = context.findGroup(server.securityGroupId);
  const volumes = Object.fromEntries(
    server.volumeIds.flatMap((volumeId, index) => {
      const volume = context.volumes.get(volumeId);
      if (volume === undefined) return [];
      return [
        [
          String(index),
          {
            id: volume.id,
            name: volume.name,
            size: volume.size,
            volume_type: volume.volumeType,
            state: 'available',
            boot: index === 0,
            zone: volume.zone,
          },
        ],
      ];
    }),
  );
  return {
    id: server.id,
    name: server.name,
    organization: context.organization,
    project: server.project,
    allowed_actions: ALLOWED_ACTIONS[server.state],
    tags: [...server.tags],
    commercial_type: server.commercialType,
    creation_date: server.creationDate,
    dynamic_ip_required: server.dynamicIpRequired,
    routed_ip_enabled: true,
    enable_ipv6: false,
    hostname: server.name,
    image: {
      id: server.imageId,
      name: server.imageName,
      arch: 'x86_64',
      creation_date: server.creationDate,
      modification_date: server.creationDate,
      default_bootscript: null,
      extra_volumes: {},
      from_server: '',
      organization: context.organization,
      public: true,
      root_volume: null,
      state: 'available',
      project: context.project,
      tags: [],
      zone: server.zone,
    },
    protected: false,
    private_ip: server.addressing === 'private-only' && server.state === 'running' ? '10.194.3.9' : null,
    public_ip: ip === undefined ? null : ipObject(ip),
    public_ips: ip === undefined ? [] : [ipObject(ip)],
    mac_address: 'de:00:00:00:00:01',
    modification_date: server.modificationDate,
    state: server.state,
    location:
      server.state === 'running'
        ? { cluster_id: '1', hypervisor_id: '101', node_id: '7', platform_id: '14', zone_id: server.zone }
        : null,
    ipv6: null,
    boot_type: 'local',
    volumes,
    security_group: group === undefined ? null : { id: group.id, name: group.name },
    maintenances: [],
    state_detail: server.stateDetail,
    arch: 'x86_64',
    placement_group: null,
    private_nics: [],
    zone: server.zone,
    filesystems: [],
    end_of_service: false,
  };
}
