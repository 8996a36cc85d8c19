import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { LINODE_FAKE_TOKEN, LinodeFake } from './linode-fake.js';
import type { LinodeFakeInstance } from './linode-fake-records.js';

/**
 * The Linode fake as the contract suite sees it, through the fake's public API: its records, and
 * its HTTP API for what a person in Cloud Manager would do.
 */
export class LinodeContractFake implements ContractFake<LinodeFake> {
  readonly cloud: LinodeFake;
  readonly hostKind = 'linode';
  readonly createOperation = 'post-linode-instance';
  readonly otherRegion = 'fr-par';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new LinodeFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const linode = this.#linode(host);
    return linode === undefined ? undefined : this.cloud.inboundRules(linode.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // Linode takes metadata.user_data base64-encoded and hands the decoded bytes to cloud-init.
    const encoded = this.#linode(host)?.userDataBase64;
    return encoded === undefined ? undefined : new Uint8Array(Buffer.from(encoded, 'base64'));
  }

  machine(host: Host): StoredMachine | undefined {
    const linode = this.#linode(host);
    return linode === undefined
      ? undefined
      : { region: linode.region, plan: linode.type, image: linode.image ?? '' };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const linode = this.#linode(host);
    return linode === undefined ? undefined : Object.fromEntries(linode.tags.map((tag) => [tag, '']));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setLinodeLimit(limit ?? 50);
  }

  setAddressing(host: Host, state: AddressingState): void {
    const linode = this.#linode(host);
    if (linode !== undefined) this.cloud.setAddressing(linode.id, state);
  }

  capPageSize(size: number | undefined): void {
    // Linode's smallest page is 25; a smaller cap still makes the client follow `pages`.
    this.cloud.setMaxPageSize(size);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageFirewalls(ms);
  }

  /** Deletes the Linode through the API and reads it until it is gone; its firewall stays. */
  async removeOutOfBand(host: Host): Promise<void> {
    const linode = this.#linode(host);
    if (linode === undefined) return;
    const url = `${this.cloud.baseUrl}/v4/linode/instances/${linode.id}`;
    await fetch(url, { method: 'DELETE', headers: this.#headers() });
    for (let read = 0; read < 20 && (await fetch(url, { headers: this.#headers() })).status !== 404; read++);
  }

  /** Creates an untagged Linode through the API, reads it until running, returns its public IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const created = await fetch(`${this.cloud.baseUrl}/v4/linode/instances`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        label: 'console-made',
        region: 'us-ord',
        type: 'g6-standard-1',
        image: 'linode/ubuntu24.04',
        root_pass: 'a-console-password-1!',
      }),
    });
    const { id, ipv4 } = (await created.json()) as { id: number; ipv4: string[] };
    const url = `${this.cloud.baseUrl}/v4/linode/instances/${id}`;
    for (let read = 0; read < 20; read++) {
      const answer = (await (await fetch(url, { headers: this.#headers() })).json()) as { status?: string };
      if (answer.status === 'running') break;
    }
    return ipv4[0] as string;
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${LINODE_FAKE_TOKEN}` };
  }

  // The Linode is the one whose id is one of the host id's parts (firewall ids never equal one).
  #linode(host: Host): Readonly<LinodeFakeInstance> | undefined {
    const parts = new Set(host.id.split(/[^0-9]+/));
    return this.cloud.linodes().find((linode) => parts.has(linode.id));
  }
}
