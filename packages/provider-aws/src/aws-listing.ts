import {
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { CallOptions, Operation } from '@provision/core';
import type { AwsEc2 } from './aws-client.js';

/** `DescribeInstances` returns at most 1000 instances a page. */
export const PAGE_SIZE = 1000;

/** Every state but `terminated`: the instances that exist, or are on their way out. */
export const LIVE_STATES = {
  Name: 'instance-state-name',
  Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
};

/** Every instance matching `filters` in `region`, all pages (`NextToken`) of the largest size. */
export async function describeAllInstances(
  ec2: AwsEc2,
  region: string,
  filters: Filter[],
  operation: Operation,
  options?: CallOptions,
): Promise<Instance[]> {
  const instances: Instance[] = [];
  let nextToken: string | undefined;
  do {
    const page: DescribeInstancesResult = await ec2.send(
      region,
      new DescribeInstancesCommand({
        Filters: filters,
        MaxResults: PAGE_SIZE,
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
      operation,
      options?.signal,
    );
    for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
    nextToken = page.NextToken || undefined;
  } while (nextToken !== undefined);
  return instances;
}
