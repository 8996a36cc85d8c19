import { registerPlugin } from '@provision/core';
import { vultrPlugin } from './vultr-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(vultrPlugin);

export { createVultr } from './create-vultr.js';
export { VERSION } from './version.js';
export { vultrCatalog } from './vultr-catalog.js';
export { vultrPlugin } from './vultr-plugin.js';
export { type VultrSettings, vultrSettingsSchema } from './vultr-settings.js';
