import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  type Instance,
  TerminateInstancesCommand,
  type TerminateInstancesResult,
} from '@aws-sdk/client-ec2';
import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  ProviderApiError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { hasProviderCode } from '@provision/provider-utils';
import { awsCapabilities } from './aws-capabilities.js';
import { AwsEc2 } from './aws-client.js';
import { awsIds } from './aws-ids.js';
import { AwsImageResolver } from './aws-image.js';
import { awsInboundRules } from './aws-inbound-rules.js';
import { launch } from './aws-launch.js';
import { describeAllInstances, LIVE_STATES } from './aws-listing.js';
import { awsOrphans } from './aws-orphans.js';
import { deleteHostGroup } from './aws-security-group.js';
import type { AwsSettings } from './aws-settings.js';
import { inboundRulesOf, specMismatch } from './aws-spec-mismatch.js';
import {
  MANAGED_FILTER,
  ownerFilter,
  RELEASED_ADDRESS_TAG_KEY,
  RELEASED_GROUP_TAG_KEY,
  readTags,
} from './aws-tags.js';
import { implementationLoads } from './implementation-loads.js';
import { hostGroupOf, instanceToHost, launchFailure } from './map-aws-instance.js';

implementationLoads.count += 1;

/** The provision id of an instance in `region`. */
export function hostId(
  region: string,
  instance: { InstanceId?: string | undefined },
  groupId?: string,
): string {
  return awsIds.encode({ region, instanceId: instance.InstanceId as string, securityGroupId: groupId });
}

/**
 * AWS EC2 through `@aws-sdk/client-ec2`:
 * - provision: one `DescribeInstances` on the host's identity tag (a live host is returned as it
 *   is), then the Ubuntu image lookup (once per region) and one `RunInstances` whose `ClientToken`
 *   makes it idempotent by (owner, name); with `inbound` first the host's security group and its
 *   rules (2 requests). See `launch()`.
 * - status: one `DescribeInstances`. delete: `TerminateInstances` per call, and once the instance
 *   is terminated `DeleteSecurityGroup`. No SDK waiters: every call returns at once.
 */
class AwsProvisioner implements ProvisionerImplementationV1 {
  readonly #images: AwsImageResolver;

