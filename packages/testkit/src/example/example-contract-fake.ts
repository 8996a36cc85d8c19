import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '../contract/contract-fake.js';
import { ExampleCloudFake } from './example-cloud-fake.js';
import type { ExampleServerRecord } from './example-cloud-records.js';
import { exampleHostId } from './example-host.js';

/** The example cloud as the contract suite sees it: the model of a provider's `<id>-contract-fake.ts`. */
export class ExampleContractFake implements ContractFake<ExampleCloudFake> {
  readonly cloud: ExampleCloudFake;
  readonly hostKind = 'server';
  readonly createOperation = 'servers.create';
  readonly otherRegion = 'west-1';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new ExampleCloudFake(
      options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit },
    );
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    return this.cloud.inboundRules(this.#serverId(host));
  }

  bootUserData(host: Host): Uint8Array | undefined {
    const userData = this.#server(host)?.user_data;
    return userData === null || userData === undefined ? undefined : new TextEncoder().encode(userData);
  }

  machine(host: Host): StoredMachine | undefined {
    const server = this.#server(host);
    return server === undefined
      ? undefined
      : { region: server.region, plan: server.plan, image: server.image };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    return this.#server(host)?.tags;
  }

  /** Moves every firewall's `created_at` back by `ms`, as if it had been made that long ago. */
  ageSecondaryResources(ms: number): void {
    for (const firewall of this.cloud.firewalls.values())
      firewall.created_at = new Date(Date.parse(firewall.created_at) - ms).toISOString();
  }

  removeOutOfBand(host: Host): void {
    this.cloud.servers.delete(this.#serverId(host));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.hostLimit = limit;
  }

  setAddressing(host: Host, state: AddressingState): void {
    this.cloud.setAddressing(this.#serverId(host), state);
  }

  createUnmanagedMachine(): string {
    return this.cloud.createUnmanagedServer();
  }

  capPageSize(size: number | undefined): void {
    this.cloud.maxPerPage = size;
  }

  // The plugin's own codec reads its id; the suite never does.
  #serverId(host: Host): string {
    return exampleHostId.decode(host.id, 'status').serverId;
  }

  #server(host: Host): ExampleServerRecord | undefined {
    return this.cloud.servers.get(this.#serverId(host));
  }
}
