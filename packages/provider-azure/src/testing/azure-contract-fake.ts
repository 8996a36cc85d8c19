import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CREATED_AT_TAG } from '../azure-names.js';
import { AzureFake } from './azure-fake.js';
import { AZURE_FAKE_ACCESS_TOKEN } from './azure-fake-wire.js';

type Json = Record<string, unknown>;

/**
 * The Azure fake as the contract suite sees it. Uses only the fake's public API: its records,
 * and its HTTP API for what a person in the portal would do.
 */
export class AzureContractFake implements ContractFake<AzureFake> {
  readonly cloud: AzureFake;
  readonly hostKind = 'virtualMachine';
  readonly createOperation = 'Deployments_CreateOrUpdate';
  readonly otherRegion = 'westeurope';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new AzureFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  // The id is opaque to the suite; the VM is the one whose resource id it is, in any case.
  #vm(host: Host) {
    return this.cloud.state
      .virtualMachines()
      .find((vm) => vm.resource.resourceId.toLowerCase() === host.id.toLowerCase());
  }

  /** The inbound TCP/UDP rules open to the internet of the NSG on the VM's NIC; `undefined` without one. */
  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const vm = this.#vm(host);
    if (vm === undefined) return undefined;
    const nics = (vm.resource.properties.networkProfile as { networkInterfaces: { id: string }[] })
      .networkInterfaces;
    const groups = nics.flatMap((reference) => {
      const nic = this.cloud.state.resource('microsoft.network/networkinterfaces', reference.id);
      const id = (nic?.properties.networkSecurityGroup as { id?: string } | undefined)?.id;
      const group =
        id === undefined
          ? undefined
          : this.cloud.state.resource('microsoft.network/networksecuritygroups', id);
      return group === undefined ? [] : [group];
    });
    if (groups.length === 0) return undefined;
    return groups.flatMap((group) =>
      ((group.properties.securityRules ?? []) as { properties: Json }[]).flatMap(
        (rule): InboundRuleState[] => {
          const { direction, access, protocol, sourceAddressPrefix, destinationPortRange } = rule.properties;
          if (
            direction !== 'Inbound' ||
            access !== 'Allow' ||
            !['*', 'Internet', '0.0.0.0/0'].includes(String(sourceAddressPrefix))
          )
            return [];
          const protocols =
            protocol === '*'
              ? (['tcp', 'udp'] as const)
              : protocol === 'Tcp'
                ? (['tcp'] as const)
                : protocol === 'Udp'
                  ? (['udp'] as const)
                  : [];
          const [from = 0, to = from] =
            destinationPortRange === '*' ? [1, 65535] : String(destinationPortRange).split('-').map(Number);
          return protocols.map((name) => ({ from, to, protocol: name }));
        },
      ),
    );
  }

  bootUserData(host: Host): Uint8Array | undefined {
    const data = this.#vm(host)?.customData;
    return data === undefined ? undefined : new Uint8Array(Buffer.from(data, 'base64'));
  }

  machine(host: Host): StoredMachine | undefined {
    const vm = this.#vm(host);
    if (vm === undefined) return undefined;
    const properties = vm.resource.properties as {
      hardwareProfile: { vmSize: string };
      storageProfile: { imageReference: { publisher: string; offer: string; sku: string; version: string } };
    };
    const image = properties.storageProfile.imageReference;
    return {
      region: vm.resource.location,
      plan: properties.hardwareProfile.vmSize,
      image: `${image.publisher}:${image.offer}:${image.sku}:${image.version}`,
    };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    return this.#vm(host)?.resource.tags;
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.state.setVmLimit(limit ?? 25);
  }

  setAddressing(host: Host, state: AddressingState): void {
    const vm = this.#vm(host);
    if (vm !== undefined) vm.state.addressing = state;
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  /**
   * Makes a VM the way the portal does, resource by resource through the API, in a group of its
   * own and without provision's tags; reads it until running and returns its public IPv4.
   */
  async createUnmanagedMachine(): Promise<string> {
    const sub = `${this.cloud.baseUrl}/subscriptions/${this.cloud.subscriptionId}`;
    const group = `${sub}/resourceGroups/console-made`;
    const id = (path: string) =>
      `/subscriptions/${this.cloud.subscriptionId}/resourceGroups/console-made/providers/${path}`;
    const put = async (url: string, body: unknown) => {
      const answer = await fetch(url, {
        method: 'PUT',
        headers: { ...this.#headers(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (answer.status >= 300) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
      return (await answer.json()) as Json;
    };
    const network = 'api-version=2024-05-01';
    await put(`${sub}/resourcegroups/console-made?api-version=2021-04-01`, { location: 'eastus' });
    await put(`${group}/providers/Microsoft.Network/virtualNetworks/vnet?${network}`, {
      location: 'eastus',
      properties: {
        addressSpace: { addressPrefixes: ['10.9.0.0/16'] },
        subnets: [{ name: 'default', properties: { addressPrefix: '10.9.0.0/24' } }],
      },
    });
    const address = await put(
      `${group}/providers/Microsoft.Network/publicIPAddresses/console-ip?${network}`,
      {
        location: 'eastus',
        sku: { name: 'Standard' },
        properties: { publicIPAllocationMethod: 'Static' },
      },
    );
    await put(`${group}/providers/Microsoft.Network/networkInterfaces/console-nic?${network}`, {
      location: 'eastus',
      properties: {
        ipConfigurations: [
          {
            name: 'ipconfig1',
            properties: {
              subnet: { id: id('Microsoft.Network/virtualNetworks/vnet/subnets/default') },
              publicIPAddress: { id: id('Microsoft.Network/publicIPAddresses/console-ip') },
            },
          },
        ],
      },
    });
    const vm = `${group}/providers/Microsoft.Compute/virtualMachines/console-vm?api-version=2024-07-01`;
    await put(vm, {
      location: 'eastus',
      properties: {
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
        osProfile: {
          computerName: 'console-vm',
          adminUsername: 'azureuser',
          adminPassword: 'Console-Made-1',
        },
        networkProfile: {
          networkInterfaces: [{ id: id('Microsoft.Network/networkInterfaces/console-nic') }],
        },
      },
    });
    for (let read = 0; read < 20; read++) {
      const answer = (await (
        await fetch(`${vm}&$expand=instanceView`, { headers: this.#headers() })
      ).json()) as {
        properties?: { instanceView?: { statuses?: { code?: string }[] } };
      };
      if (answer.properties?.instanceView?.statuses?.some((status) => status.code === 'PowerState/running'))
        return (address.properties as { ipAddress: string }).ipAddress;
    }
    throw new Error('The console-made VM never ran.');
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${AZURE_FAKE_ACCESS_TOKEN}` };
  }

  /**
   * Moves each resource group's creation time back by `ms`. Azure keeps none for a group: it is
   * the group's `provision-created-at` tag, moved back as a tag update in the portal would.
   */
  ageSecondaryResources(ms: number): void {
    this.cloud.ageGroupTag(CREATED_AT_TAG, ms);
  }

  /** Deletes the VM through the API (its disk and NIC go with it) and reads it until it is gone; the group stays. */
  async removeOutOfBand(host: Host): Promise<void> {
    const vm = this.#vm(host);
    if (vm === undefined) return;
    const url = `${this.cloud.baseUrl}${vm.resource.resourceId}?api-version=2024-07-01`;
    const headers = this.#headers();
    await fetch(url, { method: 'DELETE', headers });
    for (let read = 0; read < 20 && (await fetch(url, { headers })).status !== 404; read++);
  }
}
