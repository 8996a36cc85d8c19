import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { metalPlugin } from './metal-plugin.js';
import type { MetalSettings } from './metal-settings.js';

/**
 * An Equinix Metal provisioner, without touching the registry.
 * @example const cloud = createEquinixMetal(); // key from METAL_AUTH_TOKEN, project from METAL_PROJECT_ID
 */
export function createEquinixMetal(
  settings: MetalSettings = {},
  options?: CreateProvisionerOptions,
): ProvisionerV1 {
  return createProvisioner(metalPlugin, settings, options);
}
