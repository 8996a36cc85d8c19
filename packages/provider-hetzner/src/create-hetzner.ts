import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { hetznerPlugin } from './hetzner-plugin.js';
import type { HetznerSettings } from './hetzner-settings.js';

/**
 * A Hetzner Cloud provisioner, without touching the registry.
 * @example const cloud = createHetzner(); // token from HCLOUD_TOKEN or the hcloud CLI's context
 */
export function createHetzner(
  settings: HetznerSettings = {},
  options?: CreateProvisionerOptions,
): ProvisionerV1 {
  return createProvisioner(hetznerPlugin, settings, options);
}
