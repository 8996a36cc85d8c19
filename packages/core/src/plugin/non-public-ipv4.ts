// IPv4 ranges that are never a host's public address (RFC 6890 special-purpose registry), as
// [first octets, prefix length, what it is].
const NON_PUBLIC: ReadonlyArray<readonly [number, number, number, string]> = [
  [0, 0, 8, '"this network" (0.0.0.0/8)'],
  [10, 0, 8, 'a private address (10.0.0.0/8)'],
  [100, 64, 10, 'a carrier-grade NAT address (100.64.0.0/10)'],
  [127, 0, 8, 'a loopback address (127.0.0.0/8)'],
  [169, 254, 16, 'a link-local address (169.254.0.0/16)'],
  [172, 16, 12, 'a private address (172.16.0.0/12)'],
  [192, 0, 24, 'an IETF protocol address (192.0.0.0/24)'],
  [192, 168, 16, 'a private address (192.168.0.0/16)'],
  [198, 18, 15, 'a benchmarking address (198.18.0.0/15)'],
  [224, 0, 4, 'a multicast address (224.0.0.0/4)'],
  [240, 0, 4, 'a reserved address (240.0.0.0/4)'],
];

/** What kind of non-public address `ip` (a valid dotted IPv4) is, or undefined for a public one. */
export function nonPublicRange(ip: string): string | undefined {
  const value = ip.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  for (const [first, second, prefix, what] of NON_PUBLIC) {
    const base = first * 2 ** 24 + second * 2 ** 16;
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) return what;
  }
  return undefined;
}
