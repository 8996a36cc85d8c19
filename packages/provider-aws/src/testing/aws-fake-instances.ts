import { FAKE_INSTANCE_TYPES } from './aws-fake-catalog.js';
import { filters, matchesAny, type Params, scalar, scalars } from './aws-fake-query.js';
import type { AwsFakeContext, AwsFakeInstance, FakeTag, InstanceStateName } from './aws-fake-records.js';
import { STATE_CODES } from './aws-fake-records.js';
import { VPC_ID } from './aws-fake-security-groups.js';
import type { XmlStructure, XmlValue } from './aws-fake-xml.js';

const INSTANCE_ID = /^i-([0-9a-f]{8}|[0-9a-f]{17})$/;

// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html (Filter.N)
const INSTANCE_FILTERS = new Set([
  'instance-id',
  'instance-state-name',
  'instance-state-code',
  'instance-type',
  'ip-address',
  'client-token',
  'tag-key',
  'image-id',
  'reservation-id',
  'instance.group-id',
  'availability-zone',
  'architecture',
  'vpc-id',
  'subnet-id',
  'private-ip-address',
  'network-interface.network-interface-id',
]);

/** `tagSet` items. */
export function tagSet(tags: readonly FakeTag[]): XmlValue[] {
  return tags.map((tag) => ({ key: tag.key, value: tag.value }));
}

/** Tag filters: `tag:<key>` (values with wildcards) and `tag-key`. */
export function tagFilterMatches(
  name: string,
  values: string[],
  tags: readonly FakeTag[],
): boolean | undefined {
  if (name === 'tag-key') return tags.some((tag) => matchesAny(values, tag.key));
  if (name.startsWith('tag:')) {
    const key = name.slice(4);
    return tags.some((tag) => tag.key === key && matchesAny(values, tag.value));
  }
  return undefined;
}

/** Moves an instance to `state`, starting the count of reads until its next step. */
export function transition(
  context: AwsFakeContext,
  instance: AwsFakeInstance,
  state: InstanceStateName,
): void {
  instance.state = state;
  context.lifecycle.restart(`instance:${instance.id}`);
}

function end(
  context: AwsFakeContext,
  instance: AwsFakeInstance,
  reason: { code: string; message: string },
): void {
  instance.state = 'terminated';
  instance.stateReason = reason;
  instance.transitionReason = `User initiated (${context.now()})`;
  instance.publicIp = undefined;
  // Terminated instances stay visible, but hold nothing: not a leftover, no group dependency.
  context.instances.delete(instance.id);
}

/**
 * Counts a read of the instance and moves it on when its time has come:
 * pending -> running (or, for a failed launch, terminated with the reason), stopping -> stopped,
 * shutting-down -> terminated.
 */
export function observe(context: AwsFakeContext, instance: AwsFakeInstance): AwsFakeInstance {
  const settled = ['running', 'stopped', 'terminated'].includes(instance.state);
  if (settled || !context.lifecycle.read(`instance:${instance.id}`)) return instance;
  if (instance.state === 'pending') {
    if (instance.failure !== undefined) {
      end(context, instance, { code: 'Server.InternalError', message: instance.failure });
      return instance;
    }
    instance.state = 'running';
    instance.stateReason = undefined;
    if (instance.wantsPublicIp) instance.publicIp ??= context.nextAddress().publicIp;
  } else if (instance.state === 'stopping') {
    instance.state = 'stopped';
    instance.stateReason = {
      code: 'Client.UserInitiatedShutdown',
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    };
    instance.publicIp = undefined;
  } else if (instance.state === 'shutting-down') {
    end(context, instance, {
      code: 'Client.UserInitiatedShutdown',
      message: 'Client.UserInitiatedShutdown: User initiated shutdown',
    });
  }
  return instance;
}

/** `instanceState`. */
export function stateXml(state: InstanceStateName): XmlStructure {
  return { code: STATE_CODES[state], name: state };
}

