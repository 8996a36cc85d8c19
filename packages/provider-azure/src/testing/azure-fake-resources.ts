import { FAKE_IMAGES, FAKE_LOCATIONS, FAKE_SIZES } from './azure-fake-catalog.js';

/** Why ARM refuses a resource body: status, code and message as the API answers them. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** The resource types the fake keeps, by their ARM type (lower case) and store kind. */
export const RESOURCE_TYPES = {
  'microsoft.compute/virtualmachines': 'virtualMachine',
  'microsoft.compute/disks': 'disk',
  'microsoft.network/networkinterfaces': 'networkInterface',
  'microsoft.network/publicipaddresses': 'publicIPAddress',
  'microsoft.network/networksecuritygroups': 'networkSecurityGroup',
  'microsoft.network/virtualnetworks': 'virtualNetwork',
} as const;

/** An ARM type the fake keeps. */
export type ResourceType = keyof typeof RESOURCE_TYPES;

/** The ARM type as it is written on the wire. */
export const TYPE_NAMES: Readonly<Record<ResourceType, string>> = {
  'microsoft.compute/virtualmachines': 'Microsoft.Compute/virtualMachines',
  'microsoft.compute/disks': 'Microsoft.Compute/disks',
  'microsoft.network/networkinterfaces': 'Microsoft.Network/networkInterfaces',
  'microsoft.network/publicipaddresses': 'Microsoft.Network/publicIPAddresses',
  'microsoft.network/networksecuritygroups': 'Microsoft.Network/networkSecurityGroups',
  'microsoft.network/virtualnetworks': 'Microsoft.Network/virtualNetworks',
};

/** What a check may ask of the world: whether a resource id (any case) exists, or will by then. */
export type Exists = (resourceId: string) => boolean;

type Json = Record<string, unknown>;
const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const invalid = (message: string, code = 'InvalidParameter'): Refusal => ({ status: 400, code, message });

/** Checks the parts of a body every tracked resource has: `location` and `tags`. */
export function checkCommon(body: Json): Refusal | undefined {
  const location = text(body.location)?.toLowerCase().replace(/\s+/g, '');
  if (location === undefined) return invalid("The 'location' property is required.", 'LocationRequired');
  if (!FAKE_LOCATIONS.includes(location))
    return invalid(
      `The provided location '${body.location}' is not available for resource type.`,
      'LocationNotAvailableForResourceType',
    );
  const tags = body.tags;
  if (tags !== undefined && tags !== null) {
    const entries = Object.entries(object(tags));
    if (entries.length > 50) return invalid('The number of tags exceeds the limit of 50.', 'InvalidTag');
    for (const [key, value] of entries) {
      if (typeof value !== 'string' || key.length > 512 || value.length > 256 || /[<>%&\\?/]/.test(key))
        return invalid(`The tag name '${key.slice(0, 40)}' or its value is not allowed.`, 'InvalidTag');
    }
  }
  return undefined;
}

