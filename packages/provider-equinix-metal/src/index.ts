import { registerPlugin } from '@provision/core';
import { metalPlugin } from './metal-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(metalPlugin);

export { createEquinixMetal } from './create-equinix-metal.js';
export { metalCatalog } from './metal-catalog.js';
export { metalPlugin } from './metal-plugin.js';
export { type MetalSettings, metalSettingsSchema } from './metal-settings.js';
export { VERSION } from './version.js';
