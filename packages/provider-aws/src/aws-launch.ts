import { createHash } from 'node:crypto';
import {
  DescribeInstancesCommand,
  type DescribeInstancesResult,
  type Instance,
  type Reservation,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  type CallOptions,
  CapacityError,
  compareText,
  hostIdentity,
  MANAGED_TAG_KEYS,
  ProviderApiError,
  ProvisionError,
  QuotaExceededError,
  RateLimitError,
  type ResolvedHostSpec,
} from '@provision/core';
import { hasProviderCode } from '@provision/provider-utils';
import type { AwsEc2 } from './aws-client.js';
import { describeAllInstances } from './aws-listing.js';
import { deleteHostGroup, ensureHostGroup, type HostGroup } from './aws-security-group.js';
import { instanceTags, MANAGED_FILTER } from './aws-tags.js';
import { hostGroupOf, isEnding } from './map-aws-instance.js';

/** How many client-token generations one `provision()` tries past the one its lookup chose. */
export const MAX_GENERATIONS = 20;

/**
 * The `ClientToken` of generation `generation` of the host `(owner, name)`: at most 64 ASCII
 * characters, the same on every call and in every process.
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-idempotency.html
 */
export function clientToken(owner: string, name: string, generation: number): string {
  const digest = createHash('sha256').update(`${owner}/${name}`).digest('hex').slice(0, 40);
  return `provision-${digest}-${generation}`;
}

/** The generation a `clientToken()` of `(owner, name)` encodes; undefined for any other token. */
export function generationOf(owner: string, name: string, token: string | undefined): number | undefined {
  const prefix = clientToken(owner, name, 0).slice(0, -1);
  if (token === undefined || !token.startsWith(prefix)) return undefined;
  const rest = token.slice(prefix.length);
  return /^\d{1,9}$/.test(rest) ? Number(rest) : undefined;
}

/** On the instance: the `os` of the spec it was launched from (AMI ids change with every image release). */
export const OS_TAG_KEY = 'provision-os';

// A refusal EC2 answered: nothing was launched, so a group made for the launch can go. A failure
// without an answer (or a 5xx) may hide a launch that happened; its group stays for the retry.
function launchRefused(error: unknown): boolean {
  if (CapacityError.isInstance(error) || QuotaExceededError.isInstance(error)) return true;
  if (RateLimitError.isInstance(error)) return false;
  return ProvisionError.isInstance(error) && !error.retryable;
}

/** What `launch()` found or started. */
export interface Launched {
  readonly instance: Instance;
  readonly groupId: string | undefined;
  /** True when the host existed before this call (found by its tags, not launched now). */
  readonly existing: boolean;
}

/**
 * Every instance EC2 still describes of the host `(owner, name)` in `region`, terminated ones
 * included (EC2 shows those for about an hour): one `DescribeInstances` on the identity tag.
 */
function describeIdentity(ec2: AwsEc2, region: string, spec: ResolvedHostSpec, options?: CallOptions) {
  const identity = {
    Name: `tag:${MANAGED_TAG_KEYS.identity}`,
    Values: [hostIdentity(spec.owner, spec.name)],
  };
  return describeAllInstances(ec2, region, [identity, MANAGED_FILTER], 'provision', options);
}

/** The oldest live instance (by launch time, then id): the same choice in every process. */
function oldestLive(instances: readonly Instance[]): Instance | undefined {
  return instances
    .filter((instance) => !isEnding(instance))
    .sort(
      (a, b) =>
        (a.LaunchTime?.getTime() ?? 0) - (b.LaunchTime?.getTime() ?? 0) ||
        compareText(a.InstanceId ?? '', b.InstanceId ?? ''),
    )[0];
}

