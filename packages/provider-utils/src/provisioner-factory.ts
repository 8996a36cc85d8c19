import {
  type CreateProvisionerOptions,
  createProvisioner,
  type PluginManifest,
  type ProvisionerV1,
} from '@provision/core';

/**
 * A provider package's `create<Cloud>()`: a provisioner of `plugin` from settings and options,
 * without touching the registry (core's `createProvisioner` of the manifest).
 */
export function provisionerFactory<Settings>(
  plugin: PluginManifest<Settings>,
): (settings?: Settings, options?: CreateProvisionerOptions) => ProvisionerV1 {
  return (settings, options) => createProvisioner(plugin, settings, options);
}
