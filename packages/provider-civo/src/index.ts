import { registerPlugin } from '@provision/core';
import { civoPlugin } from './civo-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(civoPlugin);

export { civoCatalog } from './civo-catalog.js';
export { civoPlugin } from './civo-plugin.js';
export { type CivoSettings, civoSettingsSchema } from './civo-settings.js';
export { createCivo } from './create-civo.js';
export { VERSION } from './version.js';
