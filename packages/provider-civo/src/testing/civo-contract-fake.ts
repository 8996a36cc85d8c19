import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CIVO_FAKE_TOKEN, CivoFake, CREATE_INSTANCE_OPERATION } from './civo-fake.js';
import { fakeDiskImages } from './civo-fake-catalog.js';
import type { CivoFakeInstance } from './civo-fake-records.js';

/**
 * The Civo fake as the contract suite sees it, through the fake's public API: its records, and its
 * HTTP API for what a person in the Civo dashboard would do.
 */
export class CivoContractFake implements ContractFake<CivoFake> {
  readonly cloud: CivoFake;
  readonly hostKind = 'instance';
  readonly createOperation = CREATE_INSTANCE_OPERATION;
  readonly otherRegion = 'FRA1';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new CivoFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const instance = this.#instance(host);
    return instance === undefined ? undefined : this.cloud.inboundRules(instance.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // Civo takes `script` as text and runs those bytes at the end of the instance's cloud-init.
    const script = this.#instance(host)?.script;
    return script === undefined ? undefined : new Uint8Array(Buffer.from(script, 'utf8'));
  }

  machine(host: Host): StoredMachine | undefined {
    const instance = this.#instance(host);
    return instance === undefined
      ? undefined
      : { region: instance.region, plan: instance.size, image: instance.sourceId };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const instance = this.#instance(host);
    return instance === undefined ? undefined : Object.fromEntries(instance.tags.map((tag) => [tag, '']));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setInstanceLimit(limit ?? 25);
  }

  setAddressing(host: Host, state: AddressingState): void {
    const instance = this.#instance(host);
    if (instance !== undefined) this.cloud.setAddressing(instance.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  /** Deletes the instance through the API; its firewall stays. */
  async removeOutOfBand(host: Host): Promise<void> {
    const instance = this.#instance(host);
    if (instance === undefined) return;
    await fetch(`${this.cloud.baseUrl}/v2/instances/${instance.id}?region=${instance.region}`, {
      method: 'DELETE',
      headers: this.#headers(),
    });
  }

  /** Creates an untagged instance through the API (a form, as the reference's example), reads it until active. */
  async createUnmanagedMachine(): Promise<string> {
    const networks = (await (
      await fetch(`${this.cloud.baseUrl}/v2/networks?region=LON1`, { headers: this.#headers() })
    ).json()) as Array<{ id: string }>;
    const form = new URLSearchParams({
      hostname: 'dashboard-made.example.com',
      size: 'g3.small',
      region: 'LON1',
      network_id: networks[0]?.id ?? '',
      template_id: fakeDiskImages('LON1')[0]?.id ?? '',
      public_ip: 'create',
    });
    const created = await fetch(`${this.cloud.baseUrl}/v2/instances`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const { id } = (await created.json()) as { id: string };
    const url = `${this.cloud.baseUrl}/v2/instances/${id}?region=LON1`;
    let ip: string | null = null;
    for (let read = 0; read < 20 && ip === null; read++)
      ip = ((await (await fetch(url, { headers: this.#headers() })).json()) as { public_ip: string | null })
        .public_ip;
    return ip ?? '';
  }

  #headers(): Record<string, string> {
    return { authorization: `bearer ${CIVO_FAKE_TOKEN}` };
  }

  // The instance is the one whose id is one of the host id's parts, whatever the layout.
  #instance(host: Host): Readonly<CivoFakeInstance> | undefined {
    const parts = new Set(host.id.split('/'));
    return this.cloud.instances().find((instance) => parts.has(instance.id));
  }
}
