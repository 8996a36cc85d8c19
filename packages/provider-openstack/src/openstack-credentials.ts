import { MissingCredentialsError } from '@provision/core';
import { readCloudEntry, type YamlMapping } from './openstack-clouds-yaml.js';
import { type OpenStackSettings, OS_ENV, OS_TENANT_ENV } from './openstack-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** How to ask Keystone for a token, resolved from settings, `clouds.yaml` or `OS_*`. */
export interface OpenStackAuth {
  /** The Keystone v3 root, e.g. `https://keystone.example.com/v3`. */
  readonly authUrl: string | undefined;
  readonly method: 'password' | 'application_credential';
  readonly username?: string | undefined;
  readonly userId?: string | undefined;
  readonly password?: string | undefined;
  readonly userDomainName?: string | undefined;
  readonly userDomainId?: string | undefined;
  readonly projectName?: string | undefined;
  readonly projectId?: string | undefined;
  readonly projectDomainName?: string | undefined;
  readonly projectDomainId?: string | undefined;
  readonly applicationCredentialId?: string | undefined;
  readonly applicationCredentialSecret?: string | undefined;
  readonly regionName?: string | undefined;
  /** `public`, `internal` or `admin` (a trailing `URL`, as older configurations write it, dropped). */
  readonly interface: string;
  /** Where the values came from, for messages: `clouds.yaml cloud "x" (<file>)` or `OS_* variables`. */
  readonly source: string;
}

const ENV_VARS = [OS_ENV.authUrl, OS_ENV.username, OS_ENV.password, OS_ENV.projectName, OS_ENV.cloud];

const text = (value: string | YamlMapping | undefined): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The values a `clouds.yaml` entry gives, in the settings' names. */
function fromCloudsYaml(entry: YamlMapping): Partial<OpenStackSettings> & { authUrl?: string } {
  const auth = typeof entry.auth === 'object' ? entry.auth : {};
  return {
    authUrl: text(auth.auth_url),
    username: text(auth.username),
    userId: text(auth.user_id),
    password: text(auth.password),
    projectName: text(auth.project_name) ?? text(auth.tenant_name),
    projectId: text(auth.project_id) ?? text(auth.tenant_id),
    userDomainName: text(auth.user_domain_name) ?? text(auth.domain_name),
    userDomainId: text(auth.user_domain_id) ?? text(auth.domain_id),
    projectDomainName: text(auth.project_domain_name) ?? text(auth.domain_name),
    projectDomainId: text(auth.project_domain_id) ?? text(auth.domain_id),
    applicationCredentialId: text(auth.application_credential_id),
    applicationCredentialSecret: text(auth.application_credential_secret),
    regionName: text(entry.region_name),
    interface: text(entry.interface),
  };
}

/** The values the `OS_*` variables give. */
function fromEnv(env: Env): Partial<OpenStackSettings> & { authUrl?: string } {
  const read = (name: string) => (env[name] === '' ? undefined : env[name]);
  return {
    authUrl: read(OS_ENV.authUrl),
    username: read(OS_ENV.username),
    userId: read(OS_ENV.userId),
    password: read(OS_ENV.password),
    projectName: read(OS_ENV.projectName) ?? read(OS_TENANT_ENV.projectName),
    projectId: read(OS_ENV.projectId) ?? read(OS_TENANT_ENV.projectId),
    userDomainName: read(OS_ENV.userDomainName),
    userDomainId: read(OS_ENV.userDomainId),
    projectDomainName: read(OS_ENV.projectDomainName),
    projectDomainId: read(OS_ENV.projectDomainId),
    applicationCredentialId: read(OS_ENV.applicationCredentialId),
    applicationCredentialSecret: read(OS_ENV.applicationCredentialSecret),
    regionName: read(OS_ENV.regionName),
    interface: read(OS_ENV.interface),
  };
}

function missing(message: string, hint: string): MissingCredentialsError {
  return new MissingCredentialsError(message, { provider: 'openstack', envVars: ENV_VARS, hint });
}

/**
 * What to authenticate with, as the openstack CLI reads it: the settings first; then, when a cloud
 * is named (`cloud` or `OS_CLOUD`), that entry of `clouds.yaml`; otherwise the `OS_*` variables.
 * Read when the first request is made, never at import. Values are never repeated in errors.
 * @throws MissingCredentialsError naming what is missing and where it looked.
 */
