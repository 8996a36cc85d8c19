import { registerPlugin } from '@provision/core';
import { linodePlugin } from './linode-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(linodePlugin);

export { createLinode } from './create-linode.js';
export { linodeCatalog } from './linode-catalog.js';
export { linodePlugin } from './linode-plugin.js';
export { type LinodeSettings, linodeSettingsSchema } from './linode-settings.js';
export { VERSION } from './version.js';
