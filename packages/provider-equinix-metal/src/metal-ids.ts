import { createIdTemplate } from '@provision/provider-utils';

/**
 * Host ids: the device's UUID. Every device call (`/devices/{id}`) names the device alone, and a
 * device keeps nothing beside it (no firewall, no address reservation), so nothing else is needed
 * for a fresh process to read or delete it.
 */
export const metalIds = createIdTemplate({
  provider: 'equinix-metal',
  template: '{deviceId}',
  parts: { deviceId: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/ },
});
