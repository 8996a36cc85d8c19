import { registerPlugin } from '@provision/core';
import { acmePlugin } from './acme-plugin.js';

// The package's only side effect: the manifest, not the implementation.
registerPlugin(acmePlugin);

export { acmeCatalog, acmePlugin, VERSION } from './acme-plugin.js';
export {
  ACME_API_KEY_ENV,
  ACME_ENDPOINT_ENV,
  type AcmeSettings,
  acmeSettingsSchema,
  checkAcmeApiKey,
} from './acme-settings.js';
export { createAcme } from './create-acme.js';
