import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { gcpPlugin } from './gcp-plugin.js';
import type { GcpSettings } from './gcp-settings.js';

/**
 * A Compute Engine provisioner, without touching the registry.
 * @example const cloud = createGcp({ project: 'my-project' }); // credentials from ADC
 */
export function createGcp(settings: GcpSettings = {}, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(gcpPlugin, settings, options);
}