/** One `instancesSet` item, with the members of the model's `Instance` shape that the fake knows. */
export function instanceXml(context: AwsFakeContext, instance: AwsFakeInstance): XmlStructure {
  const groups = instance.groupIds.map((id) => ({
    groupId: id,
    groupName: context.securityGroups.get(id)?.name ?? 'default',
  }));
  const dns =
    instance.publicIp === undefined
      ? ''
      : `ec2-${instance.publicIp.replaceAll('.', '-')}.compute-1.amazonaws.com`;
  const live = instance.state !== 'terminated';
  const privateDnsName = live ? `ip-${instance.privateIp.replaceAll('.', '-')}.ec2.internal` : '';
  const association =
    instance.publicIp === undefined
      ? undefined
      : { publicIp: instance.publicIp, publicDnsName: dns, ipOwnerId: 'amazon' };
  const vcpus = FAKE_INSTANCE_TYPES.find((type) => type.name === instance.instanceType)?.vcpus ?? 1;
  return {
    instanceId: instance.id,
    imageId: instance.imageId,
    instanceState: stateXml(instance.state),
    privateDnsName,
    dnsName: dns,
    reason: instance.transitionReason,
    amiLaunchIndex: 0,
    productCodes: [],
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.zone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: live ? instance.subnetId : undefined,
    vpcId: live ? VPC_ID : undefined,
    privateIpAddress: live ? instance.privateIp : undefined,
    ipAddress: instance.publicIp,
    sourceDestCheck: true,
    groupSet: live ? groups : [],
    stateReason: instance.stateReason,
    architecture: instance.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/sda1',
    // The root volume goes with the instance (DeleteOnTermination), so a terminated one lists none.
    blockDeviceMapping: live
      ? [
          {
            deviceName: '/dev/sda1',
            ebs: {
              volumeId: instance.volumeId,
              status: 'attached',
              attachTime: instance.launchTime,
              deleteOnTermination: true,
            },
          },
        ]
      : [],
    virtualizationType: 'hvm',
    clientToken: instance.clientToken,
    tagSet: tagSet(instance.tags),
    hypervisor: 'xen',
    networkInterfaceSet: live
      ? [
          {
            networkInterfaceId: instance.networkInterfaceId,
            subnetId: instance.subnetId,
            vpcId: VPC_ID,
            description: '',
            ownerId: context.ownerId,
            status: 'in-use',
            macAddress: instance.macAddress,
            privateIpAddress: instance.privateIp,
            privateDnsName,
            sourceDestCheck: true,
            groupSet: groups,
            attachment: {
              attachmentId: instance.attachmentId,
              deviceIndex: 0,
              status: 'attached',
              attachTime: instance.launchTime,
              deleteOnTermination: true,
              networkCardIndex: 0,
            },
            association,
            privateIpAddressesSet: [
              { privateIpAddress: instance.privateIp, privateDnsName, primary: true, association },
            ],
            ipv6AddressesSet: [],
            interfaceType: 'interface',
          },
        ]
      : [],
    ebsOptimized: false,
    enaSupport: true,
    cpuOptions: { coreCount: Math.max(1, vcpus / 2), threadsPerCore: vcpus > 1 ? 2 : 1 },
    capacityReservationSpecification: { capacityReservationPreference: 'open' },
    hibernationOptions: { configured: false },
    enclaveOptions: { enabled: false },
    bootMode: 'uefi-preferred',
    currentInstanceBootMode: instance.architecture === 'arm64' ? 'uefi' : 'legacy-bios',
    privateDnsNameOptions: {
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
    },
    maintenanceOptions: { autoRecovery: 'default' },
    metadataOptions: { state: 'applied', httpTokens: instance.httpTokens, httpEndpoint: 'enabled' },
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
  };
}

/** `reservationSet` items: the given instances grouped by the launch they came from. */
export function reservationsXml(context: AwsFakeContext, instances: readonly AwsFakeInstance[]): XmlValue[] {
  const byReservation = new Map<string, AwsFakeInstance[]>();
  for (const instance of instances)
    byReservation.set(instance.reservationId, [
      ...(byReservation.get(instance.reservationId) ?? []),
      instance,
    ]);
  return [...byReservation.entries()].map(([reservationId, members]) => ({
    reservationId,
    ownerId: context.ownerId,
    groupSet: [],
    instancesSet: members.map((instance) => instanceXml(context, instance)),
  }));
}

