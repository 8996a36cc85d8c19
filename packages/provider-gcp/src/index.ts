import { registerPlugin } from '@provision/core';
import { gcpPlugin } from './gcp-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(gcpPlugin);

export { createGcp } from './create-gcp.js';
export { gcpCatalog } from './gcp-catalog.js';
export { gcpPlugin } from './gcp-plugin.js';
export { type GcpSettings, gcpSettingsSchema } from './gcp-settings.js';
export { VERSION } from './version.js';
