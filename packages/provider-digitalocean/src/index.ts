import { registerPlugin } from '@provision/core';
import { digitaloceanPlugin } from './digitalocean-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(digitaloceanPlugin);

export { createDigitalOcean } from './create-digitalocean.js';
export { digitaloceanCatalog } from './digitalocean-catalog.js';
export { digitaloceanPlugin } from './digitalocean-plugin.js';
export { type DigitalOceanSettings, digitaloceanSettingsSchema } from './digitalocean-settings.js';
export { VERSION } from './version.js';
