import { AuthenticationError, HostNotFoundError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAzure } from './create-azure.js';
import { AZURE_FAKE_ACCESS_TOKEN, AZURE_FAKE_CREDENTIALS, AzureFake } from './testing/index.js';

const server = setupFakeServer();
let fake: AzureFake;
beforeEach(() => {
  fake = new AzureFake({ readsUntilActive: 1, readsUntilDeleted: 1 });
  server.use(fake);
});

const cloud = (settings: Record<string, unknown> = {}) =>
  createAzure({ ...AZURE_FAKE_CREDENTIALS, ...settings }, { env: {} });
const body = (operation: string) => {
  const entry = fake.requests.find((request) => request.operation === operation);
  return entry?.body === undefined ? undefined : (JSON.parse(entry.body) as Record<string, unknown>);
};

describe('Azure on the wire', () => {
  it('one resource group and one deployment of a literal template: network, Standard static IPv4, NSG, NIC, VM', async () => {
    const userData = '#!/bin/sh\necho "[hi]"\n';
    const before = Date.now();
    const host = await cloud().provision({
      name: 'web-1',
      userData,
      tags: { note: '[not an expression]' },
      inbound: [{ from: 443 }, { from: 6000, to: 6010, protocol: 'udp' }],
    });
    expect(fake.requests.map((request) => `${request.method} ${request.operation}`)).toEqual([
      'POST token',
      'GET ResourceGroups_Get',
      'PUT ResourceGroups_CreateOrUpdate',
      'PUT Deployments_CreateOrUpdate',
    ]);
    // Every ARM request carries its resource provider's api-version.
    for (const request of fake.requests.slice(1)) expect(request.path).toContain('api-version=2021-04-01');
    expect(host).toMatchObject({
      status: 'provisioning',
      firewalled: true,
      region: 'eastus',
      plan: 'Standard_B1ls',
    });
    const group = body('ResourceGroups_CreateOrUpdate') as { location: string; tags: Record<string, string> };
    expect(group.location).toBe('eastus');
    expect(group.tags).toMatchObject({
      'provision-managed-by': 'provision',
      'provision-name': 'web-1',
      note: '[not an expression]',
    });
    // Azure gives a group no creation time: the group's own tag holds it, for the orphan scan.
    const createdAt = group.tags['provision-created-at'] ?? '';
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(createdAt)).toBeLessThanOrEqual(Date.now());

    const deployment = body('Deployments_CreateOrUpdate') as {
      properties: { mode: string; template: { resources: Array<Record<string, unknown>> } };
    };
    expect(deployment.properties.mode).toBe('Incremental');
    const resources = deployment.properties.template.resources;
    expect(resources.map((resource) => resource.type)).toEqual([
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Network/publicIPAddresses',
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Network/networkInterfaces',
      'Microsoft.Compute/virtualMachines',
    ]);
    // A literal starting with "[" is escaped, or ARM would read it as an expression.
    expect((resources[4]?.tags as Record<string, string> | undefined)?.note).toBe('[[not an expression]');
    // The VM and its resources carry the host's tags, not the group's creation time.
    for (const resource of resources) expect(resource.tags ?? {}).not.toHaveProperty('provision-created-at');
    expect(resources[1]).toMatchObject({
      sku: { name: 'Standard' },
      properties: { publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' },
    });
    expect((resources[2]?.properties as { securityRules: unknown[] } | undefined)?.securityRules).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({
          priority: 100,
          protocol: 'Tcp',
          destinationPortRange: '443',
          access: 'Allow',
          direction: 'Inbound',
        }),
      }),
      expect.objectContaining({
        properties: expect.objectContaining({
          priority: 101,
          protocol: 'Udp',
          destinationPortRange: '6000-6010',
        }),
      }),
    ]);
    const vm = resources[4]?.properties as unknown as {
      osProfile: {
        customData: string;
        adminPassword?: string;
        linuxConfiguration: {
          disablePasswordAuthentication: boolean;
          ssh: { publicKeys: { keyData: string }[] };
        };
      };
      storageProfile: { imageReference: Record<string, string>; osDisk: Record<string, unknown> };
      networkProfile: { networkInterfaces: { properties: { deleteOption: string } }[] };
    };
    expect(Buffer.from(vm.osProfile.customData, 'base64').toString('utf8')).toBe(userData);
    expect(vm.osProfile.adminPassword).toBeUndefined();
    expect(vm.osProfile.linuxConfiguration.disablePasswordAuthentication).toBe(true);
    expect(vm.osProfile.linuxConfiguration.ssh.publicKeys[0]?.keyData).toMatch(
      /^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]+=* /,
    );
    expect(vm.storageProfile.imageReference).toEqual({
      publisher: 'Canonical',
      offer: 'ubuntu-26_04-lts',
      sku: 'server',
      version: 'latest',
    });
    expect(vm.storageProfile.osDisk).toMatchObject({ deleteOption: 'Delete', createOption: 'FromImage' });
    expect(vm.networkProfile.networkInterfaces[0]?.properties.deleteOption).toBe('Delete');
  });

  it('a create whose answer was lost is not sent twice: ARM answers DeploymentActive, and that is the host', async () => {
    fake = new AzureFake({ readsUntilActive: 3 });
    server.use(fake);
    fake.injectFault({ kind: 'lost-response', operation: 'Deployments_CreateOrUpdate' });
    const host = await cloud().provision({ name: 'lost' });
    expect(host.status).toBe('provisioning');
    expect(
      fake.requests
        .filter((request) => request.operation === 'Deployments_CreateOrUpdate')
        .map((request) => request.status),
    ).toEqual(['network-error', 409]);
    expect(fake.createdCount('virtualMachine')).toBe(1);
  });

  it('a provision that stopped between the group and the deployment is finished by the next one', async () => {
    fake.injectFault({ kind: 'connection-reset', operation: 'Deployments_CreateOrUpdate', times: 4 });
    await expect(cloud({ retry: { maxRetries: 0 } }).provision({ name: 'half' })).rejects.toThrow();
    expect(fake.leftovers().map((leftover) => leftover.kind)).toEqual(['resourceGroup']);
    fake.clearFaults();
    const host = await cloud().provision({ name: 'half' });
    expect(fake.createdCount('virtualMachine')).toBe(1);
    // The group's tags are the host's again in the deployment, without the group's creation time.
    const last = fake.requests.filter((request) => request.operation === 'Deployments_CreateOrUpdate').at(-1);
    const { resources } = (
      JSON.parse(last?.body ?? '{}') as { properties: { template: { resources: Array<{ tags?: object }> } } }
    ).properties.template;
    expect(resources.at(-1)?.tags).toMatchObject({ 'provision-name': 'half' });
    for (const resource of resources) expect(resource.tags ?? {}).not.toHaveProperty('provision-created-at');
    expect((await cloud().status(host.id)).status).toMatch(/provisioning|active/);
  });

  it('ids are Azure resource ids, matched without regard to the case of their literal segments', async () => {
    const host = await cloud().provision({ name: 'cased' });
    expect(host.id).toMatch(
      new RegExp(
        `^/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/resourceGroups/provision-[a-z2-7]{26}/providers/Microsoft\\.Compute/virtualMachines/cased$`,
      ),
    );
    const lower = host.id
      .replace('/resourceGroups/', '/resourcegroups/')
      .replace('Microsoft.Compute/virtualMachines', 'microsoft.compute/virtualmachines');
    expect((await cloud().status(lower)).id).toBe(lower);
  });

  it('a secret Entra ID refuses is an AuthenticationError that names neither the secret nor the token', async () => {
    const error = await cloud({ clientSecret: 'W'.repeat(40) })
      .status(
        `/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm`,
      )
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('W'.repeat(40));
    expect(fake.requests.map((request) => request.operation)).toEqual(['token']);
  });

  it('a cloud error quoting the request never shows the token, the secret or the user-data', async () => {
    fake.injectFault({ kind: 'echo-error', operation: 'Deployments_CreateOrUpdate' });
    const userData = '#!/bin/sh\necho a-secret-looking-script\n';
    const error = (await cloud({ retry: { maxRetries: 0 } })
      .provision({ name: 'echo', userData })
      .catch((caught: unknown) => caught)) as Error;
    const text = `${error.message} ${JSON.stringify(error)}`;
    for (const secret of [
      AZURE_FAKE_ACCESS_TOKEN,
      AZURE_FAKE_CREDENTIALS.clientSecret,
      userData,
      Buffer.from(userData).toString('base64'),
    ])
      expect(text).not.toContain(secret);
  });

  it('inboundRules reads the NSG as changed in the portal: "*" is every TCP and UDP port and more, service tags are not the internet', async () => {
    const host = await cloud().provision({ name: 'ports', inbound: [{ from: 22 }] });
    const group = host.id.split('/providers/')[0] as string;
    const nsg = `https://management.azure.com${group}/providers/Microsoft.Network/networkSecurityGroups/nsg?api-version=2024-05-01`;
    const rule = (
      name: string,
      priority: number,
      protocol: string,
      source: string,
      port: string,
      access = 'Allow',
    ) => ({
      name,
      properties: {
        priority,
        protocol,
        access,
        direction: 'Inbound',
        sourceAddressPrefix: source,
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: port,
      },
    });
    const answer = await fetch(nsg, {
      method: 'PUT',
      headers: { authorization: `Bearer ${AZURE_FAKE_ACCESS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        location: 'eastus',
        properties: {
          securityRules: [
            rule('lb', 100, 'Tcp', 'AzureLoadBalancer', '80'),
            rule('office', 110, 'Tcp', '198.51.100.0/24', '8443'),
            rule('deny', 120, 'Tcp', '*', '9000', 'Deny'),
            rule('everything', 130, '*', 'Internet', '*'),
          ],
        },
      }),
    });
    expect(answer.status).toBe(200);
    expect(await cloud().inboundRules?.(host.id)).toEqual({
      kind: 'firewall',
      allows: 'all',
      otherProtocols: ['ah', 'esp', 'icmp'],
    });
    const plain = await cloud().provision({ name: 'plain' });
    expect(await cloud().inboundRules?.(plain.id)).toEqual({ kind: 'cloud-default' });
    for (let call = 0; call < 5 && !(await cloud().delete({ id: plain.id })).done; call++);
    await expect(cloud().inboundRules?.(plain.id)).rejects.toSatisfy(HostNotFoundError.isInstance);
  });

  it('a repeat with another plan or ports returns the host that exists, saying what differs', async () => {
    const first = await cloud().provision({ name: 'same', plan: 'Standard_B1s' });
    const again = await cloud().provision({ name: 'same', plan: 'Standard_B2s', inbound: [{ from: 22 }] });
    expect(again.id).toBe(first.id);
    expect(again.specMismatch).toEqual([
      'plan: Standard_B1s (asked: Standard_B2s)',
      expect.stringMatching(/^inbound: none/),
    ]);
    expect(fake.createdCount('virtualMachine')).toBe(1);
    const same = await cloud().provision({ name: 'same', plan: 'Standard_B1s' });
    expect(same.specMismatch).toBeUndefined();
  });
});
