import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://docs.digitalocean.com/reference/api/digitalocean/

const network = z.object({ ip_address: z.string(), type: z.string() });

export const dropletSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  created_at: z.string().nullish(),
  networks: z.object({ v4: z.array(network).nullish(), v6: z.array(network).nullish() }).nullish(),
  region: z.object({ slug: z.string() }).nullish(),
  size_slug: z.string().nullish(),
  image: z.object({ slug: z.string().nullish() }).nullish(),
  size: z.object({ price_monthly: z.number().nullish(), price_hourly: z.number().nullish() }).nullish(),
  tags: z.array(z.string()).nullish(),
});
export type Droplet = z.infer<typeof dropletSchema>;

const links = z.object({ pages: z.object({ next: z.string().nullish() }).nullish() }).nullish();

export const dropletEnvelope = z.object({ droplet: dropletSchema });
export const dropletPage = z.object({
  droplets: z.array(dropletSchema),
  links,
  meta: z.object({ total: z.number().nullish() }).nullish(),
});

// Rules are read whole (sources and destinations too): a rename (`PUT`) must send them back as they are.
const firewallRule = z.object({
  protocol: z.string(),
  ports: z.string().nullish(),
  sources: z.record(z.string(), z.unknown()).nullish(),
  destinations: z.record(z.string(), z.unknown()).nullish(),
});

export const firewallSchema = z.object({
  id: z.string(),
  name: z.string(),
  droplet_ids: z.array(z.number()).nullish(),
  tags: z.array(z.string()).nullish(),
  inbound_rules: z.array(firewallRule).nullish(),
  outbound_rules: z.array(firewallRule).nullish(),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallEnvelope = z.object({ firewall: firewallSchema });
export const firewallPage = z.object({ firewalls: z.array(firewallSchema), links });

export const sizePage = z.object({
  sizes: z.array(
    z.object({
      slug: z.string(),
      vcpus: z.number(),
      memory: z.number(),
      disk: z.number().nullish(),
      price_monthly: z.number(),
      price_hourly: z.number().nullish(),
      regions: z.array(z.string()).nullish(),
      available: z.boolean().nullish(),
    }),
  ),
  links,
});

export const regionPage = z.object({
  regions: z.array(z.object({ slug: z.string(), name: z.string(), available: z.boolean() })),
  links,
});

export const accountEnvelope = z.object({
  account: z.object({ droplet_limit: z.number().nullish(), status: z.string().nullish() }),
});

export const actionEnvelope = z.object({
  action: z.object({ id: z.number(), status: z.string(), region_slug: z.string().nullish() }),
});

/** Per page for every listing: DigitalOcean's maximum. */
export const PAGE_SIZE = 200;

export const actionPage = z.object({
  actions: z.array(
    z.object({
      id: z.number(),
      status: z.string(),
      type: z.string(),
      resource_id: z.number().nullish(),
      resource_type: z.string().nullish(),
      region_slug: z.string().nullish(),
    }),
  ),
  links,
});
