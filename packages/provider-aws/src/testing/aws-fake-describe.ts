import { FAKE_IMAGES, FAKE_INSTANCE_TYPES, FAKE_REGIONS, type FakeImage } from './aws-fake-catalog.js';
import { filters, flag, matchesAny, type Params, scalar, scalars } from './aws-fake-query.js';
import type { AwsFakeContext } from './aws-fake-records.js';
import type { XmlStructure, XmlValue } from './aws-fake-xml.js';

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeImages.html (Filter.N)
const IMAGE_FIELDS: Record<string, (image: FakeImage) => string | undefined> = {
  name: (image) => image.name,
  architecture: (image) => image.architecture,
  state: (image) => image.state,
  'root-device-type': (image) => image.rootDeviceType,
  'virtualization-type': () => 'hvm',
  'owner-id': (image) => image.ownerId,
  'owner-alias': (image) => image.ownerAlias,
  'image-id': (image) => image.id,
  'image-type': () => 'machine',
  'is-public': () => 'true',
};

/** One page of `items` by `MaxResults` (within `range`) and `NextToken`. */
export function pageOf<T>(
  context: AwsFakeContext,
  items: readonly T[],
  params: Params,
  range: [number, number],
): { items: T[]; next: string | undefined } {
  const raw = scalar(params, 'MaxResults');
  const size = raw === undefined ? items.length : Number(raw);
  if (raw !== undefined && (!Number.isInteger(size) || size < range[0] || size > range[1]))
    context.fail(
      400,
      'InvalidParameterValue',
      `Value ( ${raw} ) for parameter maxResults is invalid. Expecting a value between ${range[0]} and ${range[1]}.`,
    );
  const token = scalar(params, 'NextToken');
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0)
    context.fail(400, 'InvalidPaginationToken', 'The specified pagination token is not valid.');
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return {
    items: slice,
    next: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}

/** Canonical's description of an Ubuntu image, e.g. `Canonical, Ubuntu, 24.04, amd64 noble image`. */
function descriptionOf(image: FakeImage): string {
  const match = /ubuntu-([a-z]+)-(\d+\.\d+)-(amd64|arm64)-server/.exec(image.name);
  if (match === null) return image.name;
  return `Canonical, Ubuntu, ${match[2]}, ${match[3]} ${match[1]} image`;
}

/** Public images are deprecated two years after creation unless the owner says otherwise. */
function deprecationOf(image: FakeImage): string {
  const created = new Date(image.creationDate);
  created.setUTCFullYear(created.getUTCFullYear() + 2);
  return created.toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

/** `DescribeImages`: owners (account ids, `amazon`, `self`), image ids and filters with wildcards. */
export function describeImages(context: AwsFakeContext, params: Params): XmlStructure {
  const owners = scalars(params, 'Owner');
  const ids = scalars(params, 'ImageId');
  const wanted = filters(params);
  for (const name of wanted.keys())
    if (IMAGE_FIELDS[name] === undefined)
      context.fail(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
  const matching = FAKE_IMAGES.filter((image) => {
    const owned =
      owners.length === 0 ||
      owners.some((owner) =>
        owner === 'self'
          ? image.ownerId === context.ownerId
          : owner === image.ownerId || owner === image.ownerAlias,
      );
    const named = ids.length === 0 || ids.includes(image.id);
    return (
      owned && named && [...wanted].every(([name, values]) => matchesAny(values, IMAGE_FIELDS[name]?.(image)))
    );
  });
  const { items, next } = pageOf(context, matching, params, [5, 1000]);
  return {
    imagesSet: items.map((image) => ({
      imageId: image.id,
      description: descriptionOf(image),
      imageLocation: `${image.ownerAlias ?? image.ownerId}/${image.name}`,
      imageState: image.state,
      imageOwnerId: image.ownerId,
      creationDate: image.creationDate,
      isPublic: true,
      architecture: image.architecture,
      imageType: 'machine',
      imageOwnerAlias: image.ownerAlias,
      name: image.name,
      rootDeviceType: image.rootDeviceType,
      rootDeviceName: '/dev/sda1',
      blockDeviceMapping: [
        {
          deviceName: '/dev/sda1',
          ebs: {
            deleteOnTermination: true,
            snapshotId: `snap-${image.id.slice(4)}`,
            volumeSize: 8,
            volumeType: image.name.includes('-gp3/') ? 'gp3' : 'gp2',
            encrypted: false,
          },
        },
        { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
        { deviceName: '/dev/sdc', virtualName: 'ephemeral1' },
      ],
      virtualizationType: 'hvm',
      hypervisor: 'xen',
      enaSupport: true,
      sriovNetSupport: 'simple',
      bootMode: image.architecture === 'arm64' ? 'uefi' : 'uefi-preferred',
      deprecationTime: deprecationOf(image),
      platformDetails: 'Linux/UNIX',
      usageOperation: 'RunInstances',
    })),
    nextToken: next,
  };
}

/** `DescribeRegions`: the enabled regions, or with `AllRegions` every one and its opt-in status. */
export function describeRegions(context: AwsFakeContext, params: Params): XmlStructure {
  const names = scalars(params, 'RegionName');
  for (const name of names)
    if (!FAKE_REGIONS.some((region) => region.name === name))
      context.fail(400, 'InvalidParameterValue', `Invalid region: ${name}`);
  const all = flag(params, 'AllRegions');
  const regions = FAKE_REGIONS.filter((region) =>
    names.length > 0 ? names.includes(region.name) : all || region.optInStatus !== 'not-opted-in',
  );
  return {
    regionInfo: regions.map((region) => ({
      regionName: region.name,
      regionEndpoint: `ec2.${region.name}.amazonaws.com`,
      optInStatus: region.optInStatus,
    })),
  };
}

/** `DescribeInstanceTypes`: named types (each must exist) or all, paged (5-100). */
export function describeInstanceTypes(context: AwsFakeContext, params: Params): XmlStructure {
  const names = scalars(params, 'InstanceType');
  const unknown = names.filter((name) => !FAKE_INSTANCE_TYPES.some((type) => type.name === name));
  if (unknown.length > 0)
    context.fail(
      400,
      'InvalidInstanceType',
      `The following supplied instance types do not exist: [${unknown.join(', ')}]`,
    );
  const types =
    names.length === 0
      ? FAKE_INSTANCE_TYPES
      : FAKE_INSTANCE_TYPES.filter((type) => names.includes(type.name));
  const { items, next } = pageOf(context, types, params, [5, 100]);
  return {
    instanceTypeSet: items.map(
      (type): XmlValue => ({
        instanceType: type.name,
        currentGeneration: true,
        freeTierEligible: type.name === 't3.micro' || type.name === 't2.micro',
        supportedUsageClasses: ['on-demand', 'spot'],
        supportedRootDeviceTypes: ['ebs'],
        supportedVirtualizationTypes: ['hvm'],
        bareMetal: false,
        hypervisor: 'nitro',
        processorInfo: { supportedArchitectures: [type.architecture] },
        vCpuInfo: { defaultVCpus: type.vcpus },
        memoryInfo: { sizeInMiB: type.memoryMiB },
        instanceStorageSupported: false,
        burstablePerformanceSupported: type.name.startsWith('t'),
        hibernationSupported: false,
      }),
    ),
    nextToken: next,
  };
}
