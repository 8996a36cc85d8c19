/** A server as the fake keeps it. */
export interface FakeServer {
  id: string;
  region: string;
  name: string;
  flavorId: string;
  imageId: string;
  metadata: Record<string, string>;
  /** The user-data exactly as sent: base64. */
  userData: string | undefined;
  /** Ports the server sits on; `novaPorts` are the ones Nova made for `networks: [{ uuid }]`. */
  portIds: string[];
  novaPorts: string[];
  status: 'BUILD' | 'ACTIVE' | 'SHUTOFF' | 'ERROR';
  created: string;
  updated: string;
  /** Why it failed, once it is ERROR (Nova's `fault`). */
  fault: { message: string; code: number } | undefined;
  /** The failure it meets instead of turning ACTIVE (an injected asynchronous failure or no capacity). */
  failure: { message: string; code: number } | undefined;
  addressing: 'public' | 'private-only' | 'none';
  /** Deleted, and gone after a few more reads (`task_state: deleting` until then). */
  deleting: boolean;
}

/** A Neutron network as the fake keeps it. */
export interface FakeNetwork {
  id: string;
  region: string;
  name: string;
  external: boolean;
  shared: boolean;
  projectId: string;
  subnetId: string;
  /** The first three octets of its addresses, e.g. `10.0.0`. */
  prefix: string;
}

/** A port as the fake keeps it. */
export interface FakePort {
  id: string;
  region: string;
  name: string;
  networkId: string;
  deviceId: string;
  deviceOwner: string;
  securityGroups: string[];
  ipAddress: string;
  macAddress: string;
  created: string;
}

/** A floating IP as the fake keeps it. */
export interface FakeFloatingIp {
  id: string;
  region: string;
  networkId: string;
  address: string;
  portId: string | null;
  description: string;
  created: string;
}

/** A security group rule as the fake keeps it. */
export interface FakeRule {
  id: string;
  securityGroupId: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  description: string;
}

/** A security group as the fake keeps it. */
export interface FakeSecurityGroup {
  id: string;
  region: string;
  name: string;
  description: string;
  rules: FakeRule[];
  created: string;
}

/** A flavor (the same in every region). */
export interface FakeFlavor {
  id: string;
  name: string;
  vcpus: number;
  ram: number;
  disk: number;
}

/** An image (the same in every region). */
export interface FakeImage {
  id: string;
  name: string;
  visibility: 'public' | 'private' | 'shared' | 'community';
  properties: Record<string, string>;
  minDisk: number;
  minRam: number;
  created: string;
}
