import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import { AzureFake } from './azure-fake.js';
import { AZURE_FAKE_CREDENTIALS } from './azure-fake-wire.js';

/** The emulator's VM limit unless told otherwise: generous, so load tests do not hit it. */
export const EMULATED_VM_LIMIT = 1000;

/**
 * How `@provision/emulator` serves this fake: Azure Resource Manager under the emulator's
 * `/azure` prefix and the token endpoint under its own base (`login`), reached by setting
 * `AZURE_RESOURCE_MANAGER_ENDPOINT`, `AZURE_AUTHORITY_HOST` and the fake service principal.
 */
export const emulated: EmulatedCloud = {
  provider: 'azure',
  bases: ['login', 'prices'],
  limits: {
    vms: {
      default: EMULATED_VM_LIMIT,
      description:
        'VMs the subscription may hold at once (the regional vCPU quota, counted in VMs); beyond it deployments answer QuotaExceeded.',
    },
  },
  create: ({ baseUrl, bases, limits }) =>
    new AzureFake({
      baseUrl,
      ...(bases?.login === undefined ? {} : { loginUrl: bases.login }),
      ...(bases?.prices === undefined ? {} : { pricesUrl: bases.prices }),
      readsUntilActive: 3,
      vmLimit: limits?.vms ?? EMULATED_VM_LIMIT,
    }),
  env: (baseUrl, bases) => ({
    AZURE_RESOURCE_MANAGER_ENDPOINT: baseUrl,
    ...(bases?.login === undefined ? {} : { AZURE_AUTHORITY_HOST: bases.login }),
    ...(bases?.prices === undefined ? {} : { AZURE_RETAIL_PRICES_ENDPOINT: bases.prices }),
    AZURE_SUBSCRIPTION_ID: AZURE_FAKE_CREDENTIALS.subscriptionId,
    AZURE_TENANT_ID: AZURE_FAKE_CREDENTIALS.tenantId,
    AZURE_CLIENT_ID: AZURE_FAKE_CREDENTIALS.clientId,
    AZURE_CLIENT_SECRET: AZURE_FAKE_CREDENTIALS.clientSecret,
  }),
};
