import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CREATE_DEVICE_OPERATION, METAL_FAKE_TOKEN, MetalFake } from './metal-fake.js';
import { FAKE_PROJECT_ID } from './metal-fake-catalog.js';
import type { MetalFakeDevice } from './metal-fake-devices.js';

/**
 * The Equinix Metal fake as the contract suite sees it, through the fake's public API: its
 * records, and its HTTP API for what a person in the Equinix Metal console would do.
 */
export class MetalContractFake implements ContractFake<MetalFake> {
  readonly cloud: MetalFake;
  readonly hostKind = 'device';
  readonly createOperation = CREATE_DEVICE_OPERATION;
  readonly otherRegion = 'am';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new MetalFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  /** Bare metal has no cloud firewall: nothing but the device's own software guards it. */
  inboundOf(_host: Host): readonly InboundRuleState[] | undefined {
    return undefined;
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // Equinix Metal serves `userdata` as given from its metadata service, where cloud-init reads it.
    const userdata = this.#device(host)?.userdata;
    return userdata === undefined ? undefined : new Uint8Array(Buffer.from(userdata, 'utf8'));
  }

  machine(host: Host): StoredMachine | undefined {
    const device = this.#device(host);
    return device === undefined
      ? undefined
      : { region: device.metro, plan: device.plan, image: device.operatingSystem };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const device = this.#device(host);
    return device === undefined ? undefined : Object.fromEntries(device.tags.map((tag) => [tag, '']));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setDeviceLimit(limit ?? 25);
  }

  setAddressing(host: Host, state: AddressingState): void {
    const device = this.#device(host);
    if (device !== undefined) this.cloud.setAddressing(device.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  /** Deletes the device through the API and reads it until it is gone. */
  async removeOutOfBand(host: Host): Promise<void> {
    const device = this.#device(host);
    if (device === undefined) return;
    const url = `${this.cloud.apiUrl}/devices/${device.id}`;
    await fetch(url, { method: 'DELETE', headers: this.#headers() });
    for (let read = 0; read < 20 && this.#device(host) !== undefined; read++)
      await fetch(url, { headers: this.#headers() });
  }

  /** Creates an untagged device through the API (as the console would), reads it until active. */
  async createUnmanagedMachine(): Promise<string> {
    const created = await fetch(`${this.cloud.apiUrl}/projects/${FAKE_PROJECT_ID}/devices`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        hostname: 'console-made',
        plan: 'c3.small.x86',
        metro: 'da',
        operating_system: 'ubuntu_24_04',
      }),
    });
    const { id } = (await created.json()) as { id: string };
    let ip: string | undefined;
    for (let read = 0; read < 20 && ip === undefined; read++) {
      const device = (await (
        await fetch(`${this.cloud.apiUrl}/devices/${id}`, { headers: this.#headers() })
      ).json()) as {
        ip_addresses: Array<{ address: string; public: boolean; address_family: number }>;
      };
      ip = device.ip_addresses.find((address) => address.public && address.address_family === 4)?.address;
    }
    return ip ?? '';
  }

  #headers(): Record<string, string> {
    return { 'x-auth-token': METAL_FAKE_TOKEN };
  }

  #device(host: Host): Readonly<MetalFakeDevice> | undefined {
    return this.cloud.devices().find((device) => device.id === host.id);
  }
}
