import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { vultrPlugin } from './vultr-plugin.js';
import type { VultrSettings } from './vultr-settings.js';

/**
 * A Vultr provisioner, without touching the registry.
 * @example const cloud = createVultr(); // key from VULTR_API_KEY
 */
export function createVultr(settings: VultrSettings = {}, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(vultrPlugin, settings, options);
}
