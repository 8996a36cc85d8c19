import { definePlugin, type PluginManifest, setting, settingsSchema } from '@provision/core';
import { openstackCatalog } from './openstack-catalog.js';
import { hasOpenStackCredentials } from './openstack-credentials.js';
import {
  type OpenStackSettings,
  OS_ENV,
  OS_TENANT_ENV,
  openstackSettingsSchema,
} from './openstack-settings.js';
import { VERSION } from './version.js';

/**
 * The OpenStack plugin manifest. Importing it costs nothing: the implementation is loaded by
 * `load()` on the first call that needs the API.
 */
export const openstackPlugin: PluginManifest<OpenStackSettings> = definePlugin({
  id: 'openstack',
  displayName: 'OpenStack',
  specificationVersion: 'v1',
  packageName: '@provision/provider-openstack',
  version: VERSION,
  maintainers: ['@provision/openstack-maintainers'],
  settings: openstackSettingsSchema,
  secretSettings: ['password', 'applicationCredentialSecret'],
  env: {
    required: [OS_ENV.authUrl, OS_ENV.cloud],
    optional: [
      OS_ENV.username,
      OS_ENV.userId,
      OS_ENV.password,
      OS_ENV.projectName,
      OS_ENV.projectId,
      OS_TENANT_ENV.projectName,
      OS_TENANT_ENV.projectId,
      OS_ENV.userDomainName,
      OS_ENV.userDomainId,
      OS_ENV.projectDomainName,
      OS_ENV.projectDomainId,
      OS_ENV.applicationCredentialId,
      OS_ENV.applicationCredentialSecret,
      OS_ENV.regionName,
      OS_ENV.interface,
      OS_ENV.clientConfigFile,
    ],
  },
  hasCredentials: hasOpenStackCredentials,
  // OS_CLOUD switches the code to clouds.yaml; an application credential id, to its secret.
  credentials: {
    variables: [
      { set: [OS_ENV.authUrl, OS_ENV.applicationCredentialId, OS_ENV.applicationCredentialSecret] },
      {
        set: [
          OS_ENV.authUrl,
          [OS_ENV.username, OS_ENV.userId],
          OS_ENV.password,
          [OS_ENV.projectName, OS_ENV.projectId, OS_TENANT_ENV.projectName, OS_TENANT_ENV.projectId],
        ],
        unset: [OS_ENV.applicationCredentialId],
      },
    ],
    consult: { variables: [OS_ENV.cloud] },
  },
  credentialsHelp:
    'OS_AUTH_URL with OS_USERNAME, OS_PASSWORD and OS_PROJECT_NAME (an openrc file), or an application credential (OS_APPLICATION_CREDENTIAL_ID and _SECRET), or OS_CLOUD naming an entry of clouds.yaml',
  // Resolved at provision(): the credentials' region, the smallest flavor that fits, the newest
  // Ubuntu LTS image the cloud publishes (see openstack-catalog.ts).
  defaults: { region: 'auto', plan: 'smallest', os: 'ubuntu-lts' },
  capabilities: {
    list: true,
    start: true,
    stop: true,
    reboot: true,
    plans: true,
    regions: true,
    verifyCredentials: true,
    quota: true,
    orphans: true,
    inbound: true,
    inboundRules: true,
    deleteByIp: true,
  },
  limits: {
    ids: {
      region: { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, description: 'a region name like "RegionOne"' },
      plan: { pattern: /^[A-Za-z0-9][A-Za-z0-9._:+-]{0,254}$/, description: 'a flavor name like "m1.small"' },
    },
    // Nova takes user_data base64-encoded, at most 65535 bytes of it: 49149 bytes before encoding.
    // https://docs.openstack.org/api-ref/compute/#create-server (user_data)
    userDataBytes: 49_149,
    // Server metadata: keys of letters, digits and "-_:. ", keys and values at most 255 characters;
    // the project's metadata_items quota (128 by default) holds the managed keys too.
    tags: {
      maxCount: 50,
      keyPattern: /^[a-zA-Z0-9_:. -]{1,255}$/,
      valuePattern: /^[\s\S]{0,255}$/,
      maxKeyLength: 255,
      maxValueLength: 255,
      storage: {
        kind: 'key-value',
        maxKeyLength: 255,
        maxValueLength: 255,
        keyPattern: /^[a-zA-Z0-9_:. -]{1,255}$/,
        maxCount: 128,
      },
    },
    // Each range takes two rules (IPv4 and IPv6); Neutron's default quota is 100 rules a project.
    maxInboundRules: 40,
  },
  // provision: the Keystone token, the identity lookup, the image, the flavors and the networks
  // (cached per provisioner), the port lookup, the port, the floating IP (on an internal network),
  // the server and the identity lookup again (no idempotency token); with inbound the group
  // lookup, the group and one bulk request for its rules. status: the token and the server.
  // delete: the token, the server's GET and then either its DELETE or (once it is gone) the
  // floating IP's, the port's and the group's DELETEs. orphans: the token, ports, floating IPs,
  // groups, and the ports again for the addresses and for the groups in use. inboundRules: the
  // token, the server and its group (with its rules). regions (no budget key): the token and
  // Keystone's `GET /v3/regions`.
  callBudget: {
    provision: 10,
    provisionWithInbound: 13,
    status: 2,
    delete: 5,
    list: 2,
    plans: 2,
    orphans: 6,
    inboundRules: 3,
  },
  catalog: openstackCatalog,
  hostOptions: settingsSchema({
    /** The least vCPUs the `smallest` flavor must have. Default 1. */
    minCpus: setting.integer({ min: 1, max: 1024 }).optional(),
    /** The least memory, in MiB, the `smallest` flavor must have. Default 1024. */
    minMemoryMiB: setting.integer({ min: 64, max: 16_777_216 }).optional(),
    /** A regular expression the `smallest` flavor's name must match. */
    flavorPattern: setting
      .custom<string>((value) => {
        if (typeof value !== 'string') return 'must be a regular expression';
        try {
          new RegExp(value);
          return undefined;
        } catch {
          return 'must be a valid regular expression';
        }
      })
      .optional(),
  }),
  load: () => import('./openstack-provisioner.js'),
});
