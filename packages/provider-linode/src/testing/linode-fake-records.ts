import type { ResourceStore } from '@provision/testkit/fake-cloud';

/** Linode states the fake moves through (a subset of the description's `status` enum). */
export type LinodeStatus =
  | 'provisioning'
  | 'booting'
  | 'running'
  | 'shutting_down'
  | 'offline'
  | 'rebooting'
  | 'deleting';

/** A Linode as the fake keeps it (`id` is the integer id as a decimal string). */
export interface LinodeFakeInstance {
  id: string;
  label: string;
  region: string;
  type: string;
  image: string | null;
  status: LinodeStatus;
  tags: string[];
  created: string;
  updated: string;
  /** `metadata.user_data` as sent (base64); `undefined` when none was given. */
  userDataBase64: string | undefined;
  /** The Cloud Firewall given as `firewall_id` at creation, if any. */
  firewallId: string | undefined;
  publicIpv4: string;
  privateIpv4: string;
  ipv6: string;
  /** Which addresses it shows: `public` (default), `private-only` or `none` (tests). */
  addressing: 'public' | 'private-only' | 'none';
  /** Reads it still answers `deleting` after its DELETE. */
  deleteReadsLeft: number;
  /** Set by `failNextCreation`: the creation fails and the Linode goes, leaving a failed event. */
  failure: string | undefined;
}

/** One firewall rule as the API takes and answers it. */
export interface FirewallRule {
  action: 'ACCEPT' | 'DROP';
  protocol: 'TCP' | 'UDP' | 'ICMP' | 'IPENCAP';
  ports?: string;
  addresses: { ipv4?: string[]; ipv6?: string[] };
  label?: string;
  description?: string;
}

/** A Cloud Firewall as the fake keeps it. */
export interface LinodeFakeFirewall {
  id: string;
  label: string;
  tags: string[];
  created: string;
  updated: string;
  inbound: FirewallRule[];
  inboundPolicy: 'ACCEPT' | 'DROP';
  /** A disabled firewall filters nothing. */
  status: 'enabled' | 'disabled';
  outbound: FirewallRule[];
  outboundPolicy: 'ACCEPT' | 'DROP';
  version: number;
  /** Linode ids it is assigned to. */
  linodes: number[];
}

/** An event of `GET /v4/account/events` (only `linode_create` is recorded). */
export interface LinodeFakeEvent {
  id: number;
  action: 'linode_create';
  created: string;
  status: 'started' | 'finished' | 'failed';
  message: string | null;
  entity: { id: number; label: string; type: 'linode'; url: string };
}

/** What the route modules share: stores, counters, clock and the base's helpers. */
export interface LinodeFakeContext {
  readonly linodes: ResourceStore<LinodeFakeInstance>;
  readonly firewalls: ResourceStore<LinodeFakeFirewall>;
  readonly events: LinodeFakeEvent[];
  readonly lifecycle: { read(key: string): boolean; restart(key: string): void };
  /** Reads a deleted Linode answers (as `deleting`) before it is gone. */
  readonly destroyAfterReads: number;
  /** Linodes the account may have; creates beyond it answer 400. */
  linodeLimit: number;
  /** Most items a page holds, below `page_size`; undefined: as asked. */
  maxPageSize: number | undefined;
  now(): string;
  /** 1, 2, 3... one per Linode, for its addresses. */
  nextAddressIndex(): number;
  nextEventId(): number;
  hasCapacity(region: string, type: string): boolean;
  takeAsyncFailure(operation: string): string | undefined;
}
