/**
 * One inbound rule of a host's firewall as the cloud holds it: a port range for one protocol, and
 * where it admits traffic from. The same shape as a `PortRule` with `to` and `protocol` filled in.
 */
export interface InboundRule {
  /** First port, 1-65535 (a cloud's port 0, "every port", reads as 1). */
  readonly from: number;
  /** Last port, inclusive, `>= from`. */
  readonly to: number;
  readonly protocol: 'tcp' | 'udp';
  /**
   * Where traffic may come from, sorted, in the cloud's words: CIDR ranges (`'198.51.100.0/24'`)
   * and other sources prefixed by their kind (`'security-group:sg-0abc'`, `'tag:web'`,
   * `'droplet:123'`). Omitted: from anywhere, IPv4 and IPv6 (what `HostSpec.inbound` opens).
   */
  readonly sources?: readonly string[];
}

/**
 * What may reach a host from outside, as its per-host firewall says now (`inboundRules()`).
 * - `{ kind: 'cloud-default' }`: no per-host firewall guards it, so the cloud's default networking
 *   applies (what that lets in belongs to the account or the cloud, and is not read here). The
 *   answer for a host provisioned without `inbound`.
 * - `{ kind: 'firewall', allows }`: a per-host firewall guards it. `allows` is `'all'` when it lets
 *   every TCP and UDP port in from anywhere (what `inbound: 'all'` asks for), else its rules,
 *   sorted by protocol and port, identical ranges merged (their sources joined), an empty list when
 *   it lets no port in.
 */
export type HostInbound =
  | { readonly kind: 'cloud-default' }
  | {
      readonly kind: 'firewall';
      readonly allows: 'all' | readonly InboundRule[];
      /**
       * Protocols without ports the firewall also lets in (`'icmp'`; `'all'` for a rule of every IP
       * protocol), sorted. Omitted when none: `HostSpec.inbound` never opens them.
       */
      readonly otherProtocols?: readonly string[];
    };
