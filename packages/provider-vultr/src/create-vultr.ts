import { provisionerFactory } from '@provision/provider-utils';
import { vultrPlugin } from './vultr-plugin.js';

/**
 * A Vultr provisioner, without touching the registry.
 * @example const cloud = createVultr(); // key from VULTR_API_KEY
 */
export const createVultr = provisionerFactory(vultrPlugin);
