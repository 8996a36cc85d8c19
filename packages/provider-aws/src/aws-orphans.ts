import {
  DescribeSecurityGroupsCommand,
  type DescribeSecurityGroupsResult,
  type Filter,
} from '@aws-sdk/client-ec2';
import { type CallOptions, type DeleteResult, InvalidRequestError, type Orphan } from '@provision/core';
import type { AwsEc2 } from './aws-client.js';
import { describeAllInstances, LIVE_STATES } from './aws-listing.js';
import { deleteHostGroup } from './aws-security-group.js';
import { isHostGroupName, MANAGED_FILTER, ownerFilter, readTags } from './aws-tags.js';

const GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * Orphans on EC2 are per-host security groups (managed tags, `provision/<owner>_<name>/<n>` names)
 * that no instance uses any more: the instance was terminated outside provision, or a launch left
 * its group for a retry that never came. Looked for in the home region.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html
 */
export function awsOrphans(ec2: AwsEc2) {
  return {
    async orphans(filter: { readonly owner?: string } = {}, options?: CallOptions): Promise<Orphan[]> {
      const region = ec2.homeRegion;
      const filters: Filter[] = [
        MANAGED_FILTER,
        ...(filter.owner === undefined ? [] : [ownerFilter(filter.owner)]),
      ];
      const answer: DescribeSecurityGroupsResult = await ec2.send(
        region,
        new DescribeSecurityGroupsCommand({ Filters: filters }),
        'orphans',
        options?.signal,
      );
      const groups = (answer.SecurityGroups ?? []).filter(
        (group) => group.GroupId !== undefined && isHostGroupName(group.GroupName),
      );
      if (groups.length === 0) return [];
      // An instance that is not terminated still holds its group, even while it shuts down.
      const users = await describeAllInstances(
        ec2,
        region,
        [{ Name: 'instance.group-id', Values: groups.map((group) => group.GroupId as string) }, LIVE_STATES],
        'orphans',
        options,
      );
      const used = new Set(
        users.flatMap((instance) => (instance.SecurityGroups ?? []).map((group) => group.GroupId)),
      );
      return groups
        .filter((group) => !used.has(group.GroupId))
        .map((group): Orphan => {
          const owner = readTags(group.Tags).managed?.owner;
          return {
            kind: 'security-group',
            id: group.GroupId as string,
            name: group.GroupName as string,
            region,
            ...(owner === undefined ? {} : { owner }),
          };
        });
    },

    /** Deletes the group; `done: false` while an instance still uses it (`DependencyViolation`). */
    async deleteOrphan(orphan: Orphan, options?: CallOptions): Promise<DeleteResult> {
      if (orphan.kind !== 'security-group' || !GROUP_ID.test(orphan.id)) {
        throw new InvalidRequestError(`Not an AWS orphan: ${orphan.kind} ${orphan.id.slice(0, 60)}.`, {
          provider: 'aws',
          operation: 'orphans',
          field: 'orphan',
        });
      }
      const done = await deleteHostGroup(ec2, orphan.region ?? ec2.homeRegion, orphan.id, options, 'orphans');
      return done
        ? { done, id: orphan.id }
        : { done, id: orphan.id, remaining: [`security group ${orphan.id}`] };
    },
  };
}
