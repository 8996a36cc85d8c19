import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { HETZNER_FAKE_TOKEN, HetznerFake } from './hetzner-fake.js';
import type { HetznerFakeServer } from './hetzner-fake-records.js';

const OPEN = ['0.0.0.0/0', '::/0'];

/**
 * The Hetzner fake as the contract suite sees it. Uses only the fake's public API: its records,
 * and its HTTP API for what a person in the Cloud Console would do.
 */
export class HetznerContractFake implements ContractFake<HetznerFake> {
  readonly cloud: HetznerFake;
  readonly hostKind = 'server';
  readonly createOperation = 'create_server';
  readonly otherRegion = 'nbg1';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new HetznerFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  /** The TCP/UDP inbound rules open to the internet of the firewalls applied to the server; `undefined` without one. */
  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const server = this.#server(host);
    if (server === undefined) return undefined;
    const applied = this.cloud.firewalls().filter((firewall) => firewall.servers.includes(Number(server.id)));
    if (applied.length === 0) return undefined;
    return applied.flatMap((firewall) =>
      firewall.rules.flatMap((rule): InboundRuleState[] => {
        if (rule.direction !== 'in' || (rule.protocol !== 'tcp' && rule.protocol !== 'udp')) return [];
        if (!rule.source_ips.some((source) => OPEN.includes(source)) || rule.port === null) return [];
        const [from = 0, to = from] = rule.port.split('-').map(Number);
        return [{ from, to, protocol: rule.protocol }];
      }),
    );
  }

  bootUserData(host: Host): Uint8Array | undefined {
    const userData = this.#server(host)?.userData;
    return userData === undefined ? undefined : new TextEncoder().encode(userData);
  }

  machine(host: Host): StoredMachine | undefined {
    const server = this.#server(host);
    return server === undefined
      ? undefined
      : { region: server.location, plan: server.type.name, image: server.image.name };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    return this.#server(host)?.labels;
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setServerLimit(limit ?? 25);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageFirewalls(ms);
  }

  /** Deletes the server through the API and reads it until it is gone; its firewall stays. */
  async removeOutOfBand(host: Host): Promise<void> {
    const server = this.#server(host);
    if (server === undefined) return;
    const url = `${this.cloud.baseUrl}/servers/${server.id}`;
    await fetch(url, { method: 'DELETE', headers: this.#headers() });
    for (let read = 0; read < 20 && (await fetch(url, { headers: this.#headers() })).status !== 404; read++);
  }

  /** Creates a server through the API without labels, reads it until running, returns its IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const created = await fetch(`${this.cloud.baseUrl}/servers`, {
      method: 'POST',
      headers: { ...this.#headers(), 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'console-made',
        server_type: 'cx23',
        image: 'ubuntu-24.04',
        location: 'fsn1',
      }),
    });
    const { server } = (await created.json()) as { server: { id: number } };
    const url = `${this.cloud.baseUrl}/servers/${server.id}`;
    for (let read = 0; read < 20; read++) {
      const answer = (await (await fetch(url, { headers: this.#headers() })).json()) as {
        server?: { status?: string; public_net?: { ipv4?: { ip?: string } } };
      };
      if (answer.server?.status === 'running') return answer.server.public_net?.ipv4?.ip as string;
    }
    throw new Error('The console-made server never ran.');
  }

  setAddressing(host: Host, state: AddressingState): void {
    const server = this.#server(host);
    if (server !== undefined) this.cloud.setAddressing(server.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  #headers(): Record<string, string> {
    return { authorization: `Bearer ${HETZNER_FAKE_TOKEN}` };
  }

  // The id is opaque; the server is the one whose id is its first part, whatever the id's layout.
  #server(host: Host): Readonly<HetznerFakeServer> | undefined {
    const parts = host.id.split(/[^0-9]+/);
    return this.cloud.servers().find((server) => parts.includes(server.id));
  }
}
