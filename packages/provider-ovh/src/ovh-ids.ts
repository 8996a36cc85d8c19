import { createIdTemplate } from '@provision/provider-utils';

/**
 * Host ids: `<project>/<instance id>`. Every instance path is under its Public Cloud project
 * (`/cloud/project/{serviceName}/instance/{instanceId}`), so the id carries both and a fresh
 * provisioner can status and delete the host with the credentials alone.
 */
export const ovhIds = createIdTemplate({
  provider: 'ovh',
  template: '{project}/{instanceId}',
  parts: {
    project: /^[0-9a-f]{32}$/,
    instanceId: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  },
});
