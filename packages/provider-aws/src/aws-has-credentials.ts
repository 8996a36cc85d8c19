import { existsSync } from 'node:fs';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** How to give the AWS plugin credentials, for messages. */
export const AWS_CREDENTIALS_HELP =
  'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary keys), or a profile (AWS_PROFILE, ~/.aws/credentials or ~/.aws/config)';

/**
 * Whether the SDK's default chain has a source it announces: both static keys, a profile, web
 * identity, container credentials, or a shared credentials/config file. Reads names and file
 * existence only, never a value, and imports no SDK. An instance role announces nothing and is
 * not counted (it would make every machine look configured); name the provider to use one.
 */
export function awsHasCredentials(env: Env): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = env.HOME ?? env.USERPROFILE;
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined),
    env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined),
  ];
  return files.some((file) => file !== undefined && existsSync(file));
}
