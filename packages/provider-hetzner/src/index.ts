import { registerPlugin } from '@provision/core';
import { hetznerPlugin } from './hetzner-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(hetznerPlugin);

export { createHetzner } from './create-hetzner.js';
export { hetznerCatalog } from './hetzner-catalog.js';
export { hetznerPlugin } from './hetzner-plugin.js';
export { type HetznerSettings, hetznerSettingsSchema } from './hetzner-settings.js';
export { VERSION } from './version.js';
