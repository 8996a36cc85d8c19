import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { openstackPlugin } from './openstack-plugin.js';
import type { OpenStackSettings } from './openstack-settings.js';

/**
 * An OpenStack provisioner, without touching the registry.
 * @example const cloud = createOpenStack(); // from OS_AUTH_URL, OS_USERNAME, ... or OS_CLOUD
 */
export function createOpenStack(
  settings: OpenStackSettings = {},
  options?: CreateProvisionerOptions,
): ProvisionerV1 {
  return createProvisioner(openstackPlugin, settings, options);
}
