import { registerPlugin } from '@provision/core';
import { openstackPlugin } from './openstack-plugin.js';

// The one side effect of this package: importing it registers the plugin (its manifest only;
// the implementation loads on first use).
registerPlugin(openstackPlugin);

export { createOpenStack } from './create-openstack.js';
export { openstackCatalog } from './openstack-catalog.js';
export { openstackPlugin } from './openstack-plugin.js';
export { type OpenStackSettings, openstackSettingsSchema } from './openstack-settings.js';
export { VERSION } from './version.js';
