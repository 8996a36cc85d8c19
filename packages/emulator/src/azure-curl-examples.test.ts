import { AZURE_FAKE_CREDENTIALS, type AzureFake, emulated } from '@provision/provider-azure/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCurl, isolatedEnv, run } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Requests written from Microsoft's documentation, as a reader would send them with curl: the
// client credentials grant of Microsoft Entra ID
// (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow), then the
// Azure REST API specs' examples (Azure/azure-rest-api-specs: resources 2021-04-01
// CreateResourceGroup.json, compute 2024-07-01 VirtualMachine_Create_WithSshAuthentication.json, ...)
// with the fake's subscription, a region and image it sells, and the network the VM example
// presumes. Sent to the emulator instead of login.microsoftonline.com and management.azure.com,
// with real curl when it is installed, else with fetch.

const curl = findCurl();
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());
const fake = () => emulator.fake('azure') as AzureFake;

interface Sent {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The parsed JSON answer; empty when there was none. */
  readonly body: Record<string, unknown>;
}

async function send(method: string, url: string, headers: string[], body?: string): Promise<Sent> {
  if (curl === undefined) {
    const response = await fetch(url, {
      method,
      headers: Object.fromEntries(headers.map((header) => header.split(': ') as [string, string])),
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: text === '' ? {} : JSON.parse(text),
    };
  }
  const args = [
    '--silent',
    '--show-error',
    '--include',
    '-X',
    method,
    ...headers.flatMap((header) => ['-H', header]),
  ];
  if (body !== undefined) args.push('--data-raw', body);
  args.push(url);
  const result = await run(curl.command, args, isolatedEnv());
  expect(result.code, result.stderr).toBe(0);
  const [head = '', ...rest] = result.stdout.split(/\r?\n\r?\n/);
  const [statusLine = '', ...lines] = head.split(/\r?\n/);
  const text = rest.join('\n\n');
  return {
    status: Number(statusLine.split(' ')[1]),
    headers: Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    ),
    body: text.trim() === '' ? {} : JSON.parse(text),
  };
}

