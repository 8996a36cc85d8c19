import { provisionerFactory } from '@provision/provider-utils';
import { metalPlugin } from './metal-plugin.js';

/**
 * An Equinix Metal provisioner, without touching the registry.
 * @example const cloud = createEquinixMetal(); // key from METAL_AUTH_TOKEN, project from METAL_PROJECT_ID
 */
export const createEquinixMetal = provisionerFactory(metalPlugin);
