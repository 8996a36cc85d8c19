import { definePlugin, type PluginManifest } from '@provision/core';
import { azureCatalog } from './azure-catalog.js';
import { hasAzureCredentials } from './azure-cli-profile.js';
import { AZURE_TAG_STORAGE, hostTags } from './azure-names.js';
import { AZURE_ENV, type AzureSettings, azureSettingsSchema } from './azure-settings.js';
import { VERSION } from './version.js';

/**
 * The Azure plugin manifest. Importing it costs nothing: the implementation is loaded by `load()`
 * on the first call that needs the API.
 */
export const azurePlugin: PluginManifest<AzureSettings> = definePlugin({
  id: 'azure',
  displayName: 'Microsoft Azure',
  specificationVersion: 'v1',
  packageName: '@provision/provider-azure',
  version: VERSION,
  maintainers: ['@provision/azure-maintainers'],
  settings: azureSettingsSchema,
  secretSettings: ['clientSecret'],
  // The client secret is the credential; the ids beside it are not secrets (the subscription id
  // is part of every host id), so they are optional here and required by `hasCredentials`.
  env: {
    required: [AZURE_ENV.clientSecret],
    optional: [
      AZURE_ENV.pricesEndpoint,
      AZURE_ENV.subscriptionId,
      AZURE_ENV.tenantId,
      AZURE_ENV.clientId,
      AZURE_ENV.authorityHost,
      AZURE_ENV.endpoint,
    ],
  },
  hasCredentials: hasAzureCredentials,
  // A service principal in the environment, else the Azure CLI's profile (read by the code).
  credentials: {
    variables: [
      {
        set: [AZURE_ENV.subscriptionId, AZURE_ENV.tenantId, AZURE_ENV.clientId, AZURE_ENV.clientSecret],
      },
    ],
    consult: { files: [['$AZURE_CONFIG_DIR/azureProfile.json', '~/.azure/azureProfile.json']] },
  },
  credentialsHelp:
    'AZURE_SUBSCRIPTION_ID with a service principal: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET',
  // Standard_B1ls: the cheapest size (docs/providers/azure.md); East US sells every B-series size.
  defaults: { region: 'eastus', plan: 'Standard_B1ls', os: 'ubuntu-26.04' },
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
      region: { pattern: /^[a-z]+[a-z0-9]*$/, description: 'a region name like "eastus" or "westeurope"' },
      plan: { pattern: /^[A-Za-z]+_[A-Za-z0-9_]+$/, description: 'a VM size like "Standard_B1ls"' },
    },
    // customData: at most 65535 bytes before base64.
    // https://learn.microsoft.com/azure/virtual-machines/custom-data
    userDataBytes: 65_535,
    // Azure allows 50 tags a resource; six are provision's own.
    // https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
    tags: {
      maxCount: 44,
      keyPattern: /^[^<>%&\\?/]{1,512}$/,
      valuePattern: /^[\s\S]{0,256}$/,
      maxKeyLength: 512,
      maxValueLength: 256,
      storage: AZURE_TAG_STORAGE,
    },
    // Linux VM and computer names: at most 64 characters; core's rule (63) is narrower.
    // A network security group holds up to 1000 rules; priorities 100-4096 leave room for them.
    maxInboundRules: 1000,
  },
  // provision: the group's GET, then its PUT and the deployment's PUT (a repeat: the VM and its IP).
  // status: the VM with its instance view, then its public IP (or the deployment, before the VM exists).
  // delete: the group's GET, and its DELETE while it is not being deleted.
  // The first request of a process also fetches a token (cached until it expires).
  // list: a page of VMs (with their status) and a page of public IPs. Power actions: the POST, then
  // the host read (VM and IP). inboundRules: the VM, then its network security group. plans: the
  // Retail Prices API (keyless). orphans: the managed groups and the VMs (and a fresh process's token). Delete by IP: the public IPs' page, then the group's GET and DELETE.
  callBudget: {
    provision: 4,
    provisionWithInbound: 4,
    status: 3,
    delete: 3,
    list: 3,
    inboundRules: 2,
    plans: 1,
    orphans: 3,
  },
  catalog: azureCatalog,
  hostTags,
  load: () => import('./azure-provisioner.js'),
});
