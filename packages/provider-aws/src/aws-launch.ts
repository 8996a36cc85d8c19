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
  ProviderApiError,
  ProvisionError,
  QuotaExceededError,
  RateLimitError,
  type ResolvedHostSpec,
} from '@provision/core';
import type { AwsEc2 } from './aws-client.js';
import { deleteHostGroup, ensureHostGroup, type HostGroup, isAwsCode } from './aws-security-group.js';
import { instanceTags } from './aws-tags.js';
import { hostGroupOf, isEnding } from './map-aws-instance.js';

/** How many times one name may be reused within EC2's memory of client tokens (24 hours at least). */
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
}

/**
 * Starts the host `(owner, name)`, or finds it: one `RunInstances` with a `ClientToken` derived
 * from `(owner, name, generation)`. EC2 answers a repeated token with the instance it launched
 * for it, even once terminated (for 24 hours at least), so a token whose instance has ended moves
 * the name to its next generation. A token repeated with other parameters (a new AMI, another
 * expiry) is refused with `IdempotentParameterMismatch`; its instance is then found by token.
 */
export async function launch(
  ec2: AwsEc2,
  region: string,
  spec: ResolvedHostSpec,
  imageId: string,
  options?: CallOptions,
): Promise<Launched> {
  const tags = instanceTags(spec);
  for (let generation = 0; generation < MAX_GENERATIONS; generation += 1) {
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
      if (isAwsCode(error, 'IdempotentParameterMismatch')) {
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
      return { instance, groupId: used };
    }
    // The token's instance has ended: this generation's name and group belong to the past host.
    if (group?.created) await deleteHostGroup(ec2, region, group.groupId).catch(() => undefined);
  }
  throw new ProviderApiError(
    `The host name "${spec.name}" was deleted and created again ${MAX_GENERATIONS} times within a day; EC2 still remembers every launch.`,
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