  constructor(private readonly ec2: AwsEc2) {
    this.#images = new AwsImageResolver(ec2);
  }

  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const resolveImage = () => this.#images.resolve(spec.region, spec.image, spec.plan, options);
    const { instance, groupId, existing } = await launch(this.ec2, spec.region, spec, resolveImage, options);
    const host = instanceToHost(instance, spec.region, hostId(spec.region, instance, groupId));
    if (!existing) return host;
    // The comparison is advice: a failure to read the rules never fails the call.
    const rules = await inboundRulesOf(this.ec2, spec.region, groupId, spec, options).catch(
      (error: unknown) => {
        if (options?.signal?.aborted) throw error;
        return undefined;
      },
    );
    const mismatch = specMismatch(instance, spec, rules);
    return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
  }

  async status(id: string, options?: CallOptions): Promise<Host> {
    const { region, instanceId } = awsIds.decode(id, 'status');
    let answer: DescribeInstancesResult;
    try {
      answer = await this.ec2.send(
        region,
        new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
        'status',
        options?.signal,
      );
    } catch (error) {
      if (hasProviderCode(error, 'InvalidInstanceID.NotFound'))
        throw new HostNotFoundError(id, { provider: 'aws', operation: 'status' });
      throw error;
    }
    const instance = answer.Reservations?.[0]?.Instances?.[0];
    // A terminated instance is a deleted host, unless EC2 ended its launch: that is an error to show.
    if (
      instance === undefined ||
      (instance.State?.Name === 'terminated' && launchFailure(instance) === undefined)
    )
      throw new HostNotFoundError(id, { provider: 'aws', operation: 'status' });
    return instanceToHost(instance, region, id);
  }

  /**
   * One `DescribeInstances`, then `TerminateInstances` while the instance lives, or
   * `DeleteSecurityGroup` once it is terminated: two requests a call at most. Only a managed
   * instance is ever terminated: a mistyped id of another instance of the account is not found.
   */
  async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    const byAddress = 'id' in ref ? undefined : await this.#instanceForAddress(ref.ip, options);
    if (!('id' in ref) && byAddress === undefined) return { done: true, found: false };
    const id = 'id' in ref ? ref.id : (byAddress?.id as string);
    const { region, instanceId, securityGroupId: groupId } = awsIds.decode(id, 'delete');
    const instance = byAddress?.instance ?? (await this.#describeOne(region, instanceId, options));
    const managed = instance !== undefined && readTags(instance.Tags).managed !== undefined;
    let state: string | undefined = managed ? instance?.State?.Name : 'terminated';
    // An instance already shutting down needs no second request: the next call sees it terminated.
    if (managed && state !== 'terminated' && state !== 'shutting-down') {
      // By IP, with a group to delete after: EC2 releases the address at termination, so the
      // instance is marked with it first, for the later calls to find it (and its group) by.
      if (!('id' in ref) && groupId !== undefined)
        await this.ec2.send(
          region,
          new CreateTagsCommand({
            Resources: [instanceId],
            Tags: [
              { Key: RELEASED_ADDRESS_TAG_KEY, Value: ref.ip },
              { Key: RELEASED_GROUP_TAG_KEY, Value: groupId },
            ],
          }),
          'delete',
          options?.signal,
        );
      const answer: TerminateInstancesResult = await this.ec2.send(
        region,
        new TerminateInstancesCommand({ InstanceIds: [instanceId] }),
        'delete',
        options?.signal,
      );
      state = terminationState(answer, instanceId);
    }
    // The group goes only once the instance is terminated (EC2 refuses it before), so the host is
    // never reachable on ports it did not ask for while it shuts down.
    const group = groupId === undefined ? [] : [`security group ${groupId}`];
    if (state !== 'terminated')
      return { done: false, id, remaining: [`instance ${instanceId} (${state})`, ...group], found: true };
    // EC2 keeps a terminated instance's record for about an hour: found while it does.
    if (groupId === undefined) return { done: true, id, found: managed };
    const outcome = await deleteHostGroup(this.ec2, region, groupId, options, 'delete');
    if (outcome === 'in-use') return { done: false, id, remaining: group, found: true };
    return { done: true, id, found: managed || outcome === 'deleted' };
  }

  /** The instance as EC2 describes it, or undefined when EC2 has no record of it. */
  async #describeOne(
    region: string,
    instanceId: string,
    options?: CallOptions,
  ): Promise<Instance | undefined> {
    try {
      const answer: DescribeInstancesResult = await this.ec2.send(
        region,
        new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
        'delete',
        options?.signal,
      );
      return answer.Reservations?.flatMap((reservation) => reservation.Instances ?? []).find(
        (instance) => instance.InstanceId === instanceId,
      );
    } catch (error) {
      // Gone from EC2's records (about an hour after termination), or never there.
      if (hasProviderCode(error, 'InvalidInstanceID.NotFound')) return undefined;
      throw error;
    }
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const region = filter.region ?? this.ec2.homeRegion;
    const filters = [
      filter.owner === undefined ? MANAGED_FILTER : ownerFilter(filter.owner),
      ...(filter.owner === undefined ? [] : [MANAGED_FILTER]),
      ...Object.entries(filter.tags ?? {}).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })),
      LIVE_STATES,
    ];
    const instances = await describeAllInstances(this.ec2, region, filters, 'list', options, {
      hostFieldsOnly: true,
    });
    return instances.map((instance) =>
      instanceToHost(instance, region, hostId(region, instance, hostGroupOf(instance))),
    );
  }

  // Public addresses are regional: the search covers the home region (the `region` setting,
  // AWS_REGION, AWS_DEFAULT_REGION, or the default region).
  async #instanceForAddress(
    ip: string,
    options?: CallOptions,
  ): Promise<{ id: string; instance: Instance } | undefined> {
    const region = this.ec2.homeRegion;
    const [live] = await describeAllInstances(
      this.ec2,
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
          this.ec2,
          region,
          [MANAGED_FILTER, { Name: `tag:${RELEASED_ADDRESS_TAG_KEY}`, Values: [ip] }],
          'delete',
          options,
        )
      )[0];
    const releasedGroup = instance?.Tags?.find((tag) => tag.Key === RELEASED_GROUP_TAG_KEY)?.Value;
    return instance === undefined
      ? undefined
      : { id: hostId(region, instance, hostGroupOf(instance) ?? releasedGroup), instance };
  }
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

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: AwsSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const ec2 = new AwsEc2(settings, context);
  return Object.assign(new AwsProvisioner(ec2), awsCapabilities(ec2), awsOrphans(ec2), awsInboundRules(ec2));
}