/** The problems of a VM body (`VirtualMachines_CreateOrUpdate`), before capacity and quota. */
export function checkVirtualMachine(body: Json, exists: Exists): Refusal | undefined {
  const properties = object(body.properties);
  const size = text(object(properties.hardwareProfile).vmSize);
  if (size === undefined) return invalid("Required parameter 'hardwareProfile.vmSize' is missing (null).");
  if (!Object.keys(FAKE_SIZES).some((known) => known.toLowerCase() === size.toLowerCase()))
    return invalid(`The value ${size} provided for the VM size is not valid.`, 'InvalidParameter');
  const storage = object(properties.storageProfile);
  const image = object(storage.imageReference);
  const urn = [image.publisher, image.offer, image.sku].map((part) => String(part ?? '')).join(':');
  if (!FAKE_IMAGES.some((known) => known.toLowerCase() === urn.toLowerCase()))
    return {
      status: 404,
      code: 'PlatformImageNotFound',
      message: `The platform image '${urn}:${String(image.version ?? '')}' is not available.`,
    };
  const osProfile = object(properties.osProfile);
  if (text(osProfile.computerName) === undefined || text(osProfile.adminUsername) === undefined)
    return invalid("Required parameters 'osProfile.computerName' and 'osProfile.adminUsername' are missing.");
  const linux = object(osProfile.linuxConfiguration);
  const keys = object(linux.ssh).publicKeys;
  if (linux.disablePasswordAuthentication === true && (!Array.isArray(keys) || keys.length === 0))
    return invalid('Authentication using either SSH or password must be enabled in Linux profile.');
  if (linux.disablePasswordAuthentication !== true && text(osProfile.adminPassword) === undefined)
    return invalid("Required parameter 'adminPassword' is missing (null).");
  const customData = osProfile.customData;
  if (customData !== undefined) {
    if (
      typeof customData !== 'string' ||
      !/^[A-Za-z0-9+/]*={0,2}$/.test(customData) ||
      customData.length % 4 !== 0
    )
      return invalid(
        'Custom data in OSProfile must be in Base64 encoding and with a maximum length of 87380 characters.',
      );
    if (customData.length > 87_380)
      return invalid(
        'Custom data in OSProfile must be in Base64 encoding and with a maximum length of 87380 characters.',
      );
  }
  const nics = object(properties.networkProfile).networkInterfaces;
  if (!Array.isArray(nics) || nics.length === 0)
    return invalid('The VM must have at least one network interface.', 'InvalidParameter');
  for (const nic of nics) {
    const id = text(object(nic).id) ?? '';
    if (!exists(id))
      return {
        status: 400,
        code: 'InvalidResourceReference',
        message: `Resource ${id} referenced by the VM was not found.`,
      };
  }
  return undefined;
}

/** The problems of a NIC body (`NetworkInterfaces_CreateOrUpdate`). */
export function checkNetworkInterface(body: Json, exists: Exists): Refusal | undefined {
  const properties = object(body.properties);
  const configurations = properties.ipConfigurations;
  if (!Array.isArray(configurations) || configurations.length === 0)
    return invalid('A network interface needs at least one IP configuration.', 'InvalidRequestFormat');
  const references = configurations.flatMap((configuration) => {
    const inner = object(object(configuration).properties);
    return [text(object(inner.subnet).id), text(object(inner.publicIPAddress).id)];
  });
  references.push(text(object(properties.networkSecurityGroup).id));
  for (const id of references)
    if (id !== undefined && !exists(id))
      return {
        status: 400,
        code: 'InvalidResourceReference',
        message: `Resource ${id} referenced by the network interface was not found.`,
      };
  return undefined;
}

/** The problems of a public IP body: a Standard SKU address is static. */
export function checkPublicIpAddress(body: Json): Refusal | undefined {
  const sku = text(object(body.sku).name) ?? 'Basic';
  const method = text(object(body.properties).publicIPAllocationMethod) ?? 'Dynamic';
  if (sku.toLowerCase() === 'standard' && method.toLowerCase() !== 'static')
    return invalid(
      'Standard sku publicIp must have AllocationMethod set to Static.',
      'StandardSkuPublicIPAddressesMustBeStatic',
    );
  if (sku.toLowerCase() === 'basic')
    return invalid('Basic SKU public IPv4 addresses can no longer be created.', 'BasicSkuPublicIpRetired');
  return undefined;
}

