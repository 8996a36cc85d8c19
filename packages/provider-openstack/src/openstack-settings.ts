import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the OpenStack plugin. Every field is optional: each falls back to the `OS_*`
 * variable the openstack CLI reads, or, with `cloud` (`OS_CLOUD`), to that cloud's entry in
 * `clouds.yaml`. `endpoint` is the Keystone v3 URL (`OS_AUTH_URL`); every other endpoint comes
 * from the token's service catalog.
 */
export const openstackSettingsSchema = settingsSchema({
  /** Names the entry of `clouds.yaml` to use (`OS_CLOUD`). */
  cloud: setting.string({ minLength: 1 }).optional(),
  /** The user's name (`OS_USERNAME`), with `password`. */
  username: setting.string({ minLength: 1 }).optional(),
  /** The user's id (`OS_USER_ID`), instead of `username` and its domain. */
  userId: setting.string({ minLength: 1 }).optional(),
  /** The user's password (`OS_PASSWORD`). Never logged. */
  password: setting.string().optional(),
  /** The project to scope the token to, by name (`OS_PROJECT_NAME`), with its domain. */
  projectName: setting.string({ minLength: 1 }).optional(),
  /** The project to scope the token to, by id (`OS_PROJECT_ID`). */
  projectId: setting.string({ minLength: 1 }).optional(),
  /** The user's domain by name (`OS_USER_DOMAIN_NAME`). Default `Default`. */
  userDomainName: setting.string({ minLength: 1 }).optional(),
  /** The user's domain by id (`OS_USER_DOMAIN_ID`). */
  userDomainId: setting.string({ minLength: 1 }).optional(),
  /** The project's domain by name (`OS_PROJECT_DOMAIN_NAME`). Default `Default`. */
  projectDomainName: setting.string({ minLength: 1 }).optional(),
  /** The project's domain by id (`OS_PROJECT_DOMAIN_ID`). */
  projectDomainId: setting.string({ minLength: 1 }).optional(),
  /** An application credential's id (`OS_APPLICATION_CREDENTIAL_ID`), instead of a password. */
  applicationCredentialId: setting.string({ minLength: 1 }).optional(),
  /** Its secret (`OS_APPLICATION_CREDENTIAL_SECRET`). Never logged. */
  applicationCredentialSecret: setting.string().optional(),
  /** The region whose endpoints are used when a spec says `auto` (`OS_REGION_NAME`). */
  regionName: setting.string({ minLength: 1 }).optional(),
  /** Which catalog endpoints to use (`OS_INTERFACE`): `public` (default), `internal` or `admin`. */
  interface: setting.string({ pattern: /^(public|internal|admin)(URL)?$/ }).optional(),
  /** The network servers join, by name or id. Default: the project's only network, else a shared external one. */
  network: setting.string({ minLength: 1 }).optional(),
  /** The external network floating IPs come from, by name or id. Default: the only external network. */
  floatingNetwork: setting.string({ minLength: 1 }).optional(),
  ...commonSettings,
});

/** Settings of the OpenStack plugin. */
export type OpenStackSettings = SettingsOf<typeof openstackSettingsSchema.shape>;

/** The environment variables read, as the openstack CLI (openstacksdk, keystoneauth) names them. */
export const OS_ENV = {
  authUrl: 'OS_AUTH_URL',
  cloud: 'OS_CLOUD',
  username: 'OS_USERNAME',
  userId: 'OS_USER_ID',
  password: 'OS_PASSWORD',
  projectName: 'OS_PROJECT_NAME',
  projectId: 'OS_PROJECT_ID',
  userDomainName: 'OS_USER_DOMAIN_NAME',
  userDomainId: 'OS_USER_DOMAIN_ID',
  projectDomainName: 'OS_PROJECT_DOMAIN_NAME',
  projectDomainId: 'OS_PROJECT_DOMAIN_ID',
  applicationCredentialId: 'OS_APPLICATION_CREDENTIAL_ID',
  applicationCredentialSecret: 'OS_APPLICATION_CREDENTIAL_SECRET',
  regionName: 'OS_REGION_NAME',
  interface: 'OS_INTERFACE',
  clientConfigFile: 'OS_CLIENT_CONFIG_FILE',
} as const;

/** The older names keystoneauth still reads for the project (Keystone v2 called it a tenant). */
export const OS_TENANT_ENV = { projectName: 'OS_TENANT_NAME', projectId: 'OS_TENANT_ID' } as const;
