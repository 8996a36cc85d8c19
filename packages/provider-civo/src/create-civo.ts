import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { civoPlugin } from './civo-plugin.js';
import type { CivoSettings } from './civo-settings.js';

/**
 * A Civo provisioner, without touching the registry.
 * @example const cloud = createCivo(); // key from CIVO_TOKEN
 */
export function createCivo(settings: CivoSettings = {}, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(civoPlugin, settings, options);
}
