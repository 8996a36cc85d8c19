import { generateKeyPairSync } from 'node:crypto';
import type { ResolvedHostSpec } from '@provision/core';
import { API_VERSIONS, resourcePaths } from './azure-api.js';
import { imageReference } from './azure-catalog.js';
import { RESOURCE_NAMES } from './azure-names.js';

type Json = Record<string, unknown>;

/** The login user of every host. Nobody holds its key: hosts are configured by user-data alone. */
export const ADMIN_USERNAME = 'provision';

/**
 * A fresh Ed25519 public key in OpenSSH form whose private half is thrown away: Linux VMs need a
 * key or a password, and with this neither can be used to log in.
 */
function unusableSshKey(): string {
  const der = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' });
  const raw = der.subarray(der.length - 32);
  const field = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
  return `ssh-ed25519 ${blob.toString('base64')} provision-unusable`;
}

/**
 * A template string that starts with `[` is an expression; a literal one is written `[[`.
 * https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters
 */
export function escapeTemplateStrings<T>(value: T): T {
  if (typeof value === 'string') return (value.startsWith('[') ? `[${value}` : value) as T;
  if (Array.isArray(value)) return value.map(escapeTemplateStrings) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, escapeTemplateStrings(item)]),
    ) as T;
  return value;
}

/** One NSG rule per port range and protocol; `all` is every TCP and UDP port. Priorities from 100. */
export function securityRules(inbound: NonNullable<ResolvedHostSpec['inbound']>): Json[] {
  const ranges =
    inbound === 'all'
      ? [
          { from: 0, to: 65535, protocol: 'tcp' as const },
          { from: 0, to: 65535, protocol: 'udp' as const },
        ]
      : inbound;
  return ranges.map((range, index) => {
    const all = range.from <= 1 && range.to === 65535;
    const ports = all ? '*' : range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
    return {
      name: `allow-${range.protocol}-${all ? 'all' : ports}`,
      properties: {
        priority: 100 + index,
        direction: 'Inbound',
        access: 'Allow',
        protocol: range.protocol === 'tcp' ? 'Tcp' : 'Udp',
        sourceAddressPrefix: '*',
        sourcePortRange: '*',
        destinationAddressPrefix: '*',
        destinationPortRange: ports,
      },
    };
  });
}

/**
 * The body of the host's template deployment (`Deployments_CreateOrUpdate`): a literal template
 * (no expressions, every string escaped) with the virtual network, the Standard static public
 * IPv4, the network security group when `inbound` is given, the NIC and the VM, whose OS disk and
 * NIC are deleted with it. ARM creates them in `dependsOn` order: one request, as the Azure CLI's
 * `az vm create` does. https://learn.microsoft.com/azure/templates/microsoft.compute/virtualmachines
 */
export function deploymentBody(
  spec: ResolvedHostSpec,
  subscription: string,
  group: string,
  tags: Readonly<Record<string, string>>,
): Json {
  const paths = resourcePaths(subscription, group);
  const names = RESOURCE_NAMES;
  const network = { apiVersion: API_VERSIONS.network, location: spec.region, tags };
  const nicDependencies = [
    paths.virtualNetwork(names.network),
    paths.publicIpAddress(names.address),
    ...(spec.inbound === undefined ? [] : [paths.networkSecurityGroup(names.securityGroup)]),
  ];
  const resources: Json[] = [
    {
      type: 'Microsoft.Network/virtualNetworks',
      name: names.network,
      ...network,
      properties: {
        addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
        subnets: [{ name: names.subnet, properties: { addressPrefix: '10.0.0.0/24' } }],
      },
    },
    {
      type: 'Microsoft.Network/publicIPAddresses',
      name: names.address,
      ...network,
      sku: { name: 'Standard', tier: 'Regional' },
      properties: { publicIPAllocationMethod: 'Static', publicIPAddressVersion: 'IPv4' },
    },
    ...(spec.inbound === undefined
      ? []
      : [
          {
            type: 'Microsoft.Network/networkSecurityGroups',
            name: names.securityGroup,
            ...network,
            properties: { securityRules: securityRules(spec.inbound) },
          },
        ]),
    {
      type: 'Microsoft.Network/networkInterfaces',
      name: names.nic,
      ...network,
      dependsOn: nicDependencies,
      properties: {
        ipConfigurations: [
          {
            name: 'ipconfig1',
            properties: {
              privateIPAllocationMethod: 'Dynamic',
              subnet: { id: `${paths.virtualNetwork(names.network)}/subnets/${names.subnet}` },
              publicIPAddress: { id: paths.publicIpAddress(names.address) },
            },
          },
        ],
        ...(spec.inbound === undefined
          ? {}
          : { networkSecurityGroup: { id: paths.networkSecurityGroup(names.securityGroup) } }),
      },
    },
    {
      type: 'Microsoft.Compute/virtualMachines',
      name: spec.name,
      apiVersion: API_VERSIONS.compute,
      location: spec.region,
      tags,
      dependsOn: [paths.networkInterface(names.nic)],
      properties: {
        hardwareProfile: { vmSize: spec.plan },
        storageProfile: {
          imageReference: imageReference(spec.image),
          osDisk: {
            name: names.osDisk,
            createOption: 'FromImage',
            deleteOption: 'Delete',
            managedDisk: { storageAccountType: 'Standard_LRS' },
          },
        },
        osProfile: {
          computerName: spec.name,
          adminUsername: ADMIN_USERNAME,
          linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: {
              publicKeys: [
                { path: `/home/${ADMIN_USERNAME}/.ssh/authorized_keys`, keyData: unusableSshKey() },
              ],
            },
          },
          // cloud-init reads customData on Azure; the API takes it base64-encoded.
          ...(spec.userData === undefined
            ? {}
            : { customData: Buffer.from(spec.userData, 'utf8').toString('base64') }),
        },
        networkProfile: {
          networkInterfaces: [
            { id: paths.networkInterface(names.nic), properties: { deleteOption: 'Delete' } },
          ],
        },
      },
    },
  ];
  return {
    tags,
    properties: {
      mode: 'Incremental',
      template: escapeTemplateStrings({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources,
      }),
    },
  };
}
