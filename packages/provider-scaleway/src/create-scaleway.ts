import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { scalewayPlugin } from './scaleway-plugin.js';
import type { ScalewaySettings } from './scaleway-settings.js';

/**
 * A Scaleway provisioner, without touching the registry.
 * @example const cloud = createScaleway(); // keys from SCW_SECRET_KEY and SCW_DEFAULT_PROJECT_ID
 */
export function createScaleway(
  settings: ScalewaySettings = {},
  options?: CreateProvisionerOptions,
): ProvisionerV1 {
  return createProvisioner(scalewayPlugin, settings, options);
}
