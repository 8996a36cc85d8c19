import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CREATE_INSTANCE_OPERATION, VULTR_FAKE_API_KEY, VultrFake } from './vultr-fake.js';
import type { VultrFakeInstance } from './vultr-fake-records.js';

/**
 * The Vultr fake as the contract suite sees it. Uses only the fake's public API: its records, and
 * its HTTP API for what a person in the customer portal would do.
 */
export class VultrContractFake implements ContractFake<VultrFake> {
  readonly cloud: VultrFake;
  readonly hostKind = 'instance';
  readonly createOperation = CREATE_INSTANCE_OPERATION;
  readonly otherRegion = 'ams';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new VultrFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const instance = this.#instance(host);
    return instance === undefined ? undefined : this.cloud.inboundRules(instance.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // Vultr takes user_data base64-encoded and boots with the decoded bytes.
    const userData = this.#instance(host)?.userData;
    return userData === undefined ? undefined : new Uint8Array(Buffer.from(userData, 'base64'));
  }

  machine(host: Host): StoredMachine | undefined {
    const instance = this.#instance(host);
    return instance === undefined
      ? undefined
      : { region: instance.region, plan: instance.plan, image: String(instance.osId) };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const instance = this.#instance(host);
    return instance === undefined ? undefined : Object.fromEntries(instance.tags.map((tag) => [tag, '']));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setInstanceLimit(limit ?? 25);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageGroups(ms);
  }

  /** Destroys the instance through the API; its firewall group stays. */
  async removeOutOfBand(host: Host): Promise<void> {
    const instance = this.#instance(host);
    if (instance === undefined) return;
    await fetch(`${this.cloud.baseUrl}/v2/instances/${instance.id}`, {
      method: 'DELETE',
      headers: this.#headers(),
    });
  }

  /** Creates an instance through the API without tags, reads it until active, returns its IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const created = await fetch(`${this.cloud.baseUrl}/v2/instances`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ region: 'ewr', plan: 'vc2-1c-1gb', os_id: 2284, label: 'portal-made' }),
    });
    const { instance } = (await created.json()) as { instance: { id: string } };
    const url = `${this.cloud.baseUrl}/v2/instances/${instance.id}`;
    let ip = '0.0.0.0';
    for (let read = 0; read < 20 && ip === '0.0.0.0'; read++) {
      const answer = (await (await fetch(url, { headers: this.#headers() })).json()) as {
        instance: { main_ip: string };
      };
      ip = answer.instance.main_ip;
    }
    return ip;
  }

  setAddressing(host: Host, state: AddressingState): void {
    const instance = this.#instance(host);
    if (instance !== undefined) this.cloud.setAddressing(instance.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${VULTR_FAKE_API_KEY}` };
  }

  // The id is opaque; the instance is the one whose id is one of its parts, whatever the layout.
  #instance(host: Host): Readonly<VultrFakeInstance> | undefined {
    const parts = new Set(host.id.split('/'));
    return this.cloud.instances().find((instance) => parts.has(instance.id));
  }
}
