import { registerPlugin } from '@provision/core';
import { azurePlugin } from './azure-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(azurePlugin);

export { azureCatalog } from './azure-catalog.js';
export { azurePlugin } from './azure-plugin.js';
export { type AzureSettings, azureSettingsSchema } from './azure-settings.js';
export { createAzure } from './create-azure.js';
export { VERSION } from './version.js';
