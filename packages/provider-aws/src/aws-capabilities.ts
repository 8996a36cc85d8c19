import {
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  DescribeInstanceTypesCommand,
  type DescribeInstanceTypesResult,
  DescribeRegionsCommand,
  type DescribeRegionsResult,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  type CallOptions,
  filterPlans,
  type Host,
  type Plan,
  type PlanQuery,
  type Quota,
  type Region,
} from '@provision/core';
import { hasProviderCode, type PowerOperation, powerAction } from '@provision/provider-utils';
import { awsCatalog } from './aws-catalog.js';
import type { AwsEc2 } from './aws-client.js';
import { awsIds } from './aws-ids.js';
import { describeAllInstances } from './aws-listing.js';
import { instanceToHost } from './map-aws-instance.js';

const POWER_COMMANDS = {
  start: (ids: string[]) => new StartInstancesCommand({ InstanceIds: ids }),
  stop: (ids: string[]) => new StopInstancesCommand({ InstanceIds: ids }),
  reboot: (ids: string[]) => new RebootInstancesCommand({ InstanceIds: ids }),
};

/**
 * The optional operations: power actions, plans (live instance types, catalog prices), regions,
 * a `DryRun` credential check, and the instances in use.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/OperationList-query-ec2.html
 */
export function awsCapabilities(ec2: AwsEc2) {
  // One action request, then one read (see `powerAction`); the action's effect shows on later
  // status() calls (stopping -> stopped, pending -> running).
  function power(id: string, operation: PowerOperation, options?: CallOptions): Promise<Host> {
    const { region, instanceId } = awsIds.decode(id, operation);
    const describe = () =>
      ec2.send<DescribeInstancesResult>(
        region,
        new DescribeInstancesCommand({ InstanceIds: [instanceId] }),
        operation,
        options?.signal,
      );
    return powerAction({
      provider: 'aws',
      id,
      operation,
      send: () => ec2.send(region, POWER_COMMANDS[operation]([instanceId]), operation, options?.signal),
      read: async () => {
        const instance = (await describe()).Reservations?.[0]?.Instances?.[0];
        return instance === undefined ? undefined : instanceToHost(instance, region, id);
      },
      // EC2 answers a power action on a terminated instance with IncorrectInstanceState; a read
      // tells that from an instance between two states.
      isGone: async (error) => {
        if (hasProviderCode(error, 'InvalidInstanceID.NotFound')) return true;
        if (!hasProviderCode(error, 'IncorrectInstanceState')) return false;
        const answer = await describe().catch(() => undefined);
        const state = answer?.Reservations?.[0]?.Instances?.[0]?.State?.Name;
        return state === 'terminated' || state === 'shutting-down';
      },
    });
  }

  return {
    start: (id: string, options?: CallOptions) => power(id, 'start', options),
    stop: (id: string, options?: CallOptions) => power(id, 'stop', options),
    reboot: (id: string, options?: CallOptions) => power(id, 'reboot', options),

    /** The catalog's types that EC2 offers in the home region, with their live vCPUs and memory. */
    async plans(query: PlanQuery = {}, options?: CallOptions): Promise<Plan[]> {
      const region = query.region ?? ec2.homeRegion;
      const answer: DescribeInstanceTypesResult = await ec2.send(
        region,
        new DescribeInstanceTypesCommand({ InstanceTypes: awsCatalog.plans.map((plan) => plan.id) as never }),
        'plans',
        options?.signal,
      );
      const plans = (answer.InstanceTypes ?? []).flatMap((info): Plan[] => {
        const known = awsCatalog.plans.find((plan) => plan.id === info.InstanceType);
        if (known === undefined) return [];
        const architecture = info.ProcessorInfo?.SupportedArchitectures?.includes('arm64')
          ? 'arm64'
          : 'x86_64';
        return [
          {
            ...known,
            cpus: info.VCpuInfo?.DefaultVCpus ?? known.cpus,
            memoryMiB: info.MemoryInfo?.SizeInMiB ?? known.memoryMiB,
            architecture,
            regions: [region],
          },
        ];
      });
      return filterPlans(plans, query);
    },

    async regions(options?: CallOptions): Promise<Region[]> {
      const answer: DescribeRegionsResult = await ec2.send(
        ec2.homeRegion,
        new DescribeRegionsCommand({ AllRegions: true }),
        'regions',
        options?.signal,
      );
      return (answer.Regions ?? []).flatMap((region) => {
        if (region.RegionName === undefined) return [];
        const name =
          awsCatalog.regions.find((known) => known.id === region.RegionName)?.name ?? region.RegionName;
        return [{ id: region.RegionName, name, available: region.OptInStatus !== 'not-opted-in' }];
      });
    },

    /** A `DryRun` request: EC2 checks the signature and the permission, and answers `DryRunOperation`. */
    async verifyCredentials(options?: CallOptions): Promise<void> {
      try {
        await ec2.send(
          ec2.homeRegion,
          new DescribeRegionsCommand({ DryRun: true }),
          'verifyCredentials',
          options?.signal,
        );
      } catch (error) {
        if (hasProviderCode(error, 'DryRunOperation')) return;
        throw error;
      }
    },

    /**
     * The instances that exist in the home region. EC2's own API states no instance limit (the
     * vCPU limits live in the Service Quotas API), so no limit is given.
     */
    async quota(options?: CallOptions): Promise<Quota> {
      const states = ['pending', 'running', 'shutting-down', 'stopping', 'stopped'];
      const instances = await describeAllInstances(
        ec2,
        ec2.homeRegion,
        [{ Name: 'instance-state-name', Values: states }],
        'quota',
        options,
      );
      return { hostsInUse: instances.length };
    },
  };
}
