import { FAKE_REGIONS } from './aws-fake-catalog.js';
import { filters, matchesAny, type Params, scalars } from './aws-fake-query.js';
import type { AwsFakeContext } from './aws-fake-records.js';
import type { XmlStructure } from './aws-fake-xml.js';

/**
 * What an account holds besides instances and groups, as a generic client asks on its way to a
 * launch: availability zones, Elastic IP addresses (the fake allocates none) and key pairs (the fake
 * holds none). Filters and error codes from the EC2 API reference (DescribeAvailabilityZones,
 * DescribeAddresses, DescribeKeyPairs), checked 2026-12-01.
 */

// Zone ids name the region by its short form: us-east-1 -> use1, ap-southeast-2 -> apse2.
const DIRECTIONS: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** The fake's zones of a region: `<region>a`, `b` and `c`, ids `<short region>-az1..3`. */
export function zonesOf(region: string): Array<{ name: string; id: string }> {
  const [area = '', direction = '', number = ''] = region.split('-');
  const short = `${area}${DIRECTIONS[direction] ?? direction}${number}`;
  return ['a', 'b', 'c'].map((letter, index) => ({
    name: `${region}${letter}`,
    id: `${short}-az${index + 1}`,
  }));
}

const ZONE_FILTERS = new Set([
  'zone-name',
  'zone-id',
  'region-name',
  'state',
  'zone-type',
  'opt-in-status',
  'group-name',
  'message',
]);

function checkFilters(
  context: AwsFakeContext,
  params: Params,
  known: ReadonlySet<string>,
  tags = false,
): Map<string, string[]> {
  const wanted = filters(params);
  for (const name of wanted.keys())
    if (!known.has(name) && !(tags && (name.startsWith('tag:') || name === 'tag-key')))
      context.fail(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
  return wanted;
}

/** `DescribeAvailabilityZones`: the region's zones, by `ZoneName.N`, `ZoneId.N` or filters. */
export function describeAvailabilityZones(
  context: AwsFakeContext,
  params: Params,
  region: string,
): XmlStructure {
  const wanted = checkFilters(context, params, ZONE_FILTERS);
  const names = scalars(params, 'ZoneName');
  const ids = scalars(params, 'ZoneId');
  const zones = zonesOf(region);
  const unknown = [
    ...names.filter((name) => !zones.some((zone) => zone.name === name)),
    ...ids.filter((id) => !zones.some((zone) => zone.id === id)),
  ];
  if (unknown.length > 0)
    context.fail(400, 'InvalidParameterValue', `Invalid availability zone: [${unknown.join(', ')}]`);
  const optIn = FAKE_REGIONS.find((known) => known.name === region)?.optInStatus ?? 'opt-in-not-required';
  const fields = (zone: { name: string; id: string }): Record<string, string> => ({
    'zone-name': zone.name,
    'zone-id': zone.id,
    'region-name': region,
    state: 'available',
    'zone-type': 'availability-zone',
    'opt-in-status': optIn,
    'group-name': region,
  });
  const matching = zones.filter(
    (zone) =>
      (names.length === 0 || names.includes(zone.name)) &&
      (ids.length === 0 || ids.includes(zone.id)) &&
      [...wanted].every(([name, values]) => matchesAny(values, fields(zone)[name])),
  );
  return {
    availabilityZoneInfo: matching.map((zone) => ({
      zoneName: zone.name,
      zoneId: zone.id,
      zoneState: 'available',
      regionName: region,
      optInStatus: optIn,
      messageSet: [],
      groupName: region,
      networkBorderGroup: region,
      zoneType: 'availability-zone',
    })),
  };
}

const ADDRESS_FILTERS = new Set([
  'allocation-id',
  'association-id',
  'domain',
  'instance-id',
  'network-border-group',
  'network-interface-id',
  'network-interface-owner-id',
  'private-ip-address',
  'public-ip',
]);

/**
 * `DescribeAddresses`: the fake allocates no Elastic IP (instances get public addresses from the
 * default subnet), so the list is empty and naming one is an error.
 */
export function describeAddresses(context: AwsFakeContext, params: Params): XmlStructure {
  checkFilters(context, params, ADDRESS_FILTERS, true);
  const ips = scalars(params, 'PublicIp');
  if (ips.length > 0) context.fail(400, 'InvalidAddress.NotFound', `Address '${ips[0]}' not found.`);
  const allocations = scalars(params, 'AllocationId');
  if (allocations.length > 0)
    context.fail(400, 'InvalidAllocationID.NotFound', `The allocation ID '${allocations[0]}' does not exist`);
  return { addressesSet: [] };
}

const KEY_PAIR_FILTERS = new Set(['key-pair-id', 'fingerprint', 'key-name']);

/** `DescribeKeyPairs`: the fake holds no key pair (hosts are configured by user data, not SSH). */
export function describeKeyPairs(context: AwsFakeContext, params: Params): XmlStructure {
  checkFilters(context, params, KEY_PAIR_FILTERS, true);
  const named = [...scalars(params, 'KeyName'), ...scalars(params, 'KeyPairId')];
  if (named.length > 0)
    context.fail(400, 'InvalidKeyPair.NotFound', `The key pair '${named[0]}' does not exist`);
  return { keySet: [] };
}
