import { zonesOf } from './aws-fake-account.js';
import { defaultGroupId, FAKE_IMAGES, FAKE_INSTANCE_TYPES } from './aws-fake-catalog.js';
import { reservationsXml } from './aws-fake-instances.js';
import { flag, type Params, scalar, scalars, structures } from './aws-fake-query.js';
import type { AwsFakeContext, AwsFakeInstance, FakeTag } from './aws-fake-records.js';
import { groupById, groupByName, VPC_ID } from './aws-fake-security-groups.js';
import type { XmlStructure } from './aws-fake-xml.js';

/** Operation name of a `RunInstances` that launches. */
export const RUN_OPERATION = 'RunInstances';

// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html
const USER_DATA_MAX_BYTES = 16 * 1024;
const TOKEN_MAX_LENGTH = 64;
/** Tags per resource. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html */
export const TAGS_MAX = 50;

/** Refuses a tag EC2 would: a key of 1-128 characters not starting with `aws:`, a value of up to 256. */
export function checkTag(context: AwsFakeContext, key: string, value: string): void {
  if (key === '' || key.length > 128 || key.toLowerCase().startsWith('aws:'))
    context.fail(
      400,
      'InvalidParameterValue',
      `Tag key '${key.slice(0, 128)}' is not valid: 1-128 characters, not starting with 'aws:'.`,
    );
  if (value.length > 256)
    context.fail(400, 'InvalidParameterValue', `Tag value for key '${key}' exceeds 256 characters.`);
}

function tagsOf(
  context: AwsFakeContext,
  params: Params,
  resourceType: string,
  allowed: readonly string[],
): FakeTag[] {
  const tags: FakeTag[] = [];
  for (const specification of structures(params, 'TagSpecification')) {
    const type = specification.get('ResourceType');
    if (type === undefined || !allowed.includes(type))
      context.fail(
        400,
        'InvalidParameterValue',
        `'${type ?? ''}' is not a valid taggable resource type for this operation.`,
      );
    if (type !== resourceType) continue;
    for (const tag of structures(specification, 'Tag')) {
      const key = tag.get('Key') ?? '';
      const value = tag.get('Value') ?? '';
      checkTag(context, key, value);
      tags.push({ key, value });
    }
  }
  if (tags.length > TAGS_MAX)
    context.fail(400, 'TagLimitExceeded', `The maximum number of tags per resource is ${TAGS_MAX}.`);
  return tags;
}

/** Tags a request puts on a new resource of `resourceType`. */
export function requestedTags(context: AwsFakeContext, params: Params, resourceType: string): FakeTag[] {
  return tagsOf(context, params, resourceType, [resourceType]);
}