/**
 * Starts the host `(owner, name)`, or finds it. One `DescribeInstances` on the identity tag comes
 * first: a live host is returned as it is; otherwise the name's next client-token generation is
 * one past the newest generation EC2 still describes (read from the instances' own client
 * tokens), so a reused name costs what a new one does. Then one `RunInstances` with that
 * `ClientToken`: concurrent callers choose the same generation, so EC2 launches once.
 *
 * EC2 answers a repeated token with the instance it launched for it, even once terminated and
 * no longer described (24 hours at least), so such an answer moves on to the next generation.
 * A token repeated with other parameters is refused with `IdempotentParameterMismatch`; its
 * instance is then found by token.
 */
export async function launch(
  ec2: AwsEc2,
  region: string,
  spec: ResolvedHostSpec,
  resolveImage: () => Promise<string>,
  options?: CallOptions,
): Promise<Launched> {
  const known = await describeIdentity(ec2, region, spec, options);
  const live = oldestLive(known);
  if (live !== undefined) return { instance: live, groupId: hostGroupOf(live), existing: true };
  const generations = known.map(
    (instance) => generationOf(spec.owner, spec.name, instance.ClientToken) ?? -1,
  );
  const first = Math.max(-1, ...generations) + 1;
  // The image is looked up only for a launch: a repeat that finds its host needs none.
  const imageId = await resolveImage();
  const tags = [...instanceTags(spec), { Key: OS_TAG_KEY, Value: spec.os }];
  for (let generation = first; generation < first + MAX_GENERATIONS; generation += 1) {
    const group: HostGroup | undefined =
      spec.inbound === undefined ? undefined : await ensureHostGroup(ec2, region, spec, generation, options);
    const token = clientToken(spec.owner, spec.name, generation);
    let instance: Instance | undefined;
    try {
      const reservation = await ec2.send<Reservation>(
        region,
        new RunInstancesCommand({
          ClientToken: token,
          ImageId: imageId,
          InstanceType: spec.plan as never,
          MinCount: 1,
          MaxCount: 1,
          ...(spec.userData === undefined
            ? {}
            : { UserData: Buffer.from(spec.userData, 'utf8').toString('base64') }),
          NetworkInterfaces: [
            {
              DeviceIndex: 0,
              AssociatePublicIpAddress: true,
              DeleteOnTermination: true,
              ...(group === undefined ? {} : { Groups: [group.groupId] }),
            },
          ],
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
          TagSpecifications: [
            { ResourceType: 'instance', Tags: tags },
            { ResourceType: 'volume', Tags: tags },
          ],
        }),
        'provision',
        options?.signal,
      );
      instance = reservation.Instances?.[0];
    } catch (error) {
      if (hasProviderCode(error, 'IdempotentParameterMismatch')) {
        instance = await findByToken(ec2, region, token, options);
      } else {
        if (group?.created && launchRefused(error))
          await deleteHostGroup(ec2, region, group.groupId).catch(() => undefined);
        throw error;
      }
    }
    if (instance !== undefined && !isEnding(instance)) {
      const used = hostGroupOf(instance);
      // A host that already existed without this group keeps its own networking.
      if (group?.created && used !== group.groupId)
        await deleteHostGroup(ec2, region, group.groupId).catch(() => undefined);
      return { instance, groupId: used, existing: false };
    }
    // The token's instance has ended: this generation's name and group belong to the past host.
    if (group?.created) await deleteHostGroup(ec2, region, group.groupId).catch(() => undefined);
  }
  throw new ProviderApiError(
    `The host name "${spec.name}" was deleted and created again more than ${MAX_GENERATIONS} times within a day; EC2 still remembers every launch.`,
    { provider: 'aws', operation: 'provision', hint: 'Use another name, or wait a day.' },
  );
}

async function findByToken(
  ec2: AwsEc2,
  region: string,
  token: string,
  options?: CallOptions,
): Promise<Instance | undefined> {
  const answer = await ec2.send<DescribeInstancesResult>(
    region,
    new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: [token] }] }),
    'provision',
    options?.signal,
  );
  const instances = (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []);
  return instances.find((instance) => !isEnding(instance)) ?? instances[0];
}
