import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { SCALEWAY_FAKE_PROJECT_ID, SCALEWAY_FAKE_SECRET_KEY, ScalewayFake } from './scaleway-fake.js';
import type { ScalewayFakeServer } from './scaleway-fake-records.js';

/**
 * The Scaleway fake as the contract suite sees it. Uses only the fake's public API: its records,
 * and its HTTP API for what a person in the console would do.
 */
export class ScalewayContractFake implements ContractFake<ScalewayFake> {
  readonly cloud: ScalewayFake;
  readonly hostKind = 'server';
  readonly createOperation = 'createServer';
  readonly otherRegion = 'nl-ams-1';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new ScalewayFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const server = this.#server(host);
    return server === undefined ? undefined : this.cloud.inboundRules(server.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    const userData = this.#server(host)?.userData.get('cloud-init');
    return userData === undefined ? undefined : new TextEncoder().encode(userData);
  }

  machine(host: Host): StoredMachine | undefined {
    const server = this.#server(host);
    return server === undefined
      ? undefined
      : { region: server.zone, plan: server.commercialType, image: server.imageRequested };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const tags = this.#server(host)?.tags;
    return tags === undefined
      ? undefined
      : Object.fromEntries(
          tags.map((tag) => {
            const at = tag.indexOf('=');
            return at === -1 ? [tag, ''] : [tag.slice(0, at), tag.slice(at + 1)];
          }),
        );
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setServerLimit(limit ?? 25);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageGroupsAndVolumes(ms);
  }

  /** Terminates the server through the API (as the console does) and reads it until it is gone. */
  async removeOutOfBand(host: Host): Promise<void> {
    const server = this.#server(host);
    if (server === undefined) return;
    const url = `${this.cloud.baseUrl}/instance/v1/zones/${server.zone}/servers/${server.id}`;
    const state = server.state;
    if (state === 'running')
      await fetch(`${url}/action`, {
        method: 'POST',
        headers: { ...this.#headers(), 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'terminate' }),
      });
    else if (state === 'stopped') await fetch(url, { method: 'DELETE', headers: this.#headers() });
    for (let read = 0; read < 20 && (await fetch(url, { headers: this.#headers() })).status !== 404; read++);
  }

  /** Creates a server through the API without tags, boots it, reads it until running, returns its IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const base = `${this.cloud.baseUrl}/instance/v1/zones/fr-par-1/servers`;
    const json = { ...this.#headers(), 'content-type': 'application/json' };
    const created = await fetch(base, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        name: 'console-made',
        commercial_type: 'DEV1-S',
        image: 'ubuntu_noble',
        project: SCALEWAY_FAKE_PROJECT_ID,
        dynamic_ip_required: true,
      }),
    });
    const { server } = (await created.json()) as { server: { id: string } };
    await fetch(`${base}/${server.id}/action`, {
      method: 'POST',
      headers: json,
      body: '{"action":"poweron"}',
    });
    for (let read = 0; read < 20; read++) {
      const answer = (await (await fetch(`${base}/${server.id}`, { headers: this.#headers() })).json()) as {
        server?: { state?: string; public_ip?: { address?: string } | null };
      };
      if (answer.server?.state === 'running') return answer.server.public_ip?.address as string;
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
    return { 'x-auth-token': SCALEWAY_FAKE_SECRET_KEY };
  }

  // The id is opaque; the server is the one whose id appears in it, whatever the id's layout.
  #server(host: Host): Readonly<ScalewayFakeServer> | undefined {
    return this.cloud.servers().find((server) => host.id.includes(server.id));
  }
}
