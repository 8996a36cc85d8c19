import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { GcpFake } from './gcp-fake.js';
import { GCP_FAKE_ACCESS_TOKEN } from './gcp-fake-auth.js';
import { openPorts } from './gcp-fake-inbound.js';
import type { GcpFakeInstance } from './gcp-fake-records.js';

/**
 * The Compute Engine fake as the contract suite sees it. Uses only the fake's public API: its
 * records, and its HTTP API for what a person in the Cloud Console would do.
 */
export class GcpContractFake implements ContractFake<GcpFake> {
  readonly cloud: GcpFake;
  readonly hostKind = 'instance';
  readonly createOperation = 'compute.instances.insert';
  readonly otherRegion = 'us-east1-b';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new GcpFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  /** The ports open to the internet, when a rule of provision's targets the instance; `undefined` on the network's defaults alone. */
  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const instance = this.#instance(host);
    if (instance === undefined) return undefined;
    const own = this.cloud
      .firewalls()
      .filter((rule) => rule.targetTags?.some((tag) => instance.tags.includes(tag)));
    if (own.length === 0) return undefined;
    return openPorts(instance, this.cloud.firewalls());
  }

  bootUserData(host: Host): Uint8Array | undefined {
    const userData = this.#instance(host)?.userData;
    return userData === undefined ? undefined : new TextEncoder().encode(userData);
  }

  machine(host: Host): StoredMachine | undefined {
    const instance = this.#instance(host);
    return instance === undefined
      ? undefined
      : { region: instance.zone, plan: instance.machineType, image: this.#family(instance.image) };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    return this.#instance(host)?.labels;
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setInstanceLimit(limit ?? 24);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageFirewalls(ms);
  }

  /** Deletes the instance through the API and reads it until it is gone; its firewall rules stay. */
  async removeOutOfBand(host: Host): Promise<void> {
    const instance = this.#instance(host);
    if (instance === undefined) return;
    const url = `${this.cloud.baseUrl}/${instance.id}`;
    await fetch(url, { method: 'DELETE', headers: this.#headers() });
    for (let read = 0; read < 20 && (await fetch(url, { headers: this.#headers() })).status !== 404; read++);
  }

  /** Creates an instance through the API without labels, reads it until it runs, returns its IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const zone = `${this.cloud.baseUrl}/projects/${this.cloud.project}/zones/us-central1-a`;
    await fetch(`${zone}/instances`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'console-made',
        machineType: 'zones/us-central1-a/machineTypes/e2-micro',
        disks: [
          {
            boot: true,
            initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
          },
        ],
        networkInterfaces: [
          { network: 'global/networks/default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT' }] },
        ],
      }),
    });
    for (let read = 0; read < 20; read++) {
      const answer = (await (
        await fetch(`${zone}/instances/console-made`, { headers: this.#headers() })
      ).json()) as {
        status?: string;
        networkInterfaces?: { accessConfigs?: { natIP?: string }[] }[];
      };
      const ip = answer.networkInterfaces?.[0]?.accessConfigs?.[0]?.natIP;
      if (answer.status === 'RUNNING' && ip !== undefined) return ip;
    }
    throw new Error('The console-made instance never ran.');
  }

  setAddressing(host: Host, state: AddressingState): void {
    const instance = this.#instance(host);
    if (instance !== undefined) this.cloud.setAddressing(instance.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setPageCap(size);
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${GCP_FAKE_ACCESS_TOKEN}` };
  }

  // The image family URL the plugin names, for comparison with the catalog's image.
  #family(image: string): string {
    const families: Record<string, string> = {
      'ubuntu-2604': 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2604-lts-amd64',
      'ubuntu-2404': 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64',
      'ubuntu-2204': 'projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts',
      'debian-13': 'projects/debian-cloud/global/images/family/debian-13',
      'debian-12': 'projects/debian-cloud/global/images/family/debian-12',
    };
    const key = Object.keys(families).find((prefix) => image.startsWith(prefix));
    return key === undefined ? image : (families[key] as string);
  }

  // The id is opaque; the instance is the one whose path the id is or ends with.
  #instance(host: Host): Readonly<GcpFakeInstance> | undefined {
    return this.cloud
      .instances()
      .find((instance) => host.id === instance.id || host.id.endsWith(`/${instance.id}`));
  }
}
