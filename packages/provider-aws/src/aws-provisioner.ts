import { DescribeInstancesCommand, type DescribeInstancesResult } from '@aws-sdk/client-ec2';
import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type ListFilter,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
} from '@provision/core';
import { type HostDeletion, hasProviderCode } from '@provision/provider-utils';
import { awsCapabilities } from './aws-capabilities.js';
import { AwsEc2 } from './aws-client.js';
import { awsDeletion, hostId } from './aws-delete.js';
import { awsIds } from './aws-ids.js';
import { AwsImageResolver } from './aws-image.js';
import { awsInboundRules } from './aws-inbound-rules.js';
import { launch } from './aws-launch.js';
import { forEachInstancePage, LIVE_STATES } from './aws-listing.js';
import { awsOrphans } from './aws-orphans.js';
import type { AwsSettings } from './aws-settings.js';
import { inboundRulesOf, specMismatch } from './aws-spec-mismatch.js';
import { MANAGED_FILTER, ownerFilter } from './aws-tags.js';
import { implementationLoads } from './implementation-loads.js';
import { hostGroupOf, instanceToHost, launchFailure } from './map-aws-instance.js';

implementationLoads.count += 1;

/**
 * AWS EC2 through `@aws-sdk/client-ec2`:
 * - provision: one `DescribeInstances` on the host's identity tag (a live host is returned as it
 *   is), then the Ubuntu image lookup (once per region) and one `RunInstances` whose `ClientToken`
 *   makes it idempotent by (owner, name); with `inbound` first the host's security group and its
 *   rules (2 requests). See `launch()`.
 * - status: one `DescribeInstances`. delete: see `awsDeletion`. No SDK waiters: every call
 *   returns at once.
 */
class AwsProvisioner implements ProvisionerImplementationV1 {
  readonly #images: AwsImageResolver;

  readonly #deletion: HostDeletion;

  constructor(private readonly ec2: AwsEc2) {
    this.#images = new AwsImageResolver(ec2);
    this.#deletion = awsDeletion(ec2);
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

  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return 'id' in ref ? this.#deletion.byId(ref.id, options) : this.#deletion.byAddress(ref.ip, options);
  }

  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const region = filter.region ?? this.ec2.homeRegion;
    const filters = [
      filter.owner === undefined ? MANAGED_FILTER : ownerFilter(filter.owner),
      ...(filter.owner === undefined ? [] : [MANAGED_FILTER]),
      ...Object.entries(filter.tags ?? {}).map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] })),
      LIVE_STATES,
    ];
    const hosts: Host[] = [];
    // Each page's hosts are made while the next page is on its way.
    await forEachInstancePage(
      this.ec2,
      region,
      filters,
      'list',
      options,
      { hostFieldsOnly: true },
      (page) => {
        for (const instance of page)
          hosts.push(instanceToHost(instance, region, hostId(region, instance, hostGroupOf(instance))));
      },
    );
    return hosts;
  }
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: AwsSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const ec2 = new AwsEc2(settings, context);
  return Object.assign(new AwsProvisioner(ec2), awsCapabilities(ec2), awsOrphans(ec2), awsInboundRules(ec2));
}
