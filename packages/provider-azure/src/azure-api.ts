import * as z from 'zod/mini';

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

const tags = z.nullish(z.record(z.string(), z.string()));

/** A resource group (only the fields read). */
export const resourceGroup = z.object({
  name: z.string(),
  location: z.string(),
  tags,
  properties: z.nullish(z.object({ provisioningState: z.nullish(z.string()) })),
});
export type ResourceGroup = z.infer<typeof resourceGroup>;

const instanceStatus = z.object({
  code: z.nullish(z.string()),
  level: z.nullish(z.string()),
  displayStatus: z.nullish(z.string()),
  message: z.nullish(z.string()),
});

/** A virtual machine read with `$expand=instanceView` (only the fields read). */
export const virtualMachine = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  tags,
  properties: z.object({
    provisioningState: z.nullish(z.string()),
    timeCreated: z.nullish(z.string()),
    hardwareProfile: z.nullish(z.object({ vmSize: z.nullish(z.string()) })),
    storageProfile: z.nullish(
      z.object({
        imageReference: z.nullish(
          z.object({
            publisher: z.nullish(z.string()),
            offer: z.nullish(z.string()),
            sku: z.nullish(z.string()),
          }),
        ),
      }),
    ),
    instanceView: z.nullish(z.object({ statuses: z.nullish(z.array(instanceStatus)) })),
  }),
});
export type VirtualMachine = z.infer<typeof virtualMachine>;

/** A public IP address (only the fields read). */
export const publicIpAddress = z.object({
  name: z.string(),
  properties: z.nullish(
    z.object({ ipAddress: z.nullish(z.string()), provisioningState: z.nullish(z.string()) }),
  ),
});
export type PublicIpAddress = z.infer<typeof publicIpAddress>;

const securityRule = z.object({
  name: z.nullish(z.string()),
  properties: z.object({
    protocol: z.string(),
    access: z.string(),
    direction: z.string(),
    priority: z.nullish(z.number()),
    sourceAddressPrefix: z.nullish(z.string()),
    sourceAddressPrefixes: z.nullish(z.array(z.string())),
    destinationPortRange: z.nullish(z.string()),
    destinationPortRanges: z.nullish(z.array(z.string())),
  }),
});
export type SecurityRule = z.infer<typeof securityRule>;

/** A network security group (only the fields read). */
export const networkSecurityGroup = z.object({
  name: z.string(),
  properties: z.nullish(z.object({ securityRules: z.nullish(z.array(securityRule)) })),
});

/** A template deployment (only the fields read). */
export const deployment = z.object({
  name: z.string(),
  properties: z.nullish(
    z.object({
      provisioningState: z.nullish(z.string()),
      error: z.nullish(
        z.object({
          code: z.nullish(z.string()),
          message: z.nullish(z.string()),
          details: z.nullish(
            z.array(z.object({ code: z.nullish(z.string()), message: z.nullish(z.string()) })),
          ),
        }),
      ),
    }),
  ),
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
export function armPage<T extends z.ZodMiniType>(item: T) {
  return z.object({ value: z.array(item), nextLink: z.nullish(z.string()) });
}

/** A public IP as a listing gives it: with its id (and so its group) and tags. */
export const listedPublicIpAddress = z.extend(publicIpAddress, { id: z.string(), tags });
export type ListedPublicIpAddress = z.infer<typeof listedPublicIpAddress>;

/** The subscription (`Subscriptions_Get`), for verifyCredentials. */
export const subscription = z.object({ subscriptionId: z.string(), state: z.nullish(z.string()) });

/** A compute usage of one region (`Usage_List`): `cores` is the regional vCPU quota. */
export const usage = z.object({
  name: z.object({ value: z.string() }),
  currentValue: z.number(),
  limit: z.number(),
});
