import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the Azure plugin. Every field is optional: each falls back to the variable the Azure
 * CLI, the SDKs' `EnvironmentCredential` and Terraform read (`AZURE_SUBSCRIPTION_ID`,
 * `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`, `AZURE_AUTHORITY_HOST`);
 * `endpoint` (Azure Resource Manager) falls back to `AZURE_RESOURCE_MANAGER_ENDPOINT`, then
 * `https://management.azure.com`.
 */
export const azureSettingsSchema = settingsSchema({
  /** The subscription hosts are created in (a UUID). */
  subscriptionId: setting.string().optional(),
  /** The Microsoft Entra tenant of the service principal (a UUID). */
  tenantId: setting.string().optional(),
  /** The service principal's application (client) id (a UUID). */
  clientId: setting.string().optional(),
  /** The service principal's client secret. Never logged. */
  clientSecret: setting.string().optional(),
  /** Where tokens are asked for. Default `https://login.microsoftonline.com`. */
  authorityHost: setting
    .custom<string>((value) => {
      const url = typeof value === 'string' ? URL.parse(value) : null;
      return url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')
        ? 'must be an https:// URL (or http:// to this machine)'
        : undefined;
    })
    .optional(),
  /** The Retail Prices API, read by `plans()` (keyless). Default `https://prices.azure.com`. */
  pricesEndpoint: setting
    .custom<string>((value) => {
      const url = typeof value === 'string' ? URL.parse(value) : null;
      return url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')
        ? 'must be an https:// URL (or http:// to this machine)'
        : undefined;
    })
    .optional(),
  ...commonSettings,
});

/** Settings of the Azure plugin. */
export type AzureSettings = SettingsOf<typeof azureSettingsSchema.shape>;

/** The variables of the service principal's client secret, as `EnvironmentCredential` reads them. */
export const AZURE_ENV = {
  subscriptionId: 'AZURE_SUBSCRIPTION_ID',
  tenantId: 'AZURE_TENANT_ID',
  clientId: 'AZURE_CLIENT_ID',
  clientSecret: 'AZURE_CLIENT_SECRET',
  authorityHost: 'AZURE_AUTHORITY_HOST',
  endpoint: 'AZURE_RESOURCE_MANAGER_ENDPOINT',
  pricesEndpoint: 'AZURE_RETAIL_PRICES_ENDPOINT',
} as const;

/** The Azure Retail Prices API (no credential). https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices */
export const AZURE_PRICES = 'https://prices.azure.com';

/** Azure Resource Manager in the public cloud. */
export const AZURE_MANAGEMENT = 'https://management.azure.com';

/** Microsoft Entra ID's token service in the public cloud. */
export const AZURE_LOGIN = 'https://login.microsoftonline.com';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** What is wrong with a subscription, tenant or client id, without repeating it; undefined when it looks right. */
export function checkAzureUuid(value: string): string | undefined {
  if (/\s/.test(value)) return 'it contains white space (a stray newline from copying?)';
  return UUID.test(value) ? undefined : 'it is not a UUID like 00000000-0000-0000-0000-000000000000';
}

/** What is wrong with a client secret's form, without repeating it; undefined when it looks right. */
export function checkAzureSecret(value: string): string | undefined {
  if (/\s/.test(value)) return 'it contains white space (a stray newline from copying?)';
  // Portal-made secrets are 40 characters; older ones 32 or 44. Anything shorter is a typo.
  return value.length < 16 ? 'a client secret is at least 16 characters' : undefined;
}