/** The instances `InstanceId.N` names, each of which must exist in the region (terminated ones do, for a while). */
export function namedInstances(context: AwsFakeContext, params: Params, region: string): AwsFakeInstance[] {
  const ids = scalars(params, 'InstanceId');
  for (const id of ids)
    if (!INSTANCE_ID.test(id)) context.fail(400, 'InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  const missing = ids.filter((id) => {
    const instance = context.allInstances.get(id);
    return instance?.region !== region || instance.forgotten === true;
  });
  if (missing.length === 1)
    context.fail(400, 'InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  if (missing.length > 1)
    context.fail(400, 'InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return ids.map((id) => context.allInstances.get(id) as AwsFakeInstance);
}

// The field each instance filter reads; one lookup per filter and instance, no record built each time.
const FILTER_FIELDS: Readonly<Record<string, (instance: AwsFakeInstance) => string | undefined>> = {
  'instance-id': (instance) => instance.id,
  'instance-state-name': (instance) => instance.state,
  'instance-state-code': (instance) => String(STATE_CODES[instance.state]),
  'instance-type': (instance) => instance.instanceType,
  'ip-address': (instance) => instance.publicIp,
  'client-token': (instance) => instance.clientToken,
  'image-id': (instance) => instance.imageId,
  'reservation-id': (instance) => instance.reservationId,
  'availability-zone': (instance) => instance.zone,
  architecture: (instance) => instance.architecture,
  'vpc-id': () => VPC_ID,
  'subnet-id': (instance) => instance.subnetId,
  'private-ip-address': (instance) => instance.privateIp,
  'network-interface.network-interface-id': (instance) => instance.networkInterfaceId,
};

function matchesFilter(name: string, values: string[], instance: AwsFakeInstance): boolean {
  const tag = tagFilterMatches(name, values, instance.tags);
  if (tag !== undefined) return tag;
  if (name === 'instance.group-id') return instance.groupIds.some((id) => matchesAny(values, id));
  const field = Object.hasOwn(FILTER_FIELDS, name) ? FILTER_FIELDS[name] : undefined;
  return matchesAny(values, field?.(instance));
}

/** `DescribeInstances`: ids or filters, paged by `MaxResults` (5-1000) and `NextToken`. */
export function describeInstances(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const named = scalars(params, 'InstanceId');
  const maxResults = scalar(params, 'MaxResults');
  if (named.length > 0 && maxResults !== undefined)
    context.fail(
      400,
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  const wanted = filters(params);
  for (const name of wanted.keys())
    if (!INSTANCE_FILTERS.has(name) && !name.startsWith('tag:'))
      context.fail(400, 'InvalidParameterValue', `The filter '${name}' is invalid`);
  const wantedList = [...wanted];
  const candidates =
    named.length > 0
      ? namedInstances(context, params, region)
      : [...context.allInstances.values()].filter(
          (instance) => instance.region === region && instance.forgotten !== true,
        );
  const matching = candidates
    .map((instance) => observe(context, instance))
    .filter((instance) => wantedList.every(([name, values]) => matchesFilter(name, values, instance)));
  const size = maxResults === undefined ? matching.length : Number(maxResults);
  if (!Number.isInteger(size) || (maxResults !== undefined && (size < 5 || size > 1000)))
    context.fail(
      400,
      'InvalidParameterValue',
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  const token = scalar(params, 'NextToken');
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0)
    context.fail(400, 'InvalidPaginationToken', 'The specified pagination token is not valid.');
  const page = matching.slice(start, start + Math.min(Math.max(size, 0), context.maxPageSize ?? size));
  const next =
    start + page.length < matching.length
      ? Buffer.from(String(start + page.length)).toString('base64url')
      : undefined;
  return { reservationSet: reservationsXml(context, page), nextToken: next };
}

/** `TerminateInstances`: idempotent; a shutting-down instance counts the request as a read. */
export function terminateInstances(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const instances = namedInstances(context, params, region);
  if (instances.length === 0)
    context.fail(400, 'MissingParameter', 'The request must contain the parameter InstanceId');
  const changes = instances.map((instance) => {
    const previous = instance.state;
    if (['pending', 'running', 'stopping', 'stopped'].includes(previous))
      transition(context, instance, 'shutting-down');
    else observe(context, instance);
    return {
      instanceId: instance.id,
      currentState: stateXml(instance.state),
      previousState: stateXml(previous),
    };
  });
  return { instancesSet: changes };
}

function refuse(context: AwsFakeContext, instance: AwsFakeInstance, what: string): never {
  return context.fail(
    400,
    'IncorrectInstanceState',
    `The instance '${instance.id}' is not in a state from which it can be ${what}.`,
  );
}

/** `StopInstances`: running -> stopping (-> stopped after reads). */
export function stopInstances(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const changes = namedInstances(context, params, region).map((instance) => {
    const previous = observe(context, instance).state;
    if (previous === 'running') transition(context, instance, 'stopping');
    else if (previous !== 'stopping' && previous !== 'stopped') refuse(context, instance, 'stopped');
    return {
      instanceId: instance.id,
      currentState: stateXml(instance.state),
      previousState: stateXml(previous),
    };
  });
  return { instancesSet: changes };
}

/** `StartInstances`: stopped -> pending (-> running with a new public IP after reads). */
export function startInstances(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  const changes = namedInstances(context, params, region).map((instance) => {
    const previous = observe(context, instance).state;
    if (previous === 'stopped') {
      instance.stateReason = undefined;
      transition(context, instance, 'pending');
    } else if (previous !== 'pending' && previous !== 'running') refuse(context, instance, 'started');
    return {
      instanceId: instance.id,
      currentState: stateXml(instance.state),
      previousState: stateXml(previous),
    };
  });
  return { instancesSet: changes };
}

/**
 * `RebootInstances`: the instance stays `running`. The description gives the operation no output
 * members; the API reference's sample response carries `<return>true</return>`.
 */
export function rebootInstances(context: AwsFakeContext, params: Params, region: string): XmlStructure {
  for (const instance of namedInstances(context, params, region))
    if (observe(context, instance).state !== 'running') refuse(context, instance, 'rebooted');
  return { return: true };
}
