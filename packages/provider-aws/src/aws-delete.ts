import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  type Instance,
  TerminateInstancesCommand,
  type TerminateInstancesResult,
} from '@aws-sdk/client-ec2';
import { ProviderApiError } from '@provision/core';
import { createHostDeletion, type HostDeletion, hasProviderCode } from '@provision/provider-utils';
import type { AwsEc2 } from './aws-client.js';
import { awsIds } from './aws-ids.js';
import { describeAllInstances, LIVE_STATES } from './aws-listing.js';
import { deleteHostGroup } from './aws-security-group.js';
import { MANAGED_FILTER, RELEASED_ADDRESS_TAG_KEY, RELEASED_GROUP_TAG_KEY, readTags } from './aws-tags.js';
import { hostGroupOf } from './map-aws-instance.js';

/** An instance with the region it lives in. */
interface Regional {
  readonly instance: Instance;
  readonly region: string;
}

const groupsOf = (region: string, groupId: string | undefined) =>
  groupId === undefined ? [] : [{ kind: 'security group', id: groupId, scope: region }];

const stateOf = ({ instance }: Regional) => instance.State?.Name;

/** The provision id of an instance in `region`. */
export function hostId(
  region: string,
  instance: { InstanceId?: string | undefined },
  groupId?: string,
): string {
  return awsIds.encode({ region, instanceId: instance.InstanceId as string, securityGroupId: groupId });
}

// EC2 answers TerminateInstances with each instance's current state. An answer without it says
// nothing about the instance, and must never read as "terminated".
function terminationState(answer: TerminateInstancesResult, instanceId: string): string {
  const item =
    answer.TerminatingInstances?.find((candidate) => candidate.InstanceId === instanceId) ??
    answer.TerminatingInstances?.[0];
  const state = item?.CurrentState?.Name;
  if (state === undefined) {
    throw new ProviderApiError(
      `AWS EC2 answered TerminateInstances without the state of instance ${instanceId}, so whether it is terminating is unknown.`,
      {
        provider: 'aws',
        operation: 'delete',
        code: 'invalid_response',
        retryable: true,
        hint: 'Repeat the delete; it is safe to repeat.',
      },
    );
  }
  return state;
}

/**
 * `delete()` of EC2 hosts (see `createHostDeletion`): one `DescribeInstances`, then
 * `TerminateInstances` while the instance lives (none while it is `shutting-down`), or
 * `DeleteSecurityGroup` once it is `terminated` (EC2 refuses the group before, so the host is never
 * reachable on ports it did not ask for while it shuts down): two requests a call at most. EC2
 * keeps a terminated instance's record for about an hour: the host is found while it does. By IP,
 * in the home region: the live instances holding the address; EC2 releases the address at
 * termination, so the call that terminates a host with a group first tags the instance with the
 * address and the group, and later calls find it by that tag.
 */
export function awsDeletion(ec2: AwsEc2): HostDeletion {
  return createHostDeletion<Regional>({
    machineKind: 'instance',
    decode(id) {
      const { region, instanceId, securityGroupId } = awsIds.decode(id, 'delete');
      return { machineId: `${region}/${instanceId}`, secondaries: groupsOf(region, securityGroupId) };
    },
    async read(machineId, options) {
      const [region = '', instanceId = ''] = machineId.split('/');
      try {
        const answer: DescribeInstancesResult = await ec2.send(
          region,
          new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
          'delete',
          options?.signal,
        );
        const instance = answer.Reservations?.flatMap((reservation) => reservation.Instances ?? []).find(
          (candidate) => candidate.InstanceId === instanceId,
        );
        return instance === undefined ? undefined : { instance, region };
      } catch (error) {
        // Gone from EC2's records (about an hour after termination), or never there.
        if (hasProviderCode(error, 'InvalidInstanceID.NotFound')) return undefined;
        throw error;
      }
    },
    // Only a managed instance is ever terminated: a mistyped id of another one is not found.
    isManaged: ({ instance }) => readTags(instance.Tags).managed !== undefined,
    machineIdOf: (regional) => `${regional.instance.InstanceId} (${stateOf(regional)})`,
    isDeleting: (regional) => stateOf(regional) === 'shutting-down',
    isGone: (regional) => stateOf(regional) === 'terminated',
    async destroy({ instance, region }, options) {
      const instanceId = instance.InstanceId as string;
      const answer: TerminateInstancesResult = await ec2.send(
        region,
        new TerminateInstancesCommand({ InstanceIds: [instanceId] }),
        'delete',
        options?.signal,
      );
      const state = terminationState(answer, instanceId) as NonNullable<Instance['State']>['Name'];
      return { instance: { ...instance, State: { ...instance.State, Name: state } }, region };
    },
    remove: (group, options) =>
      deleteHostGroup(ec2, group.scope ?? ec2.homeRegion, group.id, options, 'delete'),
    // Public addresses are regional: the search covers the home region (the `region` setting,
    // AWS_REGION, AWS_DEFAULT_REGION, or the default region).
    async findByAddress(ip, options) {
      const region = ec2.homeRegion;
      const [live] = await describeAllInstances(
        ec2,
        region,
        [MANAGED_FILTER, { Name: 'ip-address', Values: [ip] }, LIVE_STATES],
        'delete',
        options,
      );
      // Not among the live addresses: an instance this delete terminated, whose group may remain.
      const instance =
        live ??
        (
          await describeAllInstances(
            ec2,
            region,
            [MANAGED_FILTER, { Name: `tag:${RELEASED_ADDRESS_TAG_KEY}`, Values: [ip] }],
            'delete',
            options,
          )
        )[0];
      if (instance === undefined) return undefined;
      const releasedGroup = instance.Tags?.find((tag) => tag.Key === RELEASED_GROUP_TAG_KEY)?.Value;
      const groupId = hostGroupOf(instance) ?? releasedGroup;
      return {
        machine: { instance, region },
        id: hostId(region, instance, groupId),
        secondaries: groupsOf(region, groupId),
      };
    },
    async release({ machine: { instance, region }, secondaries: [group] }, ip, options) {
      if (group === undefined) return;
      await ec2.send(
        region,
        new CreateTagsCommand({
          Resources: [instance.InstanceId as string],
          Tags: [
            { Key: RELEASED_ADDRESS_TAG_KEY, Value: ip },
            { Key: RELEASED_GROUP_TAG_KEY, Value: group.id },
          ],
        }),
        'delete',
        options?.signal,
      );
    },
  });
}
