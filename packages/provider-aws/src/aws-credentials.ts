import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MissingCredentialsError } from '@provision/core';
import { type AwsSettings, checkAccessKeyId, checkSecretAccessKey } from './aws-settings.js';

/** Static credentials, or `undefined`: let the SDK's default chain find them. */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function malformed(source: string, problem: string): never {
  throw new MissingCredentialsError(`The AWS credential from ${source} is malformed: ${problem}.`, {
    provider: 'aws',
    envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
    hint: 'Set the "credentials" setting, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, to a valid access key.',
  });
}

function checked(credentials: StaticCredentials, where: { id: string; secret: string }): StaticCredentials {
  const idProblem = checkAccessKeyId(credentials.accessKeyId);
  if (idProblem !== undefined) malformed(where.id, idProblem);
  const secretProblem = checkSecretAccessKey(credentials.secretAccessKey);
  if (secretProblem !== undefined) malformed(where.secret, secretProblem);
  if (credentials.accessKeyId.startsWith('ASIA') && !credentials.sessionToken) {
    malformed(where.id, 'a temporary key (ASIA...) needs its session token');
  }
  return credentials;
}

// Sources of the SDK's default chain that the environment or the files announce. The instance
// role (IMDS) announces nothing; `AWS_EC2_METADATA_DISABLED=true` rules it out.
function chainHasASource(settings: AwsSettings, env: Env): boolean {
  if (settings.profile !== undefined || env.AWS_PROFILE) return true;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  const home = env.HOME ?? env.USERPROFILE;
  const files = [
    env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined),
    env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined),
  ];
  if (files.some((file) => file !== undefined && existsSync(file))) return true;
  return env.AWS_EC2_METADATA_DISABLED?.toLowerCase() !== 'true';
}

/**
 * The credentials to sign with: the `credentials` setting, then `AWS_ACCESS_KEY_ID` and
 * `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN`), checked for form; otherwise `undefined`,
 * and the SDK's default chain looks (shared config and SSO, web identity, container and instance
 * roles). Read at the first request, never at import.
 * @throws MissingCredentialsError for a malformed key, or when no source is left to try.
 */
export function resolveCredentials(settings: AwsSettings, env: Env): StaticCredentials | undefined {
  if (settings.credentials !== undefined) {
    return checked(settings.credentials, {
      id: 'the "credentials.accessKeyId" setting',
      secret: 'the "credentials.secretAccessKey" setting',
    });
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (accessKeyId || secretAccessKey) {
    if (!accessKeyId || !secretAccessKey) {
      throw new MissingCredentialsError(
        'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only one of them is.',
        { provider: 'aws', envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] },
      );
    }
    const sessionToken = env.AWS_SESSION_TOKEN;
    return checked(
      { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
      { id: 'AWS_ACCESS_KEY_ID', secret: 'AWS_SECRET_ACCESS_KEY' },
    );
  }
  if (!chainHasASource(settings, env)) {
    throw new MissingCredentialsError(
      'No AWS credentials: set the "credentials" setting, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE); the instance role is ruled out by AWS_EC2_METADATA_DISABLED.',
      { provider: 'aws', envVars: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] },
    );
  }
  return undefined;
}
