import { waitForHost } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { cycleHost, deleteUntilDone, useFakeConformance } from '@provision/testkit';
import { type OpenApiDocument, readDescription } from '@provision/testkit/openapi';
import { describe, expect, it } from 'vitest';
import { CREATED_AT_TAG } from '../azure-names.js';
import { createAzure } from '../create-azure.js';
import { AzureFake } from './azure-fake.js';
import { AZURE_FAKE_ACCESS_TOKEN, AZURE_FAKE_CREDENTIALS } from './azure-fake-wire.js';

// The fake's answers, and the plugin's requests, held to the Azure REST API specs (trimmed).
const fixture = readDescription<OpenApiDocument>(
  new URL('../../test-fixtures/azure-arm.trimmed.json', import.meta.url),
);
const ARM = 'https://management.azure.com';
const SUB = AZURE_FAKE_CREDENTIALS.subscriptionId;

// Described by ARM's async-operation protocol and Entra ID's token reference, not by the specs;
// their shapes are checked by the assertions below instead.
const OUTSIDE_THE_SPECS = ['token', 'AzureAsyncOperation_Get', 'OperationResults_Get', 'RetailPrices_List'];

// ARM matches literal path segments in any case (the specs spell `resourcegroups` one place and
// `resourceGroups` another); the validator compares exactly, so a path takes its template's spelling.
function canonical(path: string): string {
  const [pathname = '', query] = path.split('?');
  const segments = pathname.split('/');
  for (const template of Object.keys(fixture.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const fits = parts.every(
      (part, index) => part.startsWith('{') || part.toLowerCase() === segments[index]?.toLowerCase(),
    );
    if (fits)
      return `${parts.map((part, index) => (part.startsWith('{') ? segments[index] : part)).join('/')}${query === undefined ? '' : `?${query}`}`;
  }
  return path;
}

const check = useFakeConformance({
  description: fixture,
  baseUrl: ARM,
  createFake: () => new AzureFake({ readsUntilActive: 1, readsUntilDeleted: 1 }),
  headers: { authorization: `Bearer ${AZURE_FAKE_ACCESS_TOKEN}` },
  canonicalPath: canonical,
  undescribed: OUTSIDE_THE_SPECS,
  // A request the gateway refuses (no token, no api-version) is refused on purpose.
  checkRequest: ({ url, status }) => url.origin === ARM && status < 400,
});
const send = check.send;
const through = check.fetch;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const cloud = () => createAzure({ ...AZURE_FAKE_CREDENTIALS, fetch: check.fetch }, { env: {} });

const rg = `/subscriptions/${SUB}/resourceGroups/console`;
const network = 'api-version=2024-05-01';

describe('the plugin and the fake speak Azure Resource Manager as the REST API specs say', () => {
  it('a whole lifecycle, then what a console or another client sends: every request and answer conforms, every route is used', async () => {
    const provisioner = cloud();
    const spec = {
      name: 'web-1',
      userData: '#!/bin/sh\necho hi\n',
      tags: { env: 'test' },
      inbound: [{ from: 22 }, { from: 8000, to: 8080 }],
    };
    // provision, active, the repeat, list, stop, stopped, start, active, reboot
    const { host, listed } = await cycleHost(provisioner, spec, { waitAfterStart: true });
    expect(listed?.map((item) => item.id)).toEqual([host.id]);
    await provisioner.verifyCredentials?.();
    // Old enough to be judged by use: the scan then reads the VMs.
    check.fake.ageGroupTag(CREATED_AT_TAG, ORPHAN_MIN_AGE_MS);
    expect(await provisioner.orphans?.()).toEqual([]);
    expect(await provisioner.quota?.()).toEqual({ cpuLimit: 25, hostsInUse: 1 });
    // Live prices: the Linux meter of each size (not Windows, not Spot), the IP and disk added.
    const plans = (await provisioner.plans?.({ region: 'eastus' })) ?? [];
    expect(plans[0]).toMatchObject({
      id: 'Standard_B1ls',
      price: { source: 'live', currency: 'USD', monthly: 8.99 },
    });
    // The deployment, as the portal's "Deployments" page reads it.
    const made = (await (
      await send(
        'GET',
        `${host.id.replace(/\/providers\/.*$/, '')}/providers/Microsoft.Resources/deployments/provision-host?api-version=2021-04-01`,
      )
    ).json()) as { properties: { provisioningState: string; outputResources: unknown[] } };
    expect(made.properties.provisioningState).toBe('Succeeded');
    expect(made.properties.outputResources).toHaveLength(5);
    await deleteUntilDone(provisioner, { id: host.id });
    const other = await provisioner.provision({ name: 'web-2' });
    const running = await waitForHost(provisioner, other.id, {
      until: 'active',
      interval: 0,
      timeout: 10_000,
    });
    await deleteUntilDone(provisioner, { ip: running.ipv4 as string });
    expect(check.fake.leftovers()).toEqual([]);

    // A client that builds the VM resource by resource, as the portal and the SDK samples do.
    await send('PUT', `/subscriptions/${SUB}/resourcegroups/console?api-version=2021-04-01`, {
      location: 'westeurope',
    });
    const vnet = await send('PUT', `${rg}/providers/Microsoft.Network/virtualNetworks/vnet?${network}`, {
      location: 'westeurope',
      properties: {
        addressSpace: { addressPrefixes: ['10.1.0.0/16'] },
        subnets: [{ name: 'default', properties: { addressPrefix: '10.1.0.0/24' } }],
      },
    });
    expect(vnet.status).toBe(201);
    await send('PUT', `${rg}/providers/Microsoft.Network/publicIPAddresses/ip?${network}`, {
      location: 'westeurope',
      sku: { name: 'Standard' },
      properties: { publicIPAllocationMethod: 'Static' },
    });
    await send('PUT', `${rg}/providers/Microsoft.Network/networkSecurityGroups/nsg?${network}`, {
      location: 'westeurope',
      properties: {
        securityRules: [
          {
            name: 'https',
            properties: {
              protocol: 'Tcp',
              access: 'Allow',
              direction: 'Inbound',
              priority: 100,
              sourceAddressPrefix: '*',
              sourcePortRange: '*',
              destinationAddressPrefix: '*',
              destinationPortRange: '443',
            },
          },
        ],
      },
    });
    const base = `/subscriptions/${SUB}/resourceGroups/console/providers/Microsoft.Network`;
    await send('PUT', `${rg}/providers/Microsoft.Network/networkInterfaces/nic?${network}`, {
      location: 'westeurope',
      properties: {
        ipConfigurations: [
          {
            name: 'ipconfig1',
            properties: {
              subnet: { id: `${base}/virtualNetworks/vnet/subnets/default` },
              publicIPAddress: { id: `${base}/publicIPAddresses/ip` },
            },
          },
        ],
        networkSecurityGroup: { id: `${base}/networkSecurityGroups/nsg` },
      },
    });
    const created = await send(
      'PUT',
      `${rg}/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2024-07-01`,
      {
        location: 'westeurope',
        properties: {
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
            adminPassword: 'Correct-Horse-9',
            customData: btoa('#cloud-config\n'),
          },
          networkProfile: {
            networkInterfaces: [
              { id: `${base}/networkInterfaces/nic`, properties: { deleteOption: 'Delete' } },
            ],
          },
        },
      },
    );
    expect(created.status).toBe(201);
    const poll = created.headers.get('azure-asyncoperation') as string;
    const status = (await (
      await through(poll, { headers: { authorization: `Bearer ${AZURE_FAKE_ACCESS_TOKEN}` } })
    ).json()) as { status: string };
    expect(['InProgress', 'Succeeded']).toContain(status.status);
    const vm = (await (
      await send(
        'GET',
        `${rg}/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2024-07-01&$expand=instanceView`,
      )
    ).json()) as {
      properties: { osProfile: Record<string, unknown>; instanceView: { statuses: { code: string }[] } };
    };
    // ARM never returns a VM's customData or password.
    expect(vm.properties.osProfile.customData).toBeUndefined();
    expect(vm.properties.osProfile.adminPassword).toBeUndefined();
    expect(vm.properties.instanceView.statuses.map((entry) => entry.code)).toEqual([
      'ProvisioningState/succeeded',
      'PowerState/running',
    ]);
    for (const kind of [
      'virtualNetworks/vnet',
      'networkInterfaces/nic',
      'networkSecurityGroups/nsg',
      'publicIPAddresses/ip',
    ])
      expect((await send('GET', `${rg}/providers/Microsoft.Network/${kind}?${network}`)).status).toBe(200);
    await send(
      'POST',
      `${rg}/providers/Microsoft.Compute/virtualMachines/vm1/powerOff?api-version=2024-07-01`,
    );
    const deleted = await send(
      'DELETE',
      `${rg}/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2024-07-01`,
    );
    expect(deleted.status).toBe(202);
    expect(
      (await send('GET', `${rg}/providers/Microsoft.Compute/virtualMachines/vm1?api-version=2024-07-01`))
        .status,
    ).toBe(404);
    // The disk and NIC made with deleteOption Delete went with the VM; the rest stays until the group goes.
    expect(
      (await send('GET', `${rg}/providers/Microsoft.Network/networkInterfaces/nic?${network}`)).status,
    ).toBe(404);
    const group = await send('DELETE', `/subscriptions/${SUB}/resourcegroups/console?api-version=2021-04-01`);
    expect(group.status).toBe(202);
    const result = await through(group.headers.get('location') as string, {
      headers: { authorization: `Bearer ${AZURE_FAKE_ACCESS_TOKEN}` },
    });
    expect([200, 202]).toContain(result.status);
    expect(
      (await send('GET', `/subscriptions/${SUB}/resourcegroups/console?api-version=2021-04-01`)).status,
    ).toBe(404);
    expect(check.fake.leftovers()).toEqual([]);

    check.expectConforming();
    expect(check.unansweredRoutes()).toEqual([]);
  });

  it('the gateway: a bearer token, a served api-version and the subscription, in the CloudError shape', async () => {
    const answers = [
      await send(
        'GET',
        `/subscriptions/${SUB}/resourcegroups/x?api-version=2021-04-01`,
        undefined,
        bearer('wrong'),
      ),
      await through(`${ARM}/subscriptions/${SUB}/resourcegroups/x?api-version=2021-04-01`),
      await send('GET', `/subscriptions/${SUB}/resourcegroups/x`),
      await send('GET', `/subscriptions/${SUB}/resourcegroups/x?api-version=1999-01-01`),
      await send(
        'GET',
        `/subscriptions/00000000-0000-4000-8000-000000000000/resourcegroups/x?api-version=2021-04-01`,
      ),
      await send('GET', `/subscriptions/${SUB}/resourcegroups/x?api-version=2021-04-01`),
    ];
    const codes = await Promise.all(
      answers.map(async (answer) => [
        answer.status,
        ((await answer.json()) as { error: { code: string } }).error.code,
      ]),
    );
    expect(codes).toEqual([
      [401, 'InvalidAuthenticationToken'],
      [401, 'AuthenticationFailed'],
      [400, 'MissingApiVersionParameter'],
      [400, 'InvalidApiVersionParameter'],
      [404, 'SubscriptionNotFound'],
      [404, 'ResourceGroupNotFound'],
    ]);
    check.expectConforming();
  });

  it('a deployment refused in validation names the cause in its first detail and creates nothing', async () => {
    await send('PUT', `/subscriptions/${SUB}/resourcegroups/console?api-version=2021-04-01`, {
      location: 'eastus',
    });
    check.fake.setSoldOut({ plan: 'Standard_B1s' });
    const refused = await send(
      'PUT',
      `${rg}/providers/Microsoft.Resources/deployments/d1?api-version=2021-04-01`,
      {
        properties: {
          mode: 'Incremental',
          template: {
            resources: [
              {
                type: 'Microsoft.Compute/virtualMachines',
                apiVersion: '2024-07-01',
                name: 'vm',
                properties: {
                  hardwareProfile: { vmSize: 'Standard_B1s' },
                  storageProfile: {
                    imageReference: {
                      publisher: 'Canonical',
                      offer: 'ubuntu-24_04-lts',
                      sku: 'server',
                      version: 'latest',
                    },
                  },
                  osProfile: { computerName: 'vm', adminUsername: 'u', adminPassword: 'Correct-Horse-9' },
                  networkProfile: { networkInterfaces: [{ id: '/subscriptions/x/nic' }] },
                },
              },
            ],
          },
        },
      },
    );
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { code: string; details: { code: string }[] } };
    expect(body.error.code).toBe('InvalidTemplateDeployment');
    expect(body.error.details.map((detail) => detail.code)).toEqual(['SkuNotAvailable']);
    expect(check.fake.leftovers().map((leftover) => leftover.kind)).toEqual(['resourceGroup']);
    check.expectConforming();
  });
});