/** The problems of a network security group body (rules complete, priorities 100-4096 and unique per direction). */
export function checkSecurityGroup(body: Json): Refusal | undefined {
  const rules = object(body.properties).securityRules ?? [];
  if (!Array.isArray(rules)) return invalid('securityRules must be a list.', 'InvalidRequestFormat');
  const seen = new Set<string>();
  for (const rule of rules) {
    const name = text(object(rule).name) ?? '';
    const inner = object(object(rule).properties);
    const priority = inner.priority;
    if (typeof priority !== 'number' || priority < 100 || priority > 4096)
      return invalid(
        `Security rule ${name} has invalid Priority. Value provided: ${String(priority)}.`,
        'SecurityRuleInvalidPriority',
      );
    const key = `${String(inner.direction)}/${priority}`;
    if (seen.has(key))
      return invalid(
        `Rules in a security group share priority ${priority}.`,
        'SecurityRulesHaveSamePriority',
      );
    seen.add(key);
    if (!['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'].includes(String(inner.protocol)))
      return invalid(`Security rule ${name} has invalid Protocol.`, 'SecurityRuleInvalidProtocol');
    if (
      !['Allow', 'Deny'].includes(String(inner.access)) ||
      !['Inbound', 'Outbound'].includes(String(inner.direction))
    )
      return invalid(`Security rule ${name} has invalid access or direction.`, 'InvalidRequestFormat');
    const ports = [
      inner.destinationPortRange,
      ...(Array.isArray(inner.destinationPortRanges) ? inner.destinationPortRanges : []),
    ];
    if (!ports.some((port) => typeof port === 'string'))
      return invalid(`Security rule ${name} has no destination port range.`, 'SecurityRuleInvalidPortRange');
    for (const port of ports)
      if (typeof port === 'string' && !/^(\*|\d{1,5}(-\d{1,5})?)$/.test(port))
        return invalid(
          `Security rule ${name} has invalid Port range ${port}.`,
          'SecurityRuleInvalidPortRange',
        );
  }
  return undefined;
}

/** The problems of a virtual network body: an address space and subnets inside it. */
export function checkVirtualNetwork(body: Json): Refusal | undefined {
  const properties = object(body.properties);
  const prefixes = object(properties.addressSpace).addressPrefixes;
  if (!Array.isArray(prefixes) || prefixes.length === 0)
    return invalid('A virtual network needs an address space.', 'InvalidRequestFormat');
  const subnets = properties.subnets ?? [];
  if (!Array.isArray(subnets)) return invalid('subnets must be a list.', 'InvalidRequestFormat');
  for (const subnet of subnets)
    if (
      text(object(subnet).name) === undefined ||
      text(object(object(subnet).properties).addressPrefix) === undefined
    )
      return invalid('Each subnet needs a name and an addressPrefix.', 'InvalidRequestFormat');
  return undefined;
}

/** What `checkResource` needs to know of the subscription. */
export interface SubscriptionLimits {
  readonly hasCapacity: (region: string, plan: string) => boolean;
  /** VMs the quota still allows. */
  readonly vmsLeft: number;
  readonly vmLimit: number;
}

/** Every refusal of a resource body ARM's preflight would give, the size's availability and the quota included. */
export function checkResource(
  type: ResourceType,
  body: Json,
  exists: Exists,
  limits: SubscriptionLimits,
): Refusal | undefined {
  const common = checkCommon(body);
  if (common !== undefined) return common;
  switch (type) {
    case 'microsoft.compute/virtualmachines': {
      // Preflight looks at the size's availability and the quota before the body's references.
      const size = String(
        ((body.properties as Json | undefined)?.hardwareProfile as Json | undefined)?.vmSize ?? '',
      );
      const location = String(body.location).toLowerCase();
      if (size !== '' && !limits.hasCapacity(location, size))
        return {
          status: 409,
          code: 'SkuNotAvailable',
          message: `The requested VM size '${size}' is currently not available in location '${location}'. Please try another size or deploy to a different location.`,
        };
      if (limits.vmsLeft <= 0)
        return {
          status: 409,
          code: 'QuotaExceeded',
          message: `Operation could not be completed as it results in exceeding approved standardBSFamily Cores quota. Current Limit: ${limits.vmLimit * (FAKE_SIZES[size]?.cores ?? 1)}.`,
        };
      return checkVirtualMachine(body, exists);
    }
    case 'microsoft.network/networkinterfaces':
      return checkNetworkInterface(body, exists);
    case 'microsoft.network/publicipaddresses':
      return checkPublicIpAddress(body);
    case 'microsoft.network/networksecuritygroups':
      return checkSecurityGroup(body);
    case 'microsoft.network/virtualnetworks':
      return checkVirtualNetwork(body);
    default:
      return {
        status: 405,
        code: 'MethodNotAllowed',
        message: 'This resource type is created by its parent.',
      };
  }
}
