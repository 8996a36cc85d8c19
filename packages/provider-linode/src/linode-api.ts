import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://techdocs.akamai.com/linode-api/reference/api

export const linodeSchema = z.object({
  id: z.number(),
  label: z.string(),
  status: z.string(),
  region: z.string().nullish(),
  type: z.string().nullish(),
  image: z.string().nullish(),
  ipv4: z.array(z.string()).nullish(),
  ipv6: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  created: z.string().nullish(),
});
export type Linode = z.infer<typeof linodeSchema>;

/** A page of any collection: `{ data, page, pages, results }`. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    data: z.array(item),
    page: z.number(),
    pages: z.number(),
    results: z.number().nullish(),
  });
}

export const linodePage = pageOf(linodeSchema);

// Rules are read whole: replacing them (`PUT .../rules`) sends them back.
const rule = z.object({
  action: z.string(),
  protocol: z.string(),
  ports: z.string().nullish(),
  addresses: z.object({ ipv4: z.array(z.string()).nullish(), ipv6: z.array(z.string()).nullish() }).nullish(),
});

export const firewallSchema = z.object({
  id: z.number(),
  label: z.string(),
  /** `enabled`, `disabled` (filters nothing) or `deleted`. */
  status: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  rules: z
    .object({
      inbound: z.array(rule).nullish(),
      inbound_policy: z.string().nullish(),
      outbound_policy: z.string().nullish(),
    })
    .nullish(),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallPage = pageOf(firewallSchema);

export const typePage = pageOf(
  z.object({
    id: z.string(),
    vcpus: z.number(),
    memory: z.number(),
    disk: z.number().nullish(),
    gpus: z.number().nullish(),
    price: z.object({ monthly: z.number(), hourly: z.number().nullish() }),
    region_prices: z
      .array(z.object({ id: z.string(), monthly: z.number(), hourly: z.number().nullish() }))
      .nullish(),
  }),
);

export const regionPage = pageOf(
  z.object({
    id: z.string(),
    label: z.string(),
    status: z.string().nullish(),
    capabilities: z.array(z.string()).nullish(),
  }),
);

export const eventPage = pageOf(
  z.object({
    id: z.number(),
    action: z.string(),
    status: z.string(),
    message: z.string().nullish(),
    entity: z.object({ id: z.number().nullish(), label: z.string().nullish() }).nullish(),
  }),
);

export const profileSchema = z.object({ username: z.string() });

/** Items per page of every listing: Linode's maximum. */
export const PAGE_SIZE = 500;
