import { describeProvisionerContract } from '@provision/testkit';
import { azurePlugin } from './azure-plugin.js';
import type { AzureSettings } from './azure-settings.js';
import { AZURE_FAKE_CREDENTIALS, AzureContractFake, type AzureFake } from './testing/index.js';

const credentials = (fake: AzureFake): AzureSettings => ({
  ...AZURE_FAKE_CREDENTIALS,
  endpoint: fake.baseUrl,
  authorityHost: fake.baseUrls.login,
  pricesEndpoint: fake.baseUrls.prices,
});

describeProvisionerContract<AzureSettings, AzureFake>({
  plugin: azurePlugin,
  createFake: (options) => new AzureContractFake(options),
  settings: credentials,
  // Well-formed, but not the secret the fake's token endpoint accepts.
  wrongCredentialSettings: (fake) => ({ ...credentials(fake), clientSecret: 'W'.repeat(40) }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl, authorityHost: fake.baseUrls.login }) },
    { name: 'no subscription', settings: (fake) => ({ ...credentials(fake), subscriptionId: undefined }) },
    { name: 'malformed tenant', settings: (fake) => ({ ...credentials(fake), tenantId: 'contoso' }) },
    {
      name: 'secret with a trailing newline',
      settings: (fake) => ({
        ...credentials(fake),
        clientSecret: `${AZURE_FAKE_CREDENTIALS.clientSecret}\n`,
      }),
    },
    {
      name: 'malformed in AZURE_CLIENT_ID',
      settings: (fake) => ({ ...credentials(fake), clientId: undefined }),
      env: { AZURE_CLIENT_ID: 'not-a-uuid' },
    },
  ],
  malformedIds: [
    'abc',
    '/subscriptions/x/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm',
    `/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/resourceGroups/g/providers/Microsoft.Network/networkInterfaces/nic`,
    `/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/resourceGroups//providers/Microsoft.Compute/virtualMachines/vm`,
  ],
});
