import { registerPlugin } from '@provision/core';
import { ovhPlugin } from './ovh-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(ovhPlugin);

export { createOvh } from './create-ovh.js';
export { ovhCatalog } from './ovh-catalog.js';
export { ovhPlugin } from './ovh-plugin.js';
export { OVH_ENDPOINTS, type OvhSettings, ovhSettingsSchema } from './ovh-settings.js';
export { VERSION } from './version.js';
