import { createIdCodec } from '@provision/provider-utils';
import { AWS_REGION_PATTERN } from './aws-settings.js';

/**
 * Host ids: `<region>/<instance id>`, or for a host with its own security group
 * `<region>/<instance id>/<security group id>`, so a fresh provisioner knows where to send the
 * requests and can delete the group once the instance is terminated, without a lookup.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html (8 or 17 hex digits)
 */
export const awsIds = createIdCodec({
  provider: 'aws',
  separator: '/',
  parts: [
    { name: 'region', pattern: AWS_REGION_PATTERN },
    { name: 'instanceId', pattern: /^i-([0-9a-f]{8}|[0-9a-f]{17})$/ },
    { name: 'securityGroupId', pattern: /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/, optional: true },
  ],
});
