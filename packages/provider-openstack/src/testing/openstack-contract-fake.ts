import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CREATE_SERVER_OPERATION, OPENSTACK_FAKE_PASSWORD, OpenStackFake } from './openstack-fake.js';
import { FAKE_IMAGES } from './openstack-fake-catalog.js';
import type { FakeServer } from './openstack-fake-records.js';

/**
 * The OpenStack fake as the contract suite sees it. Uses only the fake's public API: its records,
 * and its HTTP API (a token, then Nova) for what a person with the openstack CLI would do.
 */
export class OpenStackContractFake implements ContractFake<OpenStackFake> {
  readonly cloud: OpenStackFake;
  readonly hostKind = 'server';
  readonly createOperation = CREATE_SERVER_OPERATION;
  readonly otherRegion = 'RegionTwo';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new OpenStackFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  inboundOf(host: Host): readonly InboundRuleState[] | undefined {
    const server = this.#server(host);
    return server === undefined ? undefined : this.cloud.inboundRules(server.id);
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // Nova takes user_data base64-encoded and hands the decoded bytes to cloud-init.
    const userData = this.#server(host)?.userData;
    return userData === undefined ? undefined : new Uint8Array(Buffer.from(userData, 'base64'));
  }

  machine(host: Host): StoredMachine | undefined {
    const server = this.#server(host);
    if (server === undefined) return undefined;
    const flavor = ['m1.tiny', 'm1.small', 'm1.medium', 'm1.large', 'ds1G', 'ds2G'];
    const ids = ['1', '2', '3', '4', 'd2', 'd3'];
    return {
      region: server.region,
      plan: flavor[ids.indexOf(server.flavorId)] ?? server.flavorId,
      image: FAKE_IMAGES.find((image) => image.id === server.imageId)?.id ?? server.imageId,
    };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    return this.#server(host)?.metadata;
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setInstanceLimit(limit ?? 25);
  }

  ageSecondaryResources(ms: number): void {
    this.cloud.ageNetworkResources(ms);
  }

  /** Deletes the server through Nova; its port, floating IP and security group stay. */
  async removeOutOfBand(host: Host): Promise<void> {
    const server = this.#server(host);
    if (server === undefined) return;
    const url = `${this.cloud.baseUrl}/compute/${server.region}/v2.1/servers/${server.id}`;
    const headers = { 'x-auth-token': await this.#token() };
    await fetch(url, { method: 'DELETE', headers });
    // Nova takes a while: the server is gone once it answers 404.
    for (let read = 0; read < 20 && (await fetch(url, { headers })).status !== 404; read++);
  }

  /** Boots a server on the external network through Nova, without metadata; reads it until it has its address. */
  async createUnmanagedMachine(): Promise<string> {
    const token = await this.#token();
    const headers = {
      'x-auth-token': token,
      'content-type': 'application/json',
      'openstack-api-version': 'compute 2.47',
    };
    const base = `${this.cloud.baseUrl}/compute/RegionOne/v2.1/servers`;
    const publicNetwork = this.cloud.networks('RegionOne').find((network) => network.external);
    const created = await fetch(base, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        server: {
          name: 'by-hand',
          imageRef: FAKE_IMAGES[2]?.id,
          flavorRef: '2',
          networks: [{ uuid: publicNetwork?.id }],
        },
      }),
    });
    const { server } = (await created.json()) as { server: { id: string } };
    for (let read = 0; read < 20; read++) {
      const answer = (await (await fetch(`${base}/${server.id}`, { headers })).json()) as {
        server: { addresses: Record<string, Array<{ addr: string }>> };
      };
      const address = Object.values(answer.server.addresses).flat()[0]?.addr;
      if (address !== undefined) return address;
    }
    throw new Error('the unmanaged server never got an address');
  }

  setAddressing(host: Host, state: AddressingState): void {
    const server = this.#server(host);
    if (server !== undefined) this.cloud.setAddressing(server.id, state);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.setMaxPerPage(size);
  }

  async #token(): Promise<string> {
    const answer = await fetch(`${this.cloud.baseUrl}/identity/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: { name: 'demo', domain: { name: 'Default' }, password: OPENSTACK_FAKE_PASSWORD },
            },
          },
          scope: { project: { name: 'demo', domain: { name: 'Default' } } },
        },
      }),
    });
    return answer.headers.get('x-subject-token') ?? '';
  }

  // The id is opaque; the server is the one whose id is one of its parts, whatever the layout.
  #server(host: Host): Readonly<FakeServer> | undefined {
    const parts = new Set(host.id.split('/'));
    return this.cloud.servers().find((server) => parts.has(server.id));
  }
}
