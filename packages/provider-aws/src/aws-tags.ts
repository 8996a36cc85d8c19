import { decodeManagedTags, encodeManagedTags, MANAGED_BY_VALUE, MANAGED_TAG_KEYS } from '@provision/core';

/** An EC2 tag as the SDK takes and gives it. */
export interface Ec2Tag {
  Key?: string | undefined;
  Value?: string | undefined;
}

/** On a host's security group: which generation of the host name it was made for. */
export const GENERATION_TAG_KEY = 'provision-generation';

/**
 * On a host's security group: when it was made (ISO 8601, UTC, the creating machine's clock). EC2
 * keeps no creation time for a security group, so the orphan scan reads this one to leave a group
 * made moments ago alone.
 */
export const CREATED_AT_TAG_KEY = 'provision-created-at';

/**
 * On an instance that `delete({ ip })` terminated while it had a security group: the public
 * address it had. EC2 releases the address at termination, so the later calls of that converging
 * delete find the instance (and so its group) by this tag instead.
 */
export const RELEASED_ADDRESS_TAG_KEY = 'provision-released-ip';

/** Beside `RELEASED_ADDRESS_TAG_KEY`: the host's security group, which a terminated instance may no longer list. */
export const RELEASED_GROUP_TAG_KEY = 'provision-released-group';

/** The `DescribeInstances`/`DescribeSecurityGroups` filter every managed resource matches. */
export const MANAGED_FILTER = { Name: `tag:${MANAGED_TAG_KEYS.managedBy}`, Values: [MANAGED_BY_VALUE] };

/** The filter matching one owner's resources. */
export function ownerFilter(owner: string) {
  return { Name: `tag:${MANAGED_TAG_KEYS.owner}`, Values: [owner] };
}

/**
 * EC2 tags natively hold key/value pairs, so the managed tags (the identity digest among them) and
 * the user's are stored as they are; the manifest's `limits.tags.storage` holds them to EC2's limits.
 */
export function instanceTags(input: {
  name: string;
  owner: string;
  ttlMs: number | undefined;
  tags: Readonly<Record<string, string>>;
}): Ec2Tag[] {
  return Object.entries(encodeManagedTags(input)).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * The tags of a host's security group: the managed tags (no user tags, no expiry), the generation
 * and the creation time.
 */
export function securityGroupTags(
  owner: string,
  name: string,
  generation: number,
  createdAt: Date,
): Ec2Tag[] {
  return [
    ...instanceTags({ name, owner, ttlMs: undefined, tags: {} }),
    { Key: GENERATION_TAG_KEY, Value: String(generation) },
    { Key: CREATED_AT_TAG_KEY, Value: createdAt.toISOString() },
  ];
}

/** EC2 tags back to a map. */
export function tagMap(tags: readonly Ec2Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) map[tag.Key] = tag.Value ?? '';
  return map;
}

/** What the managed tags say, and the user's own tags. */
export function readTags(tags: readonly Ec2Tag[] | undefined) {
  return decodeManagedTags(tagMap(tags));
}

/**
 * The security group's name: unique per VPC, so it is what a retried `provision()` finds the group
 * by. The generation keeps a new host of a reused name off the group its predecessor still holds.
 * It spells out `<owner>_<name>` (not the identity digest) so the console shows whose group it is:
 * at most 4 + 10 + 32 + 1 + 63 + 11 characters, well within EC2's 255. Names and owners never contain `_`.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html (255 characters)
 */
export function securityGroupName(owner: string, name: string, generation: number): string {
  return `provision/${owner}_${name}/${generation}`;
}

/** True for a group name this plugin makes. */
export function isHostGroupName(groupName: string | undefined): boolean {
  return groupName !== undefined && /^provision\/[a-z0-9-]+_[a-z0-9-]+\/\d+$/.test(groupName);
}
