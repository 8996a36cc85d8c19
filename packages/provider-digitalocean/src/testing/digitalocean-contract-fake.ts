import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './digitalocean-fake.js';
import type { DigitalOceanFakeDroplet } from './digitalocean-fake-records.js';

/**
 * The DigitalOcean fake as the contract suite sees it. Uses only the fake's public API: its
 * records, and its HTTP API for what a person in the control panel would do.
 */
export class DigitalOceanContractFake implements ContractFake<DigitalOceanFake> {
  readonly cloud: DigitalOceanFake;
  readonly hostKind = 'droplet';
  readonly createOperation = 'droplets_create';
  readonly otherRegion = 'sfo3';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new DigitalOceanFake(
      options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit },
    );
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const droplet = this.#droplet(host);
    return droplet === undefined ? undefined : this.cloud.inboundRules(droplet.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // DigitalOcean takes user_data as a JSON string and boots with its UTF-8 bytes.
    const userData = this.#droplet(host)?.userData;
    return userData === undefined ? undefined : new TextEncoder().encode(userData);
  }

  machine(host: Host): StoredMachine | undefined {
    const droplet = this.#droplet(host);
    return droplet === undefined
      ? undefined
      : { region: droplet.region, plan: droplet.size, image: droplet.image };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const droplet = this.#droplet(host);
    return droplet === undefined ? undefined : Object.fromEntries(droplet.tags.map((tag) => [tag, '']));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setDropletLimit(limit ?? 25);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageFirewalls(ms);
  }

  /** Destroys the Droplet through the API and reads it until it is gone; its firewall stays. */
  async removeOutOfBand(host: Host): Promise<void> {
    const droplet = this.#droplet(host);
    if (droplet === undefined) return;
    const url = `${this.cloud.baseUrl}/v2/droplets/${droplet.id}`;
    await fetch(url, { method: 'DELETE', headers: this.#headers() });
    for (let read = 0; read < 20 && (await fetch(url, { headers: this.#headers() })).status !== 404; read++);
  }

  /** Creates a Droplet through the API without tags, reads it until active, returns its public IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const created = await fetch(`${this.cloud.baseUrl}/v2/droplets`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'console-made',
        region: 'nyc3',
        size: 's-1vcpu-1gb',
        image: 'ubuntu-24-04-x64',
      }),
    });
    const { droplet } = (await created.json()) as { droplet: { id: number } };
    const url = `${this.cloud.baseUrl}/v2/droplets/${droplet.id}`;
    for (let read = 0; read < 20; read++) {
      const answer = (await (await fetch(url, { headers: this.#headers() })).json()) as {
        droplet?: { status?: string };
      };
      if (answer.droplet?.status === 'active') break;
    }
    const record = this.cloud.droplets().find((candidate) => candidate.id === String(droplet.id));
    return record?.publicIpv4 as string;
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` };
  }

  setAddressing(host: Host, state: AddressingState): void {
    const droplet = this.#droplet(host);
    if (droplet !== undefined) this.cloud.setAddressing(droplet.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  // The id is opaque; the Droplet is the one whose id is one of its parts, whatever the id's layout.
  #droplet(host: Host): Readonly<DigitalOceanFakeDroplet> | undefined {
    const parts = new Set(host.id.split(/[^A-Za-z0-9-]+/));
    return this.cloud.droplets().find((droplet) => parts.has(droplet.id));
  }
}
