import { createHash } from 'node:crypto';
import type { Host } from '@provision/core';
import type {
  AddressingState,
  ContractFake,
  ContractFakeOptions,
  InboundRuleState,
  StoredMachine,
} from '@provision/testkit/contract-fake';
import { CREATE_INSTANCE_OPERATION, OvhFake } from './ovh-fake.js';
import { FAKE_FLAVORS, FAKE_IMAGES } from './ovh-fake-catalog.js';
import type { OvhFakeInstance } from './ovh-fake-records.js';

/**
 * The OVH fake as the contract suite sees it. Uses only the fake's public API: its records, and
 * its HTTP API (signed, as any OVH client signs) for what a person in the Control Panel would do.
 */
export class OvhContractFake implements ContractFake<OvhFake> {
  readonly cloud: OvhFake;
  readonly hostKind = 'instance';
  readonly createOperation = CREATE_INSTANCE_OPERATION;
  readonly otherRegion = 'SBG5';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new OvhFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  /** No per-instance firewall exists on OVH's `/cloud` API: the default networking always applies. */
  inboundOf(_host: Host): readonly InboundRuleState[] | undefined {
    return undefined;
  }

  bootUserData(host: Host): Uint8Array | undefined {
    // OVH takes userData as plain text and boots with its UTF-8 bytes.
    const userData = this.#instance(host)?.userData;
    return userData === undefined ? undefined : new Uint8Array(Buffer.from(userData, 'utf8'));
  }

  machine(host: Host): StoredMachine | undefined {
    const instance = this.#instance(host);
    if (instance === undefined) return undefined;
    const flavor = FAKE_FLAVORS.find((entry) => entry.id === instance.flavorId);
    const image = FAKE_IMAGES.find((entry) => entry.id === instance.imageId);
    return {
      region: instance.region,
      plan: flavor?.name ?? instance.flavorId,
      image: image?.id ?? instance.imageId,
    };
  }

  /** The words of the instance name (where provision keeps its tags on OVH), as keys. */
  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    const instance = this.#instance(host);
    return instance === undefined
      ? undefined
      : Object.fromEntries(instance.name.split(' ').map((word) => [word, '']));
  }

  setHostLimit(limit: number | undefined): void {
    this.cloud.setInstanceLimit(limit ?? 20);
  }

  /** Deletes the instance through the API and reads it until OVH no longer has it. */
  async removeOutOfBand(host: Host): Promise<void> {
    const instance = this.#instance(host);
    if (instance === undefined) return;
    const url = `${this.cloud.baseUrl}/1.0/cloud/project/${this.cloud.project}/instance/${instance.id}`;
    await this.#send('DELETE', url);
    await this.#send('GET', url);
  }

  /** Creates an instance through the API with a name provision never writes, reads it until active, returns its IPv4. */
  async createUnmanagedMachine(): Promise<string> {
    const region = 'GRA11';
    const flavor = FAKE_FLAVORS.find((entry) => entry.region === region && entry.name === 'd2-2');
    const image = FAKE_IMAGES.find((entry) => entry.region === region && entry.visibility === 'public');
    const base = `${this.cloud.baseUrl}/1.0/cloud/project/${this.cloud.project}/instance`;
    const created = (await (
      await this.#send('POST', base, {
        name: 'portal-made',
        region,
        flavorId: flavor?.id,
        imageId: image?.id,
      })
    ).json()) as { id: string };
    let ip: string | undefined;
    for (let read = 0; read < 20 && ip === undefined; read++) {
      const answer = (await (await this.#send('GET', `${base}/${created.id}`)).json()) as {
        ipAddresses: Array<{ ip: string; version: number }>;
      };
      ip = answer.ipAddresses.find((address) => address.version === 4)?.ip;
    }
    return ip ?? '';
  }

  setAddressing(host: Host, state: AddressingState): void {
    const instance = this.#instance(host);
    if (instance !== undefined) this.cloud.setAddressing(instance.id, state);
  }

  /** A request signed the way OVH documents it, with the fake's own keys. */
  #send(method: string, url: string, body?: unknown): Promise<Response> {
    const { applicationKey, applicationSecret, consumerKey } = this.cloud.credentials;
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHash('sha1')
      .update([applicationSecret, consumerKey, method, url, text, timestamp].join('+'))
      .digest('hex');
    return fetch(url, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-ovh-application': applicationKey,
        'x-ovh-consumer': consumerKey,
        'x-ovh-timestamp': timestamp,
        'x-ovh-signature': `$1$${signature}`,
      },
      ...(body === undefined ? {} : { body: text }),
    });
  }

  // The id is opaque; the instance is the one whose id is one of its parts, whatever the layout.
  #instance(host: Host): Readonly<OvhFakeInstance> | undefined {
    const parts = new Set(host.id.split('/'));
    return this.cloud.instances().find((instance) => parts.has(instance.id));
  }
}
