import type { ResourceStore } from '@provision/testkit/fake-cloud';
import type { FakeImage, FakeServerType } from './hetzner-fake-catalog.js';

/** A server's status words (`server.status` in the description). */
export type HetznerServerStatus = 'initializing' | 'starting' | 'running' | 'stopping' | 'off' | 'deleting';

/** A server as the fake holds it. */
export interface HetznerFakeServer {
  /** The numeric id, as a string (store key). */
  readonly id: string;
  readonly name: string;
  status: HetznerServerStatus;
  /** Where a transition goes once its reads are done. */
  next?: HetznerServerStatus | 'gone';
  /** Reads since its deletion began. */
  reads?: number;
  readonly created: string;
  readonly labels: Record<string, string>;
  readonly location: string;
  readonly type: FakeServerType;
  readonly image: FakeImage;
  readonly userData?: string;
  /** Ids of its primary IPs (`public_net.ipv4.id`, `ipv6.id`). */
  readonly primaryIps: string[];
  /** What addresses it shows: `public` (default), `private-only` or `none` (set by tests). */
  addressing: 'public' | 'private-only' | 'none';
}

/** A firewall rule as stored. */
export interface HetznerFakeRule {
  readonly direction: 'in' | 'out';
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'esp' | 'gre';
  readonly port: string | null;
  readonly source_ips: string[];
  readonly destination_ips: string[];
  readonly description?: string | null;
}

/** A firewall as the fake holds it. */
export interface HetznerFakeFirewall {
  readonly id: string;
  name: string;
  labels: Record<string, string>;
  readonly rules: HetznerFakeRule[];
  /** Ids of the servers it is applied to. */
  readonly servers: number[];
  created: string;
}

/** A primary IP as the fake holds it. */
export interface HetznerFakePrimaryIp {
  readonly id: string;
  readonly type: 'ipv4' | 'ipv6';
  /** The address, or for IPv6 the /64 network. */
  readonly ip: string;
  readonly name: string;
  assigneeId: number | null;
  readonly autoDelete: boolean;
  readonly location: string;
  readonly created: string;
}

/** An action as the fake holds it. */
export interface HetznerFakeAction {
  readonly id: number;
  readonly command: string;
  status: 'running' | 'success' | 'error';
  readonly started: string;
  finished: string | null;
  readonly resources: Array<{ id: number; type: string }>;
  /** Why it fails once it is done, for a creation `failNextCreation` broke. */
  readonly failure?: string;
  error: { code: string; message: string } | null;
}

/** What the route handlers share. */
export interface HetznerFakeContext {
  readonly servers: ResourceStore<HetznerFakeServer>;
  readonly firewalls: ResourceStore<HetznerFakeFirewall>;
  readonly primaryIps: ResourceStore<HetznerFakePrimaryIp>;
  readonly actions: Map<number, HetznerFakeAction>;
  readonly lifecycle: { read(key: string): boolean; restart(key: string): void };
  readonly serverLimit: () => number;
  readonly maxPerPage: () => number | undefined;
  /** Reads of a deleted server until it is gone. */
  readonly destroyAfterReads: number;
  now(): string;
  /** Starts an action on the resources; it succeeds (or fails with `failure`) after a few reads. */
  startAction(
    command: string,
    resources: Array<{ id: number; type: string }>,
    failure?: string,
  ): HetznerFakeAction;
  nextAddressIndex(): number;
  hasCapacity(location: string, type: string): boolean;
  takeAsyncFailure(operation: string): string | undefined;
}
