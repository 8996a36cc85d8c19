import { registerPlugin } from '@provision/core';
import { scalewayPlugin } from './scaleway-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(scalewayPlugin);

export { createScaleway } from './create-scaleway.js';
export { scalewayCatalog } from './scaleway-catalog.js';
export { scalewayPlugin } from './scaleway-plugin.js';
export { type ScalewaySettings, scalewaySettingsSchema } from './scaleway-settings.js';
export { VERSION } from './version.js';
