import { ComputeManagementClient } from '@azure/arm-compute';
import { ResourceManagementClient } from '@azure/arm-resources';
import {
  AZURE_FAKE_ACCESS_TOKEN,
  AZURE_FAKE_CREDENTIALS,
  type AzureFake,
  emulated,
} from '@provision/provider-azure/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Microsoft's own SDKs against the emulator. Their bearer-token policy refuses any URL that is not
// https (in @azure/core-rest-pipeline 1.25, whatever `allowInsecureConnection` says), so the
// emulator serves TLS with its own certificate authority, trusted in this process; `endpoint`
// points them at the emulator's `/azure` prefix.
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated], tls: { trustInProcess: true } });
});
afterAll(() => emulator.close());

const credential = {
  getToken: async () => ({ token: AZURE_FAKE_ACCESS_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

describe('the Azure SDKs against the emulator', () => {
  it('a resource group made and read, a VM list read, and the group deleted and polled to done', async () => {
    const options = {
      endpoint: `${emulator.url}/azure`,
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    };
    const resources = new ResourceManagementClient(
      credential,
      AZURE_FAKE_CREDENTIALS.subscriptionId,
      options,
    );
    const compute = new ComputeManagementClient(credential, AZURE_FAKE_CREDENTIALS.subscriptionId, options);
    await resources.resourceGroups.createOrUpdate('sdk-over-http', { location: 'westeurope' });
    expect((await resources.resourceGroups.get('sdk-over-http')).location).toBe('westeurope');
    const vms: unknown[] = [];
    for await (const vm of compute.virtualMachines.listAll()) vms.push(vm);
    expect(vms).toEqual([]);
    await resources.resourceGroups.delete('sdk-over-http', { updateIntervalInMs: 0 });
    expect((emulator.fake('azure') as AzureFake).leftovers()).toEqual([]);
  });
});
