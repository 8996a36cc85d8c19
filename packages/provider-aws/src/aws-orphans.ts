import {
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type Filter,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { createOrphanScanner } from '@provision/provider-utils';
import type { AwsEc2 } from './aws-client.js';
import { describeAllInstances, LIVE_STATES } from './aws-listing.js';
import { deleteHostGroup } from './aws-security-group.js';
import {
  CREATED_AT_TAG_KEY,
  isHostGroupName,
  MANAGED_FILTER,
  ownerFilter,
  readTags,
  tagMap,
} from './aws-tags.js';

/**
 * Orphans on EC2 are per-host security groups (managed tags, `provision/<owner>_<name>/<n>` names)
 * that no instance uses any more: the instance was terminated outside provision, or a launch left
 * its group for a retry that never came. Looked for in the home region: one request for the groups,
 * one for the instances that use them (an instance that is not terminated still holds its group,
 * even while it shuts down). Deleting one answers `done: false` while an instance still uses it.
 * EC2 gives a security group no creation time: the group's own `provision-created-at` tag, written
 * in `CreateSecurityGroup`'s `TagSpecifications`, is read instead, and a group made less than
 * `ORPHAN_MIN_AGE_MS` ago is never an orphan (a provision makes it a moment before the instance).
 * A group without the tag (made by an older version) is judged by use alone.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
 */
export function awsOrphans(ec2: AwsEc2) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'aws',
    kind: 'security-group',
    idPattern: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
    async list(filter, options) {
      const filters: Filter[] = [
        MANAGED_FILTER,
        ...(filter.owner === undefined ? [] : [ownerFilter(filter.owner)]),
      ];
      const answer: DescribeSecurityGroupsResult = await ec2.send(
        ec2.homeRegion,
        new DescribeSecurityGroupsCommand({ Filters: filters }),
        'orphans',
        options?.signal,
      );
      return answer.SecurityGroups ?? [];
    },
    async inUse(groups: readonly SecurityGroup[], options) {
      const users = await describeAllInstances(
        ec2,
        ec2.homeRegion,
        [{ Name: 'instance.group-id', Values: groups.map((group) => group.GroupId as string) }, LIVE_STATES],
        'orphans',
        options,
      );
      const used = new Set(
        users.flatMap((instance) => (instance.SecurityGroups ?? []).map((group) => group.GroupId)),
      );
      return new Set(groups.filter((group) => used.has(group.GroupId)));
    },
    describe(group: SecurityGroup) {
      if (group.GroupId === undefined || !isHostGroupName(group.GroupName)) return undefined;
      const owner = readTags(group.Tags).managed?.owner;
      return {
        id: group.GroupId,
        name: group.GroupName as string,
        region: ec2.homeRegion,
        ...(owner === undefined ? {} : { owner }),
      };
    },
    remove: (orphan, options) =>
      deleteHostGroup(ec2, orphan.region ?? ec2.homeRegion, orphan.id, options, 'orphans'),
    createdAt: (group: SecurityGroup) => tagMap(group.Tags)[CREATED_AT_TAG_KEY],
  });
  return { orphans, deleteOrphan };
}
