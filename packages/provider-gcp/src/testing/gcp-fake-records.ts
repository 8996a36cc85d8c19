/** An instance as the fake keeps it; `id` (the store key) is its path `projects/p/zones/z/instances/n`. */
export interface GcpFakeInstance {
  id: string;
  numericId: string;
  name: string;
  project: string;
  zone: string;
  machineType: string;
  status: 'PROVISIONING' | 'STAGING' | 'RUNNING' | 'STOPPING' | 'TERMINATED';
  labels: Record<string, string>;
  tags: string[];
  /** The `user-data` metadata value, as sent. */
  userData: string | undefined;
  metadata: { key: string; value: string }[];
  /** The image the boot disk was made from (its name, the family resolved). */
  image: string;
  natIP: string | undefined;
  /** `public` (an external IPv4 once running), `none` or `private-only`, for the contract's checks. */
  addressing: 'public' | 'none' | 'private-only';
  networkIP: string;
  creationTimestamp: string;
  /** The operation running on it (insert, start, stop, delete), if any. */
  operation: string | undefined;
  deleting: boolean;
}

/** A firewall rule as the fake keeps it; `id` is its name. */
export interface GcpFakeFirewall {
  id: string;
  numericId: string;
  name: string;
  project: string;
  description: string;
  network: string;
  priority: number;
  direction: 'INGRESS' | 'EGRESS';
  sourceRanges: string[];
  targetTags: string[] | undefined;
  allowed: { IPProtocol: string; ports?: string[] }[] | undefined;
  denied: { IPProtocol: string; ports?: string[] }[] | undefined;
  creationTimestamp: string;
}

/** What the fake knows of an operation beside its `LongRunningOperations` record. */
export interface GcpFakeOperationInfo {
  project: string;
  /** `undefined` for a global operation. */
  zone: string | undefined;
  targetLink: string;
  targetId: string;
  insertTime: string;
}
