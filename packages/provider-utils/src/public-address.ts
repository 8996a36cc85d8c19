import { nonPublicRange } from '@provision/core';

const DOTTED_QUAD = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The first of a machine's addresses that is an IPv4 address outside the reserved ranges (see
 * core's `nonPublicRange`): what a host's `ipv4` is. The cloud picks the candidates (Equinix
 * Metal's `public` IPv4 assignments, Linode's `ipv4` list, Civo's `public_ip`); an empty or
 * private one, or an IPv6 address, is passed over.
 */
export function firstPublicIpv4(addresses: Iterable<string | null | undefined>): string | undefined {
  for (const address of addresses)
    if (address && DOTTED_QUAD.test(address) && nonPublicRange(address) === undefined) return address;
  return undefined;
}
