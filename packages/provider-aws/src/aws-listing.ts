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

const HEX_DIGITS = '0123456789abcdef';

/**
 * The `instance-id` filters that split a listing into parts read at the same time: by the id's last
 * hex digit, `i-*0` ... `i-*f` (EC2 filter values take `*` for any run of characters). Instance ids
 * are `i-` and 8 or 17 hex digits, so the parts are disjoint and together hold every instance.
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html
 */
export const ID_PARTITIONS: readonly Filter[] = [...HEX_DIGITS].map((digit) => ({
  Name: 'instance-id',
  Values: [`i-*${digit}`],
}));

function inPartition(instance: Instance): boolean {
  const id = instance.InstanceId ?? '';
  return id.startsWith('i-') && HEX_DIGITS.includes(id.at(-1) ?? 'x');
}

function instancesOf(page: DescribeInstancesResult, into: Instance[]): void {
  for (const reservation of page.Reservations ?? []) {
    for (const instance of reservation.Instances ?? []) into.push(instance);
  }
}

type Describe = (filters: Filter[], nextToken: string | undefined) => Promise<DescribeInstancesResult>;

/** Every page after `first` (`NextToken`), one after another, of the largest size. */
async function readOn(
  describe: Describe,
  filters: Filter[],
  first: DescribeInstancesResult,
): Promise<Instance[]> {
  const instances: Instance[] = [];
  let page = first;
  instancesOf(page, instances);
  while (page.NextToken) {
    page = await describe(filters, page.NextToken);
    instancesOf(page, instances);
  }
  return instances;
}

/** A turn of the event loop: requests already started get as far as the network first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every instance matching `filters` in `region`, all pages of the largest size. An account that fits
 * one page costs one request. When the first page says there is more, the rest is not read page
 * after page (5 round trips for 5,000 instances): the listing is read again as 16 parts by the
 * id's last digit (`ID_PARTITIONS`), all at once under the account's rate limiter, each following
 * its own `NextToken`, so 5,000 instances cost 1 + 16 requests in 2 round trips. The parts are a
 * whole, newer reading, so they replace the first page rather than being merged with it; only an
 * instance of the first page outside every part (an id EC2 has never issued) is kept from it.
 * With `hostFieldsOnly`, each instance carries only what `instanceToHost` reads (`readInstancePage`),
 * and the instances of a first page that names a next one are read while the parts are on their
 * way, not before they are sent (were that answer one the fast reader cannot read, the page is
 * asked for again and read by the SDK).
 */
export async function describeAllInstances(
  ec2: AwsEc2,
  region: string,
  filters: Filter[],
  operation: Operation,
  options?: CallOptions,
  reading: { readonly hostFieldsOnly?: boolean } = {},
): Promise<Instance[]> {
  const describe = (
    withFilters: Filter[],
    nextToken: string | undefined,
    deferring?: (instances: DeferredInstances) => void,
    bySdk = false,
  ): Promise<DescribeInstancesResult> => {
    const command = new DescribeInstancesCommand({
      Filters: withFilters,
      MaxResults: PAGE_SIZE,
      ...(nextToken === undefined ? {} : { NextToken: nextToken }),
    });
    return ec2.send(
      region,
      reading.hostFieldsOnly === true && !bySdk ? readingHostFields(command, deferring) : command,
      operation,
      options?.signal,
    );
  };
  const follow: Describe = (withFilters, nextToken) => describe(withFilters, nextToken);
  // A caller's own `instance-id` filter cannot be split further: the same filter name twice is
  // not one EC2 documents, so that listing is read page after page.
  const splittable = !filters.some((filter) => filter.Name === 'instance-id');
  let deferred: DeferredInstances | undefined;
  const first = await describe(
    filters,
    undefined,
    splittable
      ? (instances) => {
          deferred = instances;
        }
      : undefined,
  );
  if (!first.NextToken || !splittable) return readOn(follow, filters, first);
  const partsRead = Promise.all(
    ID_PARTITIONS.map(async (partition) => {
      const withPartition = [...filters, partition];
      return readOn(follow, withPartition, await follow(withPartition, undefined));
    }),
  );
  partsRead.catch(() => {});
  const outside: Instance[] = [];
  if (deferred === undefined) instancesOf(first, outside);
  else {
    await nextTurn();
    const firstInstances = deferred();
    if (firstInstances !== undefined) outside.push(...firstInstances);
    else instancesOf(await describe(filters, undefined, undefined, true), outside);
  }
  const parts = await partsRead;
  const seen = new Set<string>();
  const instances: Instance[] = [];
  for (const part of parts) {
    for (const instance of part) {
      const id = instance.InstanceId ?? '';
      if (seen.has(id)) continue;
      seen.add(id);
      instances.push(instance);
    }
  }
  for (const instance of outside) if (!inPartition(instance)) instances.push(instance);
  return instances;
}
