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

// The same ranges as [first address, one past the last, what it is], computed once: a listing
// checks the address of every host.
const RANGES = NON_PUBLIC.map(([first, second, prefix, what]) => {
  const base = first * 2 ** 24 + second * 2 ** 16;
  return [base, base + 2 ** (32 - prefix), what] as const;
});

function rangeOf(value: number): string | undefined {
  for (const [start, end, what] of RANGES) if (value >= start && value < end) return what;
  return undefined;
}

/** What kind of non-public address `ip` (a valid dotted IPv4) is, or undefined for a public one. */
export function nonPublicRange(ip: string): string | undefined {
  // Digits and dots are read in one pass, without the arrays of a split; anything else is read
  // as `Number()` reads each part, as before (a part it cannot read makes the address public).
  let value = 0;
  let octet = 0;
  for (let index = 0; index < ip.length; index++) {
    const code = ip.charCodeAt(index);
    if (code === 46) {
      value = value * 256 + octet;
      octet = 0;
    } else if (code >= 48 && code <= 57) octet = octet * 10 + (code - 48);
    else return rangeOf(ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0));
  }
  return rangeOf(value * 256 + octet);
}
