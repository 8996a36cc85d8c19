import {
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { CallOptions, Operation } from '@provision/core';
import type { AwsEc2 } from './aws-client.js';
import { type DeferredInstances, readingHostFields } from './aws-instance-page.js';

/** `DescribeInstances` returns at most 1000 instances a page. */
export const PAGE_SIZE = 1000;

/** Every state but `terminated`: the instances that exist, or are on their way out. */
export const LIVE_STATES = {
  Name: 'instance-state-name',
  Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'],
};

function instancesOf(page: DescribeInstancesResult): Instance[] {
  const instances: Instance[] = [];
  for (const reservation of page.Reservations ?? []) {
    for (const instance of reservation.Instances ?? []) instances.push(instance);
  }
  return instances;
}

/** A turn of the event loop: a request already started gets as far as the network first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Hands `take` the instances matching `filters` in `region` a page at a time, all pages of the
 * largest size (1000), one after another: EC2 pages `DescribeInstances` by `NextToken`, an opaque
 * token each page gives for the next, so 5,000 instances cost 5 requests in 5 round trips (an
 * account that fits a page costs one).
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 * With `hostFieldsOnly`, each instance carries only what `instanceToHost` reads (`readInstancePage`),
 * and a page that names a next one is read while that next page is on its way, not before it is
 * asked: only its `nextToken` is looked at first. Were a page one the fast reader cannot read, it is
 * asked for again (same token) and read by the SDK. `take` then runs while the next page is on its
 * way too, so what it does with a page (`list()` makes its hosts) overlaps that round trip.
 */
export async function forEachInstancePage(
  ec2: AwsEc2,
  region: string,
  filters: Filter[],
  operation: Operation,
  options: CallOptions | undefined,
  reading: { readonly hostFieldsOnly?: boolean },
  take: (instances: Instance[]) => void,
): Promise<void> {
  const fast = reading.hostFieldsOnly === true;
  // One page, and the reading of its instances when the fast reader put it off.
  const describe = async (
    nextToken: string | undefined,
    bySdk = false,
  ): Promise<{ page: DescribeInstancesResult; deferred: DeferredInstances | undefined }> => {
    let deferred: DeferredInstances | undefined;
    const command = new DescribeInstancesCommand({
      Filters: filters,
      MaxResults: PAGE_SIZE,
      ...(nextToken === undefined ? {} : { NextToken: nextToken }),
    });
    const page: DescribeInstancesResult = await ec2.send(
      region,
      fast && !bySdk
        ? readingHostFields(command, (instances) => {
            deferred = instances;
          })
        : command,
      operation,
      options?.signal,
    );
    return { page, deferred };
  };
  let token: string | undefined;
  let current = await describe(undefined);
  for (;;) {
    const nextToken = current.page.NextToken;
    const next = nextToken ? describe(nextToken) : undefined;
    next?.catch(() => {});
    if (current.deferred === undefined) take(instancesOf(current.page));
    else {
      await nextTurn();
      take(current.deferred() ?? instancesOf((await describe(token, true)).page));
    }
    if (next === undefined) return;
    token = nextToken;
    current = await next;
  }
}

/** Every instance matching `filters` in `region` (see `forEachInstancePage`). */
export async function describeAllInstances(
  ec2: AwsEc2,
  region: string,
  filters: Filter[],
  operation: Operation,
  options?: CallOptions,
  reading: { readonly hostFieldsOnly?: boolean } = {},
): Promise<Instance[]> {
  const instances: Instance[] = [];
  await forEachInstancePage(ec2, region, filters, operation, options, reading, (page) => {
    for (const instance of page) instances.push(instance);
  });
  return instances;
}
