import { registerPlugin } from '@provision/core';
import { awsPlugin } from './aws-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation, and with it the AWS SDK, loads on first use).
registerPlugin(awsPlugin);

export { awsCatalog } from './aws-catalog.js';
export { awsPlugin } from './aws-plugin.js';
export { type AwsSettings, awsSettingsSchema } from './aws-settings.js';
export { createAws } from './create-aws.js';
export { VERSION } from './version.js';
