import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// Written with zod/mini: a process builds all of them when it first loads this module, and mini
// schemas cost a fraction of classic ones to build and to parse the first time.
// https://docs.digitalocean.com/reference/api/digitalocean/

const network = z.object({ ip_address: z.string(), type: z.string() });

export const dropletSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  created_at: z.nullish(z.string()),
  networks: z.nullish(z.object({ v4: z.nullish(z.array(network)), v6: z.nullish(z.array(network)) })),
  region: z.nullish(z.object({ slug: z.string() })),
  size_slug: z.nullish(z.string()),
  image: z.nullish(z.object({ slug: z.nullish(z.string()) })),
  size: z.nullish(z.object({ price_monthly: z.nullish(z.number()), price_hourly: z.nullish(z.number()) })),
  tags: z.nullish(z.array(z.string())),
});
export type Droplet = z.infer<typeof dropletSchema>;

const links = z.nullish(z.object({ pages: z.nullish(z.object({ next: z.nullish(z.string()) })) }));

export const dropletEnvelope = z.object({ droplet: dropletSchema });
/** A droplet's own answer (`GET /v2/droplets/{id}`, the create), as the droplet it holds. */
export const dropletAnswer = z.pipe(
  dropletEnvelope,
  z.transform((answer) => answer.droplet),
);
export const dropletPage = z.object({
  droplets: z.array(dropletSchema),
  links,
  meta: z.nullish(z.object({ total: z.nullish(z.number()) })),
});

// Rules are read whole (sources and destinations too): a rename (`PUT`) must send them back as they are.
const firewallRule = z.object({
  protocol: z.string(),
  ports: z.nullish(z.string()),
  sources: z.nullish(z.record(z.string(), z.unknown())),
  destinations: z.nullish(z.record(z.string(), z.unknown())),
});

export const firewallSchema = z.object({
  id: z.string(),
  name: z.string(),
  droplet_ids: z.nullish(z.array(z.number())),
  tags: z.nullish(z.array(z.string())),
  inbound_rules: z.nullish(z.array(firewallRule)),
  outbound_rules: z.nullish(z.array(firewallRule)),
  /** ISO 8601, when the firewall was made: the orphan scan leaves a young one alone. */
  created_at: z.nullish(z.string()),
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
      disk: z.nullish(z.number()),
      price_monthly: z.number(),
      price_hourly: z.nullish(z.number()),
      regions: z.nullish(z.array(z.string())),
      available: z.nullish(z.boolean()),
    }),
  ),
  links,
});

export const regionPage = z.object({
  regions: z.array(z.object({ slug: z.string(), name: z.string(), available: z.boolean() })),
  links,
});

export const accountEnvelope = z.object({
  account: z.object({ droplet_limit: z.nullish(z.number()), status: z.nullish(z.string()) }),
});

export const actionEnvelope = z.object({
  action: z.object({ id: z.number(), status: z.string(), region_slug: z.nullish(z.string()) }),
});

/** Per page for every listing: DigitalOcean's maximum. */
export const PAGE_SIZE = 200;

export const actionPage = z.object({
  actions: z.array(
    z.object({
      id: z.number(),
      status: z.string(),
      type: z.string(),
      resource_id: z.nullish(z.number()),
      resource_type: z.nullish(z.string()),
      region_slug: z.nullish(z.string()),
    }),
  ),
  links,
});