describe(`Microsoft's documented requests, sent with ${curl === undefined ? 'fetch (curl is not installed)' : curl.version.split(' ').slice(0, 2).join(' ')}`, () => {
  it('a token, then a resource group, its network and a Linux VM, read until running, then the group deleted', {
    timeout: 120_000,
  }, async () => {
    const { tenantId, clientId, clientSecret, subscriptionId } = AZURE_FAKE_CREDENTIALS;
    const login = emulator.endpoints.find((endpoint) => endpoint.provider === 'azure')?.bases.login as string;
    const token = await send(
      'POST',
      `${login}/${tenantId}/oauth2/v2.0/token`,
      ['Content-Type: application/x-www-form-urlencoded'],
      `client_id=${clientId}&scope=https%3A%2F%2Fmanagement.azure.com%2F.default&client_secret=${encodeURIComponent(clientSecret)}&grant_type=client_credentials`,
    );
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number) });
    const bearer = [
      `Authorization: Bearer ${token.body.access_token as string}`,
      'Content-Type: application/json',
    ];
    const arm = `${emulator.url}/azure/subscriptions/${subscriptionId}`;
    const rg = `${arm}/resourceGroups/myResourceGroup`;
    const expectStatus = async (method: string, url: string, status: number, body?: unknown) => {
      const answer = await send(method, url, bearer, body === undefined ? undefined : JSON.stringify(body));
      expect(answer.status, `${method} ${url}: ${JSON.stringify(answer.body)}`).toBe(status);
      return answer;
    };

    await expectStatus('PUT', `${arm}/resourcegroups/myResourceGroup?api-version=2021-04-01`, 201, {
      location: 'eastus',
    });
    await expectStatus('GET', `${arm}/resourcegroups/myResourceGroup?api-version=2021-04-01`, 200);
    const network = `${rg}/providers/Microsoft.Network`;
    await expectStatus('PUT', `${network}/virtualNetworks/test-vnet?api-version=2024-05-01`, 201, {
      location: 'eastus',
      properties: {
        addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
        subnets: [{ name: 'default', properties: { addressPrefix: '10.0.0.0/24' } }],
      },
    });
    const address = await expectStatus(
      'PUT',
      `${network}/publicIPAddresses/test-ip?api-version=2024-05-01`,
      201,
      {
        location: 'eastus',
        sku: { name: 'Standard', tier: 'Regional' },
        properties: {
          publicIPAllocationMethod: 'Static',
          idleTimeoutInMinutes: 10,
          publicIPAddressVersion: 'IPv4',
        },
      },
    );
    const ip = (address.body.properties as { ipAddress: string }).ipAddress;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const id = (path: string) =>
      `/subscriptions/${subscriptionId}/resourceGroups/myResourceGroup/providers/Microsoft.Network/${path}`;
    await expectStatus('PUT', `${network}/networkInterfaces/test-nic?api-version=2024-05-01`, 201, {
      location: 'eastus',
      properties: {
        ipConfigurations: [
          {
            name: 'ipconfig1',
            properties: {
              publicIPAddress: { id: id('publicIPAddresses/test-ip') },
              subnet: { id: id('virtualNetworks/test-vnet/subnets/default') },
            },
          },
        ],
      },
    });
    const created = await expectStatus(
      'PUT',
      `${rg}/providers/Microsoft.Compute/virtualMachines/myVM?api-version=2024-07-01`,
      201,
      {
        location: 'eastus',
        properties: {
          hardwareProfile: { vmSize: 'Standard_B1s' },
          storageProfile: {
            imageReference: {
              sku: 'server',
              publisher: 'Canonical',
              version: 'latest',
              offer: 'ubuntu-24_04-lts',
            },
            osDisk: {
              caching: 'ReadWrite',
              managedDisk: { storageAccountType: 'Standard_LRS' },
              name: 'myVMosdisk',
              createOption: 'FromImage',
            },
          },
          osProfile: {
            adminUsername: 'azureuser',
            computerName: 'myVM',
            linuxConfiguration: {
              ssh: {
                publicKeys: [
                  {
                    path: '/home/azureuser/.ssh/authorized_keys',
                    keyData: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCeClRAk2ipUs example',
                  },
                ],
              },
              disablePasswordAuthentication: true,
            },
          },
          networkProfile: {
            networkInterfaces: [{ id: id('networkInterfaces/test-nic'), properties: { primary: true } }],
          },
        },
      },
    );
    expect(created.body).toMatchObject({
      type: 'Microsoft.Compute/virtualMachines',
      properties: { provisioningState: 'Creating' },
    });
    expect(created.headers['azure-asyncoperation']).toMatch(/\/operations\//);
    let statuses: string[] = [];
    for (let read = 0; read < 10 && !statuses.includes('PowerState/running'); read++) {
      const vm = await expectStatus(
        'GET',
        `${rg}/providers/Microsoft.Compute/virtualMachines/myVM?api-version=2024-07-01&$expand=instanceView`,
        200,
      );
      statuses = (
        (vm.body.properties as { instanceView: { statuses: { code: string }[] } }).instanceView.statuses ?? []
      ).map((status) => status.code);
    }
    expect(statuses).toEqual(['ProvisioningState/succeeded', 'PowerState/running']);
    // The async-operation URL the create answered with reads as the ARM documentation describes.
    const operation = await send('GET', created.headers['azure-asyncoperation'] as string, bearer);
    expect(operation.body).toMatchObject({ status: 'Succeeded' });

    const deleting = await expectStatus(
      'DELETE',
      `${arm}/resourcegroups/myResourceGroup?api-version=2021-04-01`,
      202,
    );
    expect(deleting.headers.location).toMatch(/operationresults/);
    for (let read = 0; read < 5; read++) await send('GET', deleting.headers.location as string, bearer);
    await expectStatus('GET', `${arm}/resourcegroups/myResourceGroup?api-version=2021-04-01`, 404);
    expect(fake().leftovers()).toEqual([]);
  });

  it('ARM refuses a wrong token in its error shape', async () => {
    const arm = `${emulator.url}/azure/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/resourcegroups/x`;
    const missing = await send('GET', arm, ['Authorization: Bearer not-the-token']);
    expect([missing.status, (missing.body.error as { code: string }).code]).toEqual([
      401,
      'InvalidAuthenticationToken',
    ]);
  });
});
