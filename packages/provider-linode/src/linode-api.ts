import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://techdocs.akamai.com/linode-api/reference/api

export const linodeSchema = z.object({
  id: z.number(),
  label: z.string(),
  status: z.string(),
  region: z.nullish(z.string()),
  type: z.nullish(z.string()),
  image: z.nullish(z.string()),
  ipv4: z.nullish(z.array(z.string())),
  ipv6: z.nullish(z.string()),
  tags: z.nullish(z.array(z.string())),
  created: z.nullish(z.string()),
});
export type Linode = z.infer<typeof linodeSchema>;

/** A page of any collection: `{ data, page, pages, results }`. */
export function pageOf<Item extends z.ZodMiniType>(item: Item) {
  return z.object({
    data: z.array(item),
    page: z.number(),
    pages: z.number(),
    results: z.nullish(z.number()),
  });
}

export const linodePage = pageOf(linodeSchema);

// Rules are read whole: replacing them (`PUT .../rules`) sends them back.
const rule = z.object({
  action: z.string(),
  protocol: z.string(),
  ports: z.nullish(z.string()),
  addresses: z.nullish(
    z.object({ ipv4: z.nullish(z.array(z.string())), ipv6: z.nullish(z.array(z.string())) }),
  ),
});

export const firewallSchema = z.object({
  id: z.number(),
  label: z.string(),
  /** `enabled`, `disabled` (filters nothing) or `deleted`. */
  status: z.nullish(z.string()),
  tags: z.nullish(z.array(z.string())),
  /** `YYYY-MM-DDTHH:MM:SS` in UTC, when the firewall was made: the orphan scan leaves a young one alone. */
  created: z.nullish(z.string()),
  rules: z.nullish(
    z.object({
      inbound: z.nullish(z.array(rule)),
      inbound_policy: z.nullish(z.string()),
      outbound_policy: z.nullish(z.string()),
    }),
  ),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallPage = pageOf(firewallSchema);

export const typePage = pageOf(
  z.object({
    id: z.string(),
    vcpus: z.number(),
    memory: z.number(),
    disk: z.nullish(z.number()),
    gpus: z.nullish(z.number()),
    price: z.object({ monthly: z.number(), hourly: z.nullish(z.number()) }),
    region_prices: z.nullish(
      z.array(z.object({ id: z.string(), monthly: z.number(), hourly: z.nullish(z.number()) })),
    ),
  }),
);

export const regionPage = pageOf(
  z.object({
    id: z.string(),
    label: z.string(),
    status: z.nullish(z.string()),
    capabilities: z.nullish(z.array(z.string())),
  }),
);

export const eventPage = pageOf(
  z.object({
    id: z.number(),
    action: z.string(),
    status: z.string(),
    message: z.nullish(z.string()),
    entity: z.nullish(z.object({ id: z.nullish(z.number()), label: z.nullish(z.string()) })),
  }),
);

export const profileSchema = z.object({ username: z.string() });

/** Items per page of every listing: Linode's maximum. */
export const PAGE_SIZE = 500;
