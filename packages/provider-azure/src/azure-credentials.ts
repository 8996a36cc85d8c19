import { MissingCredentialsError } from '@provision/core';
import { loadCredential } from '@provision/provider-utils';
import { AZURE_ENV, type AzureSettings, checkAzureSecret, checkAzureUuid } from './azure-settings.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A service principal's client secret and where it lives, read at the first request. */
export interface ClientSecretCredentials {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

const ALL_ENV = [AZURE_ENV.tenantId, AZURE_ENV.clientId, AZURE_ENV.clientSecret];

/**
 * The client secret of the settings, else of `AZURE_TENANT_ID`, `AZURE_CLIENT_ID` and
 * `AZURE_CLIENT_SECRET` (the first link of the Azure SDKs' `DefaultAzureCredential` chain,
 * `EnvironmentCredential`). A missing or malformed part is named, never repeated.
 * @throws MissingCredentialsError
 */
export function clientSecretCredentials(settings: AzureSettings, env: Env): ClientSecretCredentials {
  const part = (
    option: 'tenantId' | 'clientId' | 'clientSecret',
    validate: (value: string) => string | undefined,
  ) =>
    loadCredential({
      provider: 'azure',
      value: settings[option],
      option,
      envVars: [AZURE_ENV[option]],
      env,
      validate,
    });
  try {
    return {
      tenantId: part('tenantId', checkAzureUuid),
      clientId: part('clientId', checkAzureUuid),
      clientSecret: part('clientSecret', checkAzureSecret),
    };
  } catch (error) {
    if (!MissingCredentialsError.isInstance(error)) throw error;
    throw new MissingCredentialsError(error.message, {
      provider: 'azure',
      envVars: ALL_ENV,
      hint: 'Create a service principal (`az ad sp create-for-rbac --role Contributor --scopes /subscriptions/<id>`) and set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET from its output.',
    });
  }
}

/**
 * The subscription: the `subscriptionId` setting, else `AZURE_SUBSCRIPTION_ID` (the caller adds
 * the Azure CLI's default one when it signs in through the CLI). A missing one names every way to
 * give credentials. @throws MissingCredentialsError
 */
export function subscriptionId(settings: AzureSettings, env: Env): string {
  try {
    return loadCredential({
      provider: 'azure',
      value: settings.subscriptionId,
      option: 'subscriptionId',
      envVars: [AZURE_ENV.subscriptionId],
      env,
      validate: checkAzureUuid,
    });
  } catch (error) {
    if (!MissingCredentialsError.isInstance(error)) throw error;
    throw new MissingCredentialsError(error.message, {
      provider: 'azure',
      envVars: [AZURE_ENV.subscriptionId, ...ALL_ENV],
      hint: 'Set AZURE_SUBSCRIPTION_ID and a service principal (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET), or sign in with `az login`.',
    });
  }
}
