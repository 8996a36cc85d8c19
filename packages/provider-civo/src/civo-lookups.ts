import { type CallOptions, UnsupportedError } from '@provision/core';
import type { JsonClient } from '@provision/provider-utils';
import { diskImageList, networkList } from './civo-api.js';

/**
 * What a create needs and only a listing tells, per region: the default network's id (instances
 * and firewalls are made in a network) and the ids of Civo's own disk images (ids differ per
 * region). Each is read once per provisioner and region, then kept: a long-lived provisioner pays
 * them on its first create there only. A failed read is not kept.
 */
export class CivoLookups {
  readonly #networks = new Map<string, Promise<string>>();
  readonly #images = new Map<string, Promise<Map<string, { id: string; distribution: string }>>>();

  constructor(private readonly client: JsonClient) {}

  /** The id of the region's default network (`GET /v2/networks`, the one with `default: true`). */
  defaultNetwork(region: string, options?: CallOptions): Promise<string> {
    return this.#cached(this.#networks, region, async () => {
      const { data } = await this.client.request({
        method: 'GET',
        path: '/v2/networks',
        query: { region },
        operation: 'provision',
        schema: networkList,
        signal: options?.signal,
      });
      const network = data.find((candidate) => candidate.default === true);
      if (network === undefined)
        throw new UnsupportedError(`Civo lists no default network in ${region}.`, {
          provider: 'civo',
          operation: 'provision',
          hint: 'Create the default network in the Civo dashboard (Networking), or choose another region.',
        });
      return network.id;
    });
  }

  /**
   * The region's id of Civo's disk image `name` (`ubuntu-noble`), whose distribution must be
   * the OS family's (`ubuntu`): `GET /v2/disk_images` lists Civo's own images only (custom ones
   * need `type=custom`), so the publisher is Civo, never an account's upload of the same name.
   */
  async diskImage(region: string, name: string, os: string, options?: CallOptions): Promise<string> {
    const images = await this.#cached(this.#images, region, async () => {
      const { data } = await this.client.request({
        method: 'GET',
        path: '/v2/disk_images',
        query: { region },
        operation: 'provision',
        schema: diskImageList,
        signal: options?.signal,
      });
      return new Map(
        data
          .filter((image) => (image.state ?? 'available') === 'available')
          .map((image) => [image.name, { id: image.id, distribution: image.distribution ?? '' }]),
      );
    });
    const image = images.get(name);
    const family = os.split('-')[0] ?? os;
    if (image === undefined || image.distribution !== family)
      throw new UnsupportedError(`Civo offers no ${name} disk image in ${region}.`, {
        provider: 'civo',
        operation: 'provision',
        hint: 'Choose another os or region.',
      });
    return image.id;
  }

  #cached<T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const reading = read();
    cache.set(key, reading);
    reading.catch(() => cache.delete(key));
    return reading;
  }
}
