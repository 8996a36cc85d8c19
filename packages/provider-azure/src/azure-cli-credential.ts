import { execFile } from 'node:child_process';
import { AuthenticationError, MissingCredentialsError } from '@provision/core';
import { hasCliLogin } from './azure-cli-profile.js';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A Resource Manager token from the Azure CLI's login: `az account get-access-token`, the second
 * link of the SDKs' `DefaultAzureCredential` chain (`AzureCliCredential`). Its output (the token)
 * is never shown; a failure says to run `az login`.
 * https://learn.microsoft.com/cli/azure/account#az-account-get-access-token
 */
export function cliAccessToken(env: Env): Promise<{ value: string; expiresAt: number }> {
  const missing = () =>
    new MissingCredentialsError(
      'No Azure credentials: no service principal in the settings or AZURE_CLIENT_SECRET, and the Azure CLI gave no token.',
      {
        provider: 'azure',
        envVars: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
        hint: 'Run `az login`, or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.',
      },
    );
  if (!hasCliLogin(env)) return Promise.reject(missing());
  return new Promise((resolve, reject) => {
    execFile(
      'az',
      ['account', 'get-access-token', '--resource', 'https://management.azure.com/', '--output', 'json'],
      { env: { ...env }, timeout: 20_000, maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout) => {
        if (error !== null) {
          reject(
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? missing()
              : new AuthenticationError('The Azure CLI gave no token (its login may have expired).', {
                  provider: 'azure',
                  hint: 'Run `az login` again.',
                }),
          );
          return;
        }
        try {
          const answer = JSON.parse(stdout) as {
            accessToken?: unknown;
            expires_on?: unknown;
            expiresOn?: unknown;
          };
          if (typeof answer.accessToken !== 'string' || answer.accessToken === '')
            throw new Error('no token');
          const epoch = Number(answer.expires_on);
          const expiresAt = Number.isFinite(epoch) && epoch > 0 ? epoch * 1000 : Date.now() + 5 * 60_000;
          resolve({ value: answer.accessToken, expiresAt });
        } catch {
          reject(
            new AuthenticationError('The Azure CLI answered something that is not a token.', {
              provider: 'azure',
              hint: 'Run `az login` again.',
            }),
          );
        }
      },
    );
  });
}
