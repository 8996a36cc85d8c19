import type {
  AzureFakeDeployment,
  AzureFakeGroup,
  AzureFakeResource,
  AzureFakeVmState,
} from './azure-fake-records.js';

/** Fixed credentials the fake accepts (well-formed, never real). */
export const AZURE_FAKE_CREDENTIALS = {
  subscriptionId: '00000000-0000-4000-8000-00000000a001',
  tenantId: '00000000-0000-4000-8000-00000000a002',
  clientId: '00000000-0000-4000-8000-00000000a003',
  clientSecret: 'fake~client~secret~0123456789abcdef',
} as const;

/** The access token the fake's token endpoint hands out and its management API accepts. */
export const AZURE_FAKE_ACCESS_TOKEN = 'fake-arm-access-token-eyJ0eXAiOiJKV1QifQ';

/** The public cloud's endpoints, where msw answers for the fake by default. */
export const AZURE_MANAGEMENT_URL = 'https://management.azure.com';
export const AZURE_LOGIN_URL = 'https://login.microsoftonline.com';
export const AZURE_PRICES_URL = 'https://prices.azure.com';

/** A resource group as `ResourceGroups_Get` answers it. */
export function groupJson(subscription: string, group: AzureFakeGroup): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscription}/resourceGroups/${group.name}`,
    name: group.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: group.location,
    tags: group.tags,
    properties: { provisioningState: group.provisioningState },
  };
}

/** A resource as its `_Get` answers it; a VM with `$expand=instanceView` gets its instance view. */
export function resourceJson(
  resource: AzureFakeResource,
  vm: AzureFakeVmState | undefined,
  options: { readonly instanceView?: boolean; readonly ipAddress?: string | undefined } = {},
): Record<string, unknown> {
  const properties: Record<string, unknown> = { ...resource.properties };
  if (vm !== undefined) {
    properties.provisioningState = vm.provisioningState;
    if (options.instanceView) properties.instanceView = instanceView(vm);
  }
  if (options.ipAddress !== undefined) properties.ipAddress = options.ipAddress;
  return {
    id: resource.resourceId,
    name: resource.name,
    type: typeName(resource.type),
    location: resource.location,
    ...(Object.keys(resource.tags).length === 0 ? {} : { tags: resource.tags }),
    ...(resource.sku === undefined ? {} : { sku: resource.sku }),
    properties,
  };
}

function typeName(type: string): string {
  const [namespace = '', kind = ''] = type.split('/');
  const spelled: Record<string, string> = {
    'microsoft.compute': 'Microsoft.Compute',
    'microsoft.network': 'Microsoft.Network',
    virtualmachines: 'virtualMachines',
    disks: 'disks',
    networkinterfaces: 'networkInterfaces',
    publicipaddresses: 'publicIPAddresses',
    networksecuritygroups: 'networkSecurityGroups',
    virtualnetworks: 'virtualNetworks',
  };
  return `${spelled[namespace] ?? namespace}/${spelled[kind] ?? kind}`;
}

/**
 * A VM's instance view statuses: `ProvisioningState/<state>` (a failure as
 * `ProvisioningState/failed/<code>` with its message) and, once provisioned, `PowerState/<state>`.
 * https://learn.microsoft.com/azure/virtual-machines/states-billing
 */
export function instanceView(vm: AzureFakeVmState): Record<string, unknown> {
  const provisioning =
    vm.provisioningState === 'Failed'
      ? {
          code: `ProvisioningState/failed/${vm.failure?.code ?? 'InternalExecutionError'}`,
          level: 'Error',
          displayStatus: 'Provisioning failed',
          message: vm.failure?.message ?? 'The VM failed to provision.',
        }
      : {
          code: `ProvisioningState/${vm.provisioningState.toLowerCase()}`,
          level: 'Info',
          displayStatus: `Provisioning ${vm.provisioningState === 'Succeeded' ? 'succeeded' : vm.provisioningState.toLowerCase()}`,
        };
  const power = { code: `PowerState/${vm.power}`, level: 'Info', displayStatus: `VM ${vm.power}` };
  return { statuses: vm.provisioningState === 'Failed' ? [provisioning] : [provisioning, power] };
}

/** A deployment as `Deployments_Get` answers it. */
export function deploymentJson(deployment: AzureFakeDeployment): Record<string, unknown> {
  return {
    id: deployment.resourceId,
    name: deployment.name,
    type: 'Microsoft.Resources/deployments',
    tags: deployment.tags,
    properties: {
      provisioningState: deployment.provisioningState,
      timestamp: deployment.timestamp,
      mode: 'Incremental',
      correlationId: deployment.operationId,
      outputResources: deployment.outputResources.map((id) => ({ id })),
      ...(deployment.error === undefined ? {} : { error: deployment.error }),
    },
  };
}
