import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { digitaloceanPlugin } from './digitalocean-plugin.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';

/**
 * A DigitalOcean provisioner, without touching the registry.
 * @example const cloud = createDigitalOcean(); // token from DIGITALOCEAN_TOKEN
 */
export function createDigitalOcean(
  settings: DigitalOceanSettings = {},
  options?: CreateProvisionerOptions,
): ProvisionerV1 {
  return createProvisioner(digitaloceanPlugin, settings, options);
}
