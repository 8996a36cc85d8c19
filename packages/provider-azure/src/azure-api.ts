import * as z from 'zod';

/**
 * The api-versions this plugin speaks (stable versions of the REST API specs,
 * `Azure/azure-rest-api-specs`): every request carries one, as ARM requires.
 */
export const API_VERSIONS = {
  resources: '2021-04-01',
  compute: '2024-07-01',
  network: '2024-05-01',
  subscriptions: '2022-12-01',
} as const;

const tags = z.record(z.string(), z.string()).nullish();

/** A resource group (only the fields read). */
export const resourceGroup = z.object({
  name: z.string(),
  location: z.string(),
  tags,
  properties: z.object({ provisioningState: z.string().nullish() }).nullish(),
});
export type ResourceGroup = z.infer<typeof resourceGroup>;

const instanceStatus = z.object({
  code: z.string().nullish(),
  level: z.string().nullish(),
  displayStatus: z.string().nullish(),
  message: z.string().nullish(),
});

/** A virtual machine read with `$expand=instanceView` (only the fields read). */
export const virtualMachine = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  tags,
  properties: z.object({
    provisioningState: z.string().nullish(),
    timeCreated: z.string().nullish(),
    hardwareProfile: z.object({ vmSize: z.string().nullish() }).nullish(),
    storageProfile: z
      .object({
        imageReference: z
          .object({ publisher: z.string().nullish(), offer: z.string().nullish(), sku: z.string().nullish() })
          .nullish(),
      })
      .nullish(),
    instanceView: z.object({ statuses: z.array(instanceStatus).nullish() }).nullish(),
  }),
});
export type VirtualMachine = z.infer<typeof virtualMachine>;

/** A public IP address (only the fields read). */
export const publicIpAddress = z.object({
  name: z.string(),
  properties: z
    .object({ ipAddress: z.string().nullish(), provisioningState: z.string().nullish() })
    .nullish(),
});
export type PublicIpAddress = z.infer<typeof publicIpAddress>;

const securityRule = z.object({
  name: z.string().nullish(),
  properties: z.object({
    protocol: z.string(),
    access: z.string(),
    direction: z.string(),
    priority: z.number().nullish(),
    sourceAddressPrefix: z.string().nullish(),
    sourceAddressPrefixes: z.array(z.string()).nullish(),
    destinationPortRange: z.string().nullish(),
    destinationPortRanges: z.array(z.string()).nullish(),
  }),
});
export type SecurityRule = z.infer<typeof securityRule>;

/** A network security group (only the fields read). */
export const networkSecurityGroup = z.object({
  name: z.string(),
  properties: z.object({ securityRules: z.array(securityRule).nullish() }).nullish(),
});

/** A template deployment (only the fields read). */
export const deployment = z.object({
  name: z.string(),
  properties: z
    .object({
      provisioningState: z.string().nullish(),
      error: z
        .object({
          code: z.string().nullish(),
          message: z.string().nullish(),
          details: z.array(z.object({ code: z.string().nullish(), message: z.string().nullish() })).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type Deployment = z.infer<typeof deployment>;

/** Paths of a host's resources, under its resource group. */
export function resourcePaths(subscription: string, group: string) {
  const root = `/subscriptions/${subscription}/resourceGroups/${group}`;
  return {
    group: `/subscriptions/${subscription}/resourcegroups/${group}`,
    deployment: (name: string) => `${root}/providers/Microsoft.Resources/deployments/${name}`,
    virtualMachine: (name: string) => `${root}/providers/Microsoft.Compute/virtualMachines/${name}`,
    publicIpAddress: (name: string) => `${root}/providers/Microsoft.Network/publicIPAddresses/${name}`,
    networkSecurityGroup: (name: string) =>
      `${root}/providers/Microsoft.Network/networkSecurityGroups/${name}`,
    networkInterface: (name: string) => `${root}/providers/Microsoft.Network/networkInterfaces/${name}`,
    virtualNetwork: (name: string) => `${root}/providers/Microsoft.Network/virtualNetworks/${name}`,
  };
}

/** A page of an ARM list: `{ value, nextLink }`. */
export function armPage<T extends z.ZodType>(item: T) {
  return z.object({ value: z.array(item), nextLink: z.string().nullish() });
}

/** A public IP as a listing gives it: with its id (and so its group) and tags. */
export const listedPublicIpAddress = publicIpAddress.extend({ id: z.string(), tags });
export type ListedPublicIpAddress = z.infer<typeof listedPublicIpAddress>;

/** The subscription (`Subscriptions_Get`), for verifyCredentials. */
export const subscription = z.object({ subscriptionId: z.string(), state: z.string().nullish() });

/** A compute usage of one region (`Usage_List`): `cores` is the regional vCPU quota. */
export const usage = z.object({
  name: z.object({ value: z.string() }),
  currentValue: z.number(),
  limit: z.number(),
});