export function resolveOpenStackAuth(settings: OpenStackSettings, env: Env, cwd?: string): OpenStackAuth {
  const cloud = settings.cloud ?? (env[OS_ENV.cloud] || undefined);
  let base: Partial<OpenStackSettings> & { authUrl?: string };
  let source: string;
  if (cloud !== undefined) {
    const found = readCloudEntry(cloud, env, cwd);
    if (found === undefined)
      throw missing(
        `No clouds.yaml holds the OpenStack cloud that ${settings.cloud === undefined ? 'OS_CLOUD' : 'the "cloud" option'} names (looked in OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml and /etc/openstack/clouds.yaml).`,
        'Add the cloud to clouds.yaml (the file your cloud offers to download), or unset OS_CLOUD and set the OS_* variables.',
      );
    base = fromCloudsYaml(found.entry);
    source = `the clouds.yaml cloud "${cloud}" (${found.file})`;
  } else {
    base = fromEnv(env);
    source = 'the OS_* variables';
  }
  const pick = <Key extends keyof OpenStackSettings>(key: Key) =>
    (settings[key] as string | undefined) ?? (base[key] as string | undefined);
  const applicationCredentialId = pick('applicationCredentialId');
  const auth: OpenStackAuth = {
    authUrl: settings.endpoint ?? base.authUrl,
    method: applicationCredentialId === undefined ? 'password' : 'application_credential',
    username: pick('username'),
    userId: pick('userId'),
    password: pick('password'),
    userDomainName: pick('userDomainName'),
    userDomainId: pick('userDomainId'),
    projectName: pick('projectName'),
    projectId: pick('projectId'),
    projectDomainName: pick('projectDomainName'),
    projectDomainId: pick('projectDomainId'),
    applicationCredentialId,
    applicationCredentialSecret: pick('applicationCredentialSecret'),
    regionName: pick('regionName'),
    interface: (pick('interface') ?? 'public').replace(/URL$/, ''),
    source,
  };
  checkAuth(auth);
  return auth;
}

function checkAuth(auth: OpenStackAuth): void {
  const where = auth.source;
  if (auth.authUrl === undefined)
    throw missing(
      `No Keystone URL in ${where}: set OS_AUTH_URL (or auth_url in clouds.yaml, or the "endpoint" option).`,
      "Source your cloud's openrc file, or set OS_CLOUD to an entry of clouds.yaml.",
    );
  if (auth.method === 'application_credential') {
    if (!auth.applicationCredentialSecret)
      throw missing(
        `An OpenStack application credential id is set in ${where} but not its secret (OS_APPLICATION_CREDENTIAL_SECRET, or the "applicationCredentialSecret" option).`,
        'Give the secret shown when the application credential was created.',
      );
    return;
  }
  if (auth.username === undefined && auth.userId === undefined)
    throw missing(
      `No OpenStack user in ${where}: set OS_USERNAME and OS_PASSWORD (or the "username" and "password" options), or an application credential (OS_APPLICATION_CREDENTIAL_ID and _SECRET).`,
      "Source your cloud's openrc file, or set OS_CLOUD to an entry of clouds.yaml.",
    );
  if (!auth.password)
    throw missing(
      `No OpenStack password in ${where}: set OS_PASSWORD (or the "password" option).`,
      'The password is never read from anywhere else; an application credential avoids it.',
    );
  if (/[\r\n]/.test(auth.password))
    throw missing(
      `The OpenStack password from ${where} is malformed: it contains a line break (a stray newline from copying?).`,
      'Set OS_PASSWORD again without the trailing newline.',
    );
  if (auth.projectName === undefined && auth.projectId === undefined)
    throw missing(
      `No OpenStack project in ${where}: set OS_PROJECT_NAME or OS_PROJECT_ID (or the "projectName" or "projectId" option).`,
      'A token must be scoped to the project the servers are made in.',
    );
}

/** Whether credentials would be found, without reading any secret's value out. */
export function hasOpenStackCredentials(env: Env): boolean {
  try {
    resolveOpenStackAuth({}, env);
    return true;
  } catch {
    return false;
  }
}
