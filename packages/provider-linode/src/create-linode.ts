import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { linodePlugin } from './linode-plugin.js';
import type { LinodeSettings } from './linode-settings.js';

/**
 * A Linode provisioner, without touching the registry.
 * @example const cloud = createLinode(); // token from LINODE_TOKEN
 */
export function createLinode(
  settings: LinodeSettings = {},
  options?: CreateProvisionerOptions,
): ProvisionerV1 {
  return createProvisioner(linodePlugin, settings, options);
}
