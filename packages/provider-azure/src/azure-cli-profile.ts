// The Azure CLI's profile file, read without running the CLI (the manifest's hasCredentials uses it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AZURE_ENV } from './azure-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** The Azure CLI's configuration directory: `AZURE_CONFIG_DIR`, else `~/.azure` (from the given env only). */
function configDir(env: Env): string | undefined {
  if (env.AZURE_CONFIG_DIR) return env.AZURE_CONFIG_DIR;
  return env.HOME ? join(env.HOME, '.azure') : undefined;
}

interface Profile {
  readonly subscriptions?: ReadonlyArray<{ readonly id?: string; readonly isDefault?: boolean }>;
}

function profile(env: Env): Profile | undefined {
  const dir = configDir(env);
  if (dir === undefined) return undefined;
  try {
    // The CLI writes the file with a byte order mark.
    return JSON.parse(readFileSync(join(dir, 'azureProfile.json'), 'utf8').replace(/^\uFEFF/, '')) as Profile;
  } catch {
    return undefined;
  }
}

/** Whether the Azure CLI has signed in on this machine (its profile lists a subscription), without running it. */
export function hasCliLogin(env: Env): boolean {
  return (profile(env)?.subscriptions ?? []).length > 0 && Boolean(env.PATH);
}

/** The CLI's default subscription (`az account show`), read from its profile file. */
export function cliDefaultSubscription(env: Env): string | undefined {
  return profile(env)?.subscriptions?.find((subscription) => subscription.isDefault)?.id;
}

/**
 * Whether credentials are there, without a request: a whole client secret and a subscription in
 * the environment, or the Azure CLI's login (its profile lists a subscription).
 */
export function hasAzureCredentials(env: Env): boolean {
  return (
    [AZURE_ENV.subscriptionId, AZURE_ENV.tenantId, AZURE_ENV.clientId, AZURE_ENV.clientSecret].every(
      (name) => (env[name] ?? '').trim() !== '',
    ) || hasCliLogin(env)
  );
}
