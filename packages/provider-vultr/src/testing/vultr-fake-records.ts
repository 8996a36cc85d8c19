/** An instance as the fake keeps it. */
export interface VultrFakeInstance {
  id: string;
  label: string;
  hostname: string;
  region: string;
  plan: string;
  osId: number;
  tags: string[];
  /** The user-data exactly as sent: base64. */
  userData: string | undefined;
  firewallGroupId: string;
  enableIpv6: boolean;
  dateCreated: string;
  /** `pending` until read `readsUntilActive` times; `suspended` for a creation the fake failed. */
  status: 'pending' | 'active' | 'suspended' | 'resizing';
  powerStatus: 'running' | 'stopped';
  /** Index for its addresses, assigned when it turns active. */
  addressIndex: number;
  /** Fails instead of turning active (see `failNextCreation`). */
  failure: string | undefined;
  addressing: 'public' | 'private-only' | 'none';
}

/** A firewall rule as the fake keeps it. */
export interface VultrFakeRule {
  id: number;
  ip_type: 'v4' | 'v6';
  protocol: string;
  port: string;
  subnet: string;
  subnet_size: number;
  /** `''`, or `'cloudflare'`: Cloudflare's address space, subnet ignored. */
  source: string;
  notes: string;
}

/** A firewall group as the fake keeps it. */
export interface VultrFakeGroup {
  id: string;
  description: string;
  dateCreated: string;
  dateModified: string;
  rules: VultrFakeRule[];
}
