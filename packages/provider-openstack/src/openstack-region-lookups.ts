import type { CallOptions } from '@provision/core';
import type { Flavor, Image } from './openstack-api.js';
import {
  chooseFlavor,
  choosePlacement,
  type FlavorNeeds,
  findImage,
  listFlavors,
  type Placement,
} from './openstack-lookups.js';
import type { OpenStackSession, RegionClients } from './openstack-session.js';
import type { OpenStackSettings } from './openstack-settings.js';

/** How long a provisioner trusts its look-ups of images, flavors and networks. */
const LOOKUP_TTL_MS = 10 * 60 * 1000;

/**
 * The look-ups `provision()` needs, kept per provisioner and region for ten minutes (images,
 * flavors and networks change rarely; a failed look-up is not kept), so a provisioner making many
 * hosts asks once.
 */
export class RegionLookups {
  readonly #cache = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(private readonly session: OpenStackSession) {}

  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#cache.get(key);
    if (hit !== undefined && Date.now() - hit.at < LOOKUP_TTL_MS) return hit.value as Promise<T>;
    const value = load();
    this.#cache.set(key, { at: Date.now(), value });
    value.catch(() => {
      if (this.#cache.get(key)?.value === value) this.#cache.delete(key);
    });
    return value;
  }

  image(clients: RegionClients, entry: string, options?: CallOptions): Promise<Image> {
    return this.#cached(`${clients.region} image ${entry}`, () => findImage(clients.image, entry, options));
  }

  flavors(clients: RegionClients, options?: CallOptions): Promise<Flavor[]> {
    return this.#cached(`${clients.region} flavors`, () =>
      listFlavors(clients.compute, 'provision', options),
    );
  }

  placement(clients: RegionClients, settings: OpenStackSettings, options?: CallOptions): Promise<Placement> {
    return this.#cached(`${clients.region} placement`, async () =>
      choosePlacement(
        clients.network,
        {
          network: settings.network,
          floatingNetwork: settings.floatingNetwork,
          projectId: await this.session.projectId(),
        },
        options,
      ),
    );
  }

  flavor(flavors: readonly Flavor[], plan: string, needs: FlavorNeeds, image: Image): Flavor {
    return chooseFlavor(flavors, plan, needs ?? {}, image);
  }
}
