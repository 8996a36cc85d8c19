import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://eu.api.ovh.com/console/?section=%2Fcloud (models cloud.instance.*, cloud.flavor.Flavor, cloud.image.Image)

const ipAddress = z.object({
  ip: z.string(),
  type: z.nullish(z.string()),
  version: z.nullish(z.number()),
});

/** `cloud.instance.Instance` (listings) and `cloud.instance.InstanceDetail` (one instance). */
export const instanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  status: z.string(),
  created: z.nullish(z.string()),
  ipAddresses: z.nullish(z.array(ipAddress)),
  /** Listings: the flavor's id; its plan code (`d2-2.consumption`) names the flavor. */
  flavorId: z.nullish(z.string()),
  planCode: z.nullish(z.string()),
  /** One instance: its flavor and image. */
  flavor: z.nullish(z.object({ id: z.string(), name: z.string() })),
  image: z.nullish(z.object({ id: z.string(), name: z.nullish(z.string()) })),
  imageId: z.nullish(z.string()),
});
export type Instance = z.infer<typeof instanceSchema>;
export const instanceList = z.array(instanceSchema);

export const flavorSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.nullish(z.number()),
  osType: z.nullish(z.string()),
  available: z.nullish(z.boolean()),
});
export const flavorList = z.array(flavorSchema);

export const imageSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  visibility: z.nullish(z.string()),
  status: z.nullish(z.string()),
  type: z.nullish(z.string()),
});
export const imageList = z.array(imageSchema);

export const regionNames = z.array(z.string());

/** `order.catalog.public.Catalog`: only the add-ons' plan codes and prices, and the currency. */
export const publicCatalog = z.object({
  locale: z.object({ currencyCode: z.string() }),
  addons: z.array(
    z.object({
      planCode: z.string(),
      pricings: z.array(
        z.object({
          /** In hundred-millionths of the currency (OVH's catalog unit). */
          price: z.number(),
          intervalUnit: z.nullish(z.string()),
          capacities: z.nullish(z.array(z.string())),
        }),
      ),
    }),
  ),
});

export const projectSchema = z.looseObject({
  project_id: z.nullish(z.string()),
  status: z.nullish(z.string()),
});
