import { type CreateProvisionerOptions, createProvisioner, type ProvisionerV1 } from '@provision/core';
import { awsPlugin } from './aws-plugin.js';
import type { AwsSettings } from './aws-settings.js';

/**
 * An AWS EC2 provisioner, without touching the registry.
 * @example const cloud = createAws(); // credentials from the environment or the SDK's default chain
 */
export function createAws(settings: AwsSettings = {}, options?: CreateProvisionerOptions): ProvisionerV1 {
  return createProvisioner(awsPlugin, settings, options);
}
