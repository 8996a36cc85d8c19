/** One inbound rule: a port or an inclusive port range, for one protocol. */
export interface PortRule {
  /** First port, 1-65535. */
  readonly from: number;
  /** Last port, inclusive, `>= from`. Omitted: the single port `from`. */
  readonly to?: number;
  /** Default `'tcp'`. */
  readonly protocol?: 'tcp' | 'udp';
}

/**
 * What may reach the host from the internet.
 * `'all'` opens every TCP and UDP port; a list opens exactly those ports (ICMP is not opened).
 * Omitted on a `HostSpec`, the cloud's default networking applies.
 */
export type Inbound = 'all' | readonly PortRule[];
