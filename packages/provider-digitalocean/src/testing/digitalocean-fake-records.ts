import type { ResourceStore } from '@provision/testkit/fake-cloud';

/** Droplet states of `resources/droplets/models/droplet.yml`. */
export type DropletStatus = 'new' | 'active' | 'off' | 'archive';

/** A Droplet as the fake keeps it (`id` is the integer id as a decimal string). */
export interface DigitalOceanFakeDroplet {
  id: string;
  name: string;
  region: string;
  size: string;
  image: string;
  status: DropletStatus;
  locked: boolean;
  createdAt: string;
  tags: string[];
  features: string[];
  ipv6: boolean;
  monitoring: boolean;
  backups: boolean;
  /** The user data exactly as sent, so tests can check it arrived intact. */
  userData: string | undefined;
  vpcUuid: string;
  publicIpv4: string;
  /**
   * Which addresses the Droplet shows once it has any: `public` (default), `private-only` (a VPC
   * address only) or `none`. Set by tests through `DigitalOceanFake.setAddressing`.
   */
  addressing?: 'public' | 'private-only' | 'none';
  privateIpv4: string;
  ipv6Address: string;
  createActionId: number;
  /** Set by `failNextCreation`: the create will error and the Droplet will vanish. */
  failure: string | undefined;
  /** `DELETE` was accepted; the Droplet disappears after `destroyReads` more reads. */
  destroying: boolean;
  destroyReads: number;
  /** The action in progress, if any (the Droplet is locked meanwhile). */
  pendingActionId: number | undefined;
}

/** An SSH key of the account (`resources/ssh_keys/models/sshKeys.yml`); `id` is the integer id as a decimal string. */
export interface DigitalOceanFakeSshKey {
  id: string;
  name: string;
  publicKey: string;
  /** MD5 of the key blob, colon-separated hex. */
  fingerprint: string;
}

/** An action record (`resources/actions/models/action.yml`). */
export interface DigitalOceanFakeAction {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  startedAt: string;
  completedAt: string | null;
  resourceId: number;
  region: string;
  /** Why an errored action failed; the API has no field for it, so only tests see it. */
  reason?: string;
}

/** One firewall rule as stored (`resources/firewalls/models/firewall_rule.yml`). */
export interface FirewallRuleRecord {
  protocol: 'tcp' | 'udp' | 'icmp';
  ports: string;
  /** `sources` (inbound) or `destinations` (outbound). */
  targets: {
    addresses?: string[];
    droplet_ids?: number[];
    load_balancer_uids?: string[];
    kubernetes_ids?: string[];
    tags?: string[];
  };
}

/** A cloud firewall as the fake keeps it. */
export interface DigitalOceanFakeFirewall {
  id: string;
  name: string;
  status: 'waiting' | 'succeeded' | 'failed';
  createdAt: string;
  dropletIds: number[];
  tags: string[];
  inboundRules: FirewallRuleRecord[];
  outboundRules: FirewallRuleRecord[];
}

/** What the route modules need from the fake: its stores, counters, clock and the base's helpers. */
export interface DigitalOceanFakeContext {
  readonly droplets: ResourceStore<DigitalOceanFakeDroplet>;
  readonly firewalls: ResourceStore<DigitalOceanFakeFirewall>;
  readonly sshKeys: ResourceStore<DigitalOceanFakeSshKey>;
  readonly actions: Map<number, DigitalOceanFakeAction>;
  /** Tags that exist in the account (created by tagging a Droplet). */
  readonly knownTags: Set<string>;
  readonly lifecycle: { read(key: string): boolean; restart(key: string): void };
  readonly baseUrl: string;
  readonly dropletLimit: number;
  readonly destroyAfterReads: number;
  /** Most items a listing page holds, below `per_page`; undefined: as asked (up to 200). */
  readonly maxPerPage: number | undefined;
  /** Now, formatted as the API formats times. */
  now(): string;
  nextActionId(): number;
  /** 1, 2, 3... one per Droplet, for its addresses. */
  nextAddressIndex(): number;
  /** Answers at once with a DigitalOcean error. */
  fail(status: number, id: string, message: string): never;
  hasCapacity(region: string, size: string): boolean;
  takeAsyncFailure(operation: string): string | undefined;
}
