/** An instance as the fake keeps it. */
export interface CivoFakeInstance {
  id: string;
  hostname: string;
  region: string;
  size: string;
  networkId: string;
  firewallId: string;
  /** The disk image's name (Civo's `source_id`), and its id as sent (`template_id`). */
  sourceId: string;
  templateId: string;
  tags: string[];
  /** The user-data exactly as sent (`script`). */
  script: string | undefined;
  publicIp: 'create' | 'none';
  createdAt: string;
  /**
   * `BUILDING` until read `readsUntilActive` times; `ERROR` for a creation the fake failed;
   * `DELETING` after its DELETE, for `destroyAfterReads` reads (it keeps its hostname).
   */
  status: 'BUILDING' | 'ACTIVE' | 'SHUTOFF' | 'ERROR' | 'DELETING';
  /** Reads a `DELETING` instance still answers before it is gone. */
  deleteReadsLeft: number;
  /** Index for its addresses, assigned when it turns active. */
  addressIndex: number;
  /** Fails instead of turning active (see `failNextCreation`). */
  failure: string | undefined;
  addressing: 'public' | 'private-only' | 'none';
}

/** A firewall rule as the fake keeps it. */
export interface CivoFakeRule {
  id: string;
  protocol: string;
  start_port: string;
  end_port: string;
  cidr: string[];
  direction: 'ingress' | 'egress';
  action: 'allow' | 'deny';
  label: string;
}

/** A firewall as the fake keeps it. */
export interface CivoFakeFirewall {
  id: string;
  name: string;
  region: string;
  networkId: string;
  rules: CivoFakeRule[];
}
