import { createIdTemplate } from '@provision/provider-utils';
import { AWS_REGION_PATTERN } from './aws-settings.js';

/**
 * Host ids: `<region>/<instance id>`, or for a host with its own security group
 * `<region>/<instance id>/<security group id>`, so a fresh provisioner knows where to send the
 * requests and can delete the group once the instance is terminated, without a lookup.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html (8 or 17 hex digits)
 */
export const awsIds = createIdTemplate({
  provider: 'aws',
  template: '{region}/{instanceId}[/{securityGroupId}]',
  parts: {
    region: AWS_REGION_PATTERN,
    instanceId: /^i-([0-9a-f]{8}|[0-9a-f]{17})$/,
    securityGroupId: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/,
  },
});
