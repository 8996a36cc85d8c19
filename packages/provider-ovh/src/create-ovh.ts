import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { ovhPlugin } from './ovh-plugin.js';
import type { OvhSettings } from './ovh-settings.js';

/**
 * An OVHcloud provisioner, without touching the registry.
 * @example const cloud = createOvh(); // keys from OVH_APPLICATION_KEY... or ovh.conf
 */
export function createOvh(settings: OvhSettings = {}, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(ovhPlugin, settings, options);
}
