import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://eu.api.ovh.com/console/?section=%2Fcloud (models cloud.instance.*, cloud.flavor.Flavor, cloud.image.Image)

const ipAddress = z.object({
  ip: z.string(),
  type: z.string().nullish(),
  version: z.number().nullish(),
});

/** `cloud.instance.Instance` (listings) and `cloud.instance.InstanceDetail` (one instance). */
export const instanceSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  status: z.string(),
  created: z.string().nullish(),
  ipAddresses: z.array(ipAddress).nullish(),
  /** Listings: the flavor's id; its plan code (`d2-2.consumption`) names the flavor. */
  flavorId: z.string().nullish(),
  planCode: z.string().nullish(),
  /** One instance: its flavor and image. */
  flavor: z.object({ id: z.string(), name: z.string() }).nullish(),
  image: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  imageId: z.string().nullish(),
});
export type Instance = z.infer<typeof instanceSchema>;
export const instanceList = z.array(instanceSchema);

export const flavorSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number().nullish(),
  osType: z.string().nullish(),
  available: z.boolean().nullish(),
});
export const flavorList = z.array(flavorSchema);

export const imageSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  visibility: z.string().nullish(),
  status: z.string().nullish(),
  type: z.string().nullish(),
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
          intervalUnit: z.string().nullish(),
          capacities: z.array(z.string()).nullish(),
        }),
      ),
    }),
  ),
});

export const projectSchema = z
  .object({ project_id: z.string().nullish(), status: z.string().nullish() })
  .passthrough();
