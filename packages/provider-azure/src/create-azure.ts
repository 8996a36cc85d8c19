import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { azurePlugin } from './azure-plugin.js';
import type { AzureSettings } from './azure-settings.js';

/**
 * An Azure provisioner, without touching the registry.
 * @example const cloud = createAzure(); // AZURE_SUBSCRIPTION_ID and a service principal from the environment
 */
export function createAzure(settings: AzureSettings = {}, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(azurePlugin, settings, options);
}
