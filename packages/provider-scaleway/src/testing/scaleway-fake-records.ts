/** A server as the fake keeps it. */
export interface ScalewayFakeServer {
  id: string;
  name: string;
  zone: string;
  project: string;
  commercialType: string;
  /** The marketplace label or image id it was created from, and the image it resolved to. */
  imageRequested: string;
  imageId: string;
  imageName: string;
  tags: string[];
  securityGroupId: string;
  /** Every user-data key set, by key, exactly as sent (the `cloud-init` key is what boots). */
  userData: Map<string, string>;
  volumeIds: string[];
  /** Its public IP record while it has one (a dynamic IP, assigned on its first boot). */
  ipId: string | undefined;
  /**
   * `stopped` as created; `starting` after a power-on until read `readsUntilActive` times;
   * `stopping` after a power-off or a terminate (then gone) likewise.
   */
  state: 'running' | 'stopped' | 'stopped in place' | 'starting' | 'stopping' | 'locked';
  stateDetail: string;
  /** What the transition under way ends in. */
  transition: 'boot' | 'poweroff' | 'terminate' | undefined;
  creationDate: string;
  modificationDate: string;
  /** Fails its first boot with this reason (see `failNextCreation`). */
  failure: string | undefined;
  addressing: 'public' | 'private-only' | 'none';
  dynamicIpRequired: boolean;
}

/** A volume as the fake keeps it. */
export interface ScalewayFakeVolume {
  id: string;
  name: string;
  zone: string;
  project: string;
  volumeType: 'l_ssd' | 'b_ssd';
  size: number;
  serverId: string | undefined;
  creationDate: string;
}

/** A public IP as the fake keeps it. */
export interface ScalewayFakeIp {
  id: string;
  address: string;
  zone: string;
  project: string;
  serverId: string | undefined;
  dynamic: boolean;
}

/** One security group rule as the fake keeps it. */
export interface ScalewayFakeRule {
  id: string;
  protocol: 'TCP' | 'UDP' | 'ICMP' | 'ANY';
  direction: 'inbound' | 'outbound';
  action: 'accept' | 'drop';
  ipRange: string;
  destPortFrom: number | null;
  destPortTo: number | null;
  position: number;
  editable: boolean;
}

/** A security group as the fake keeps it. */
export interface ScalewayFakeGroup {
  id: string;
  name: string;
  description: string;
  zone: string;
  project: string;
  tags: string[];
  stateful: boolean;
  inboundDefaultPolicy: 'accept' | 'drop';
  outboundDefaultPolicy: 'accept' | 'drop';
  enableDefaultSecurity: boolean;
  projectDefault: boolean;
  rules: ScalewayFakeRule[];
  creationDate: string;
  modificationDate: string;
}
