import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { AzureFake } from './testing/azure-fake.js';
import { AZURE_FAKE_ACCESS_TOKEN, AZURE_FAKE_CREDENTIALS } from './testing/azure-fake-wire.js';

// A client we did not write: Microsoft's own SDKs (modular @azure/arm-*), with their
// serialisation, their long-running-operation pollers and their error type, against the fake.
const server = setupFakeServer();
let fake: AzureFake;
beforeEach(() => {
  fake = new AzureFake({ readsUntilActive: 2, readsUntilDeleted: 2 });
  server.use(fake);
});

const credential = {
  getToken: async () => ({ token: AZURE_FAKE_ACCESS_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const SUB = AZURE_FAKE_CREDENTIALS.subscriptionId;
// No retries (a fault would show), and pollers that do not sleep between reads.
const clientOptions = { retryOptions: { maxRetries: 0 } };
const poll = { updateIntervalInMs: 0 };

describe('the Azure SDKs against the fake', () => {
  it('a group, its network and a VM built resource by resource, polled to done, listed, deallocated, and the group deleted', async () => {
    const resources = new ResourceManagementClient(credential, SUB, clientOptions);
    const network = new NetworkManagementClient(credential, SUB, clientOptions);
    const compute = new ComputeManagementClient(credential, SUB, clientOptions);
    const group = await resources.resourceGroups.createOrUpdate('sdk-group', {
      location: 'eastus',
      tags: { team: 'sdk' },
    });
    expect(group).toMatchObject({ name: 'sdk-group', location: 'eastus', tags: { team: 'sdk' } });

    const vnet = await network.virtualNetworks.createOrUpdate(
      'sdk-group',
      'vnet',
      {
        location: 'eastus',
        addressSpace: { addressPrefixes: ['10.2.0.0/16'] },
        subnets: [{ name: 'default', addressPrefix: '10.2.0.0/24' }],
      },
      poll,
    );
    expect(vnet.subnets?.[0]?.id).toMatch(/\/virtualNetworks\/vnet\/subnets\/default$/);
    const address = await network.publicIPAddresses.createOrUpdate(
      'sdk-group',
      'ip',
      { location: 'eastus', sku: { name: 'Standard' }, publicIPAllocationMethod: 'Static' },
      poll,
    );
    expect(address.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const nic = await network.networkInterfaces.createOrUpdate(
      'sdk-group',
      'nic',
      {
        location: 'eastus',
        ipConfigurations: [
          { name: 'ipconfig1', subnet: { id: vnet.subnets?.[0]?.id }, publicIPAddress: { id: address.id } },
        ],
      },
      poll,
    );
    const vm = await compute.virtualMachines.createOrUpdate(
      'sdk-group',
      'vm1',
      {
        location: 'eastus',
        hardwareProfile: { vmSize: 'Standard_B1s' },
        storageProfile: {
          imageReference: {
            publisher: 'Canonical',
            offer: 'ubuntu-24_04-lts',
            sku: 'server',
            version: 'latest',
          },
          osDisk: { createOption: 'FromImage', deleteOption: 'Delete' },
        },
        osProfile: {
          computerName: 'vm1',
          adminUsername: 'azureuser',
          adminPassword: 'Sdk-Made-Password-1',
          customData: btoa('#cloud-config\n'),
        },
        networkProfile: { networkInterfaces: [{ id: nic.id, deleteOption: 'Delete' }] },
      },
      poll,
    );
    // The poller read the operation until it succeeded, then the VM.
    expect(vm.provisioningState).toBe('Succeeded');
    const read = await compute.virtualMachines.get('sdk-group', 'vm1', { expand: 'instanceView' });
    expect(read.instanceView?.statuses?.map((status) => status.code)).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/running',
    ]);

    fake.setMaxPerPage(1);
    await compute.virtualMachines.createOrUpdate(
      'sdk-group',
      'vm2',
      {
        location: 'eastus',
        hardwareProfile: { vmSize: 'Standard_B1s' },
        storageProfile: {
          imageReference: {
            publisher: 'Canonical',
            offer: 'ubuntu-24_04-lts',
            sku: 'server',
            version: 'latest',
          },
          osDisk: { createOption: 'FromImage' },
        },
        osProfile: { computerName: 'vm2', adminUsername: 'azureuser', adminPassword: 'Sdk-Made-Password-1' },
        networkProfile: { networkInterfaces: [{ id: nic.id }] },
      },
      poll,
    );
    const listed: string[] = [];
    for await (const item of compute.virtualMachines.listAll()) listed.push(item.name ?? '');
    expect(listed.sort()).toEqual(['vm1', 'vm2']);
    expect(fake.requests.filter((request) => request.operation === 'VirtualMachines_ListAll')).toHaveLength(
      2,
    );

    await compute.virtualMachines.deallocate('sdk-group', 'vm1', poll);
    const stopped = await compute.virtualMachines.get('sdk-group', 'vm1', { expand: 'instanceView' });
    expect(stopped.instanceView?.statuses?.map((status) => status.code)).toContain('PowerState/deallocated');

    await resources.resourceGroups.delete('sdk-group', poll);
    await expect(resources.resourceGroups.get('sdk-group')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
    expect(fake.leftovers()).toEqual([]);
  });

  it("the fake's refusals reach the SDK as RestError with ARM's code", async () => {
    const compute = new ComputeManagementClient(credential, SUB, clientOptions);
    await expect(compute.virtualMachines.get('nowhere', 'vm')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
    const wrong = new ComputeManagementClient(
      { getToken: async () => ({ token: 'wrong', expiresOnTimestamp: Date.now() + 3_600_000 }) },
      SUB,
      clientOptions,
    );
    await expect(wrong.virtualMachines.get('g', 'vm')).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
  });
});
