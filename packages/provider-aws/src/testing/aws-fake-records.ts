import type { ResourceStore } from '@provision/testkit/fake-cloud';

/** EC2's instance state names and their codes (the low byte of `instanceState.code`). */
export const STATE_CODES = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;

/** An instance state name. */
export type InstanceStateName = keyof typeof STATE_CODES;

/** A tag as EC2 holds it. */
export interface FakeTag {
  key: string;
  value: string;
}

/** One instance. Live ones sit in the `instance` store; terminated ones only in the fake's records. */
export interface AwsFakeInstance {
  id: string;
  /** Terminated long enough ago (about an hour) that EC2 no longer describes it; its client token still answers. */
  forgotten?: boolean;
  region: string;
  zone: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: string;
  state: InstanceStateName;
  stateReason: { code: string; message: string } | undefined;
  transitionReason: string;
  launchTime: string;
  clientToken: string;
  tags: FakeTag[];
  groupIds: string[];
  subnetId: string;
  networkInterfaceId: string;
  /** The primary interface's attachment, MAC address and the root volume, as DescribeInstances shows them. */
  attachmentId: string;
  macAddress: string;
  volumeId: string;
  privateIp: string;
  publicIp: string | undefined;
  /** Asked for with `AssociatePublicIpAddress` (or the default subnet's public-IP-on-launch). */
  wantsPublicIp: boolean;
  userData: string | undefined;
  httpTokens: string;
  /** Set by `failNextCreation`: the launch ends `terminated` with this reason. */
  failure: string | undefined;
}

/** One inbound or outbound rule, one protocol, port range and address range. */
export interface FakeRule {
  protocol: string;
  from: number | undefined;
  to: number | undefined;
  cidrIpv4: string | undefined;
  cidrIpv6: string | undefined;
  /** A rule that admits the members of a group (the default group admits its own members). */
  sourceGroupId?: string;
  ruleId: string;
}

/** A security group of the region's default VPC. */
export interface AwsFakeSecurityGroup {
  id: string;
  region: string;
  name: string;
  description: string;
  vpcId: string;
  tags: FakeTag[];
  ingress: FakeRule[];
  egress: FakeRule[];
}

/** What `RunInstances` remembers of a client token (per region), for at least 24 hours in EC2. */
export interface FakeTokenRecord {
  params: string;
  reservationId: string;
  instanceIds: string[];
}

/** State and helpers the operation handlers share. */
export interface AwsFakeContext {
  readonly instances: ResourceStore<AwsFakeInstance>;
  /** Every instance ever launched, live or terminated (EC2 keeps showing terminated ones a while). */
  readonly allInstances: Map<string, AwsFakeInstance>;
  readonly securityGroups: ResourceStore<AwsFakeSecurityGroup>;
  /**
   * The region's default VPC security group, made on first use. Not in `securityGroups`: it belongs
   * to the account's default VPC, not to anyone's resources, so it is never a leftover.
   */
  defaultGroup(region: string): AwsFakeSecurityGroup;
  readonly tokens: Map<string, FakeTokenRecord>;
  readonly lifecycle: { read(key: string): boolean; restart(key: string): void };
  readonly vcpuLimit: number;
  /** Most items in one page of a listing, below what the request asked; undefined: as asked. */
  readonly maxPageSize: number | undefined;
  readonly ownerId: string;
  now(): string;
  nextHex(): string;
  nextAddress(): { publicIp: string; privateIp: string };
  fail(status: number, code: string, message: string): never;
  hasCapacity(region: string, plan: string): boolean;
  takeAsyncFailure(operation: string): string | undefined;
}