function userDataOf(context: AwsFakeContext, params: Params): string | undefined {
  const encoded = scalar(params, 'UserData');
  if (encoded === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0)
    context.fail(400, 'InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
  if (Buffer.from(encoded, 'base64').length > USER_DATA_MAX_BYTES)
    context.fail(400, 'InvalidParameterValue', `User data is limited to ${USER_DATA_MAX_BYTES} bytes`);
  return encoded;
}

/** The parameters a client token is held to: everything but the token itself and the dry-run flag. */
function idempotentParams(params: Params): string {
  const ignored = new Set(['Action', 'Version', 'ClientToken', 'DryRun']);
  return JSON.stringify(
    [...params].filter(([key]) => !ignored.has(key)).sort(([a], [b]) => a.localeCompare(b)),
  );
}

function groupsOf(
  context: AwsFakeContext,
  params: Params,
  region: string,
): { groupIds: string[]; wantsPublicIp: boolean } {
  const interfaces = structures(params, 'NetworkInterface');
  const names = scalars(params, 'SecurityGroup');
  const topLevel = scalars(params, 'SecurityGroupId');
  if (interfaces.length > 0 && topLevel.length + names.length > 0)
    context.fail(
      400,
      'InvalidParameterCombination',
      'Network interfaces and an instance-level security groups may not be specified on the same request',
    );
  if (interfaces.length > 1)
    context.fail(400, 'InvalidParameterValue', 'The fake supports one network interface per instance.');
  const primary = interfaces[0];
  if (primary !== undefined && primary.get('DeviceIndex') !== '0')
    context.fail(
      400,
      'InvalidParameterValue',
      'Each network interface requires a device index; the primary one is 0.',
    );
  const ids = primary === undefined ? topLevel : scalars(primary, 'SecurityGroupId');
  for (const id of ids)
    if (groupById(context, region, id) === undefined)
      context.fail(
        400,
        'InvalidGroup.NotFound',
        `The security group '${id}' does not exist in VPC '${VPC_ID}'`,
      );
  // `SecurityGroup.N` names groups of the default VPC, `default` among them.
  const byName = names.map((name) => {
    const group = groupByName(context, region, name);
    if (group === undefined)
      context.fail(
        400,
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in default VPC '${VPC_ID}'`,
      );
    return group.id;
  });
  const groupIds = [...new Set([...ids, ...byName])];
  // The default subnets of a default VPC give public addresses on launch.
  const wantsPublicIp = primary === undefined ? true : flag(primary, 'AssociatePublicIpAddress', true);
  return { groupIds: groupIds.length > 0 ? groupIds : [defaultGroupId(region)], wantsPublicIp };
}

/** A locally administered unicast MAC address (`02:...`) from a hex counter, as EC2's look. */
function macOf(hex: string): string {
  const digits = hex.slice(-10).padStart(10, '0');
  return `02:${(digits.match(/../g) as string[]).join(':')}`;
}

/** `RunInstances`: validation, client-token semantics, vCPU limit and capacity, then `pending` instances. */
export function runInstances(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const token = scalar(params, 'ClientToken') ?? `fake-${context.nextHex()}`;
  if (token.length > TOKEN_MAX_LENGTH || !/^[\x20-\x7e]+$/.test(token))
    context.fail(
      400,
      'InvalidParameterValue',
      `Value (${token.slice(0, 70)}) for parameter clientToken is invalid. Length exceeds maximum of 64 ASCII characters.`,
    );
  const signature = idempotentParams(params);
  const known = context.tokens.get(`${region} ${token}`);
  if (known !== undefined) {
    if (known.params !== signature)
      context.fail(
        400,
        'IdempotentParameterMismatch',
        'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
      );
    const instances = known.instanceIds.map((id) => context.allInstances.get(id) as AwsFakeInstance);
    return reservationsXml(context, instances)[0] as XmlStructure;
  }
  const minCount = Number(scalar(params, 'MinCount'));
  const maxCount = Number(scalar(params, 'MaxCount'));
  if (!Number.isInteger(minCount) || !Number.isInteger(maxCount) || minCount < 1 || maxCount < minCount)
    context.fail(
      400,
      'InvalidParameterValue',
      'MinCount and MaxCount must be whole numbers with 1 <= MinCount <= MaxCount.',
    );
  const imageId = scalar(params, 'ImageId');
  if (imageId === undefined)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter ImageId');
  const image = FAKE_IMAGES.find((candidate) => candidate.id === imageId);
  if (image === undefined)
    context.fail(400, 'InvalidAMIID.NotFound', `The image id '[${imageId}]' does not exist`);
  const typeName = scalar(params, 'InstanceType') ?? 'm1.small';
  const type = FAKE_INSTANCE_TYPES.find((candidate) => candidate.name === typeName);
  if (type === undefined)
    context.fail(400, 'InvalidParameterValue', `Invalid value '${typeName}' for InstanceType.`);
  if (type.architecture !== image.architecture)
    context.fail(
      400,
      'InvalidParameterValue',
      `The architecture '${type.architecture}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI.`,
    );
  const userData = userDataOf(context, params);
  const tags = tagsOf(context, params, 'instance', [
    'instance',
    'volume',
    'network-interface',
    'spot-instances-request',
  ]);
  const { groupIds, wantsPublicIp } = groupsOf(context, params, region);
  const used = context.instances.values().filter((instance) => instance.region === region);
  const vcpus = used.reduce(
    (sum, instance) => sum + (FAKE_INSTANCE_TYPES.find((t) => t.name === instance.instanceType)?.vcpus ?? 0),
    0,
  );
  if (vcpus + type.vcpus * minCount > context.vcpuLimit)
    context.fail(
      400,
      'VcpuLimitExceeded',
      `You have requested more vCPU capacity than your current vCPU limit of ${context.vcpuLimit} allows for the instance bucket that the specified instance type belongs to.`,
    );
  const keyName = scalar(params, 'KeyName');
  if (keyName !== undefined)
    context.fail(400, 'InvalidKeyPair.NotFound', `The key pair '${keyName}' does not exist`);
  const zones = zonesOf(region);
  const zone = scalar(params, 'Placement.AvailabilityZone') ?? zones[0]?.name ?? `${region}a`;
  if (!zones.some((candidate) => candidate.name === zone))
    context.fail(400, 'InvalidParameterValue', `Invalid availability zone: [${zone}]`);
  if (!context.hasCapacity(region, type.name))
    context.fail(
      500,
      'InsufficientInstanceCapacity',
      `We currently do not have sufficient ${type.name} capacity in the Availability Zone you requested (${zone}). Our system will be working on provisioning additional capacity.`,
    );
  const reservationId = `r-0${context.nextHex()}`;
  const now = context.now();
  const instances = Array.from({ length: maxCount }, () => {
    const address = context.nextAddress();
    const instance: AwsFakeInstance = {
      id: `i-0${context.nextHex()}`,
      region,
      zone,
      reservationId,
      imageId: image.id,
      instanceType: type.name,
      architecture: type.architecture,
      state: 'pending',
      stateReason: { code: 'pending', message: 'pending' },
      transitionReason: '',
      launchTime: now,
      clientToken: token,
      tags,
      groupIds,
      subnetId: `subnet-0a${'0'.repeat(15)}`,
      networkInterfaceId: `eni-0${context.nextHex()}`,
      attachmentId: `eni-attach-0${context.nextHex()}`,
      macAddress: macOf(context.nextHex()),
      volumeId: `vol-0${context.nextHex()}`,
      privateIp: address.privateIp,
      publicIp: undefined,
      wantsPublicIp,
      userData,
      httpTokens: params.get('MetadataOptions.HttpTokens') ?? 'optional',
      failure: context.takeAsyncFailure(RUN_OPERATION),
    };
    context.allInstances.set(instance.id, instance);
    context.lifecycle.restart(`instance:${instance.id}`);
    return context.instances.set(instance);
  });
  context.tokens.set(`${region} ${token}`, {
    params: signature,
    reservationId,
    instanceIds: instances.map((i) => i.id),
  });
  return reservationsXml(context, instances)[0] as XmlStructure;
}
