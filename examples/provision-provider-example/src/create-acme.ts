import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { acmePlugin } from './acme-plugin.js';
import type { AcmeSettings } from './acme-settings.js';

/** An Acme provisioner, without touching the registry. */
export function createAcme(settings?: AcmeSettings, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(acmePlugin, settings, options);
}
