import { randomUUID } from 'node:crypto';
import type { ResourceType } from './azure-fake-resources.js';

type Json = Record<string, unknown>;

const rule = (
  name: string,
  priority: number,
  direction: string,
  access: string,
  source: string,
  destination: string,
) => ({
  name,
  properties: {
    protocol: '*',
    sourcePortRange: '*',
    destinationPortRange: '*',
    sourceAddressPrefix: source,
    destinationAddressPrefix: destination,
    access,
    priority,
    direction,
    provisioningState: 'Succeeded',
  },
});

/** The rules every network security group has below its own (`defaultSecurityRules`). */
export const DEFAULT_SECURITY_RULES = [
  rule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  rule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
  rule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
  rule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
  rule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
  rule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
];

const withState = (items: unknown, parentId: string, segment: string): Json[] =>
  (Array.isArray(items) ? items : []).map((item: Json) => ({
    ...item,
    id: `${parentId}/${segment}/${String(item.name)}`,
    properties: { ...((item.properties as Json | undefined) ?? {}), provisioningState: 'Succeeded' },
  }));

/**
 * The `properties` ARM answers for a resource made from a request's `properties`: read-only
 * fields added (ids, provisioning state, the VM's `vmId` and `timeCreated`), secrets removed (a
 * VM's `customData` and `adminPassword` are never returned).
 */
export function buildProperties(
  type: ResourceType,
  resourceId: string,
  properties: Json,
  existing: Json | undefined,
): Json {
  const made: Json = { ...properties, provisioningState: 'Succeeded' };
  if (type === 'microsoft.compute/virtualmachines') {
    const {
      customData: _customData,
      adminPassword: _password,
      ...osProfile
    } = (properties.osProfile ?? {}) as Json;
    const storage = (properties.storageProfile ?? {}) as Json;
    const osDisk = (storage.osDisk ?? {}) as Json;
    const image = (storage.imageReference ?? {}) as Json;
    const vmName = resourceId.split('/').pop() ?? 'vm';
    made.vmId = existing?.vmId ?? randomUUID();
    made.timeCreated = existing?.timeCreated ?? new Date().toISOString();
    made.osProfile = {
      ...osProfile,
      allowExtensionOperations: true,
      requireGuestProvisionSignal: true,
      secrets: [],
    };
    made.storageProfile = {
      ...storage,
      imageReference: { ...image, exactVersion: '24.04.202411030' },
      osDisk: {
        osType: 'Linux',
        createOption: 'FromImage',
        caching: 'ReadWrite',
        diskSizeGB: 30,
        deleteOption: 'Detach',
        ...osDisk,
        name: String(osDisk.name ?? `${vmName}_OsDisk_1_${randomUUID().replaceAll('-', '')}`),
      },
      dataDisks: [],
    };
  }
  if (type === 'microsoft.network/virtualnetworks')
    made.subnets = withState(properties.subnets, resourceId, 'subnets');
  if (type === 'microsoft.network/networksecuritygroups')
    made.securityRules = withState(properties.securityRules, resourceId, 'securityRules');
  if (type === 'microsoft.network/networkinterfaces') {
    made.ipConfigurations = withState(properties.ipConfigurations, resourceId, 'ipConfigurations').map(
      (configuration, index) => ({
        ...configuration,
        properties: {
          ...(configuration.properties as Json),
          privateIPAddress: `10.0.0.${4 + index}`,
          privateIPAddressVersion: 'IPv4',
          primary: index === 0,
        },
      }),
    );
    made.macAddress = '00-0D-3A-00-00-01';
  }
  if (type === 'microsoft.network/publicipaddresses') {
    made.publicIPAddressVersion = properties.publicIPAddressVersion ?? 'IPv4';
    made.idleTimeoutInMinutes = properties.idleTimeoutInMinutes ?? 4;
  }
  return made;
}
