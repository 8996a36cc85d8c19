import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://www.vultr.com/api/

export const instanceSchema = z.object({
  id: z.string(),
  label: z.nullish(z.string()),
  region: z.nullish(z.string()),
  plan: z.nullish(z.string()),
  os_id: z.nullish(z.number()),
  main_ip: z.nullish(z.string()),
  v6_main_ip: z.nullish(z.string()),
  date_created: z.nullish(z.string()),
  status: z.string(),
  power_status: z.nullish(z.string()),
  server_status: z.nullish(z.string()),
  firewall_group_id: z.nullish(z.string()),
  tags: z.nullish(z.array(z.string())),
});
export type Instance = z.infer<typeof instanceSchema>;

/** Cursor pagination: `meta.links.next` is the cursor of the next page, empty on the last. */
const meta = z.nullish(z.object({ links: z.nullish(z.object({ next: z.nullish(z.string()) })) }));

/** A page of a listing: its items under `key`, and `meta`. */
export function pageOf<Item extends z.ZodMiniType>(key: string, item: Item) {
  return z.object({ [key]: z.array(item), meta }) as unknown as z.ZodMiniType<
    {
      [key: string]: z.infer<Item>[];
    } & { meta?: { links?: { next?: string | null } | null } | null }
  >;
}

export const instanceEnvelope = z.object({ instance: instanceSchema });
/** An instance's own answer (`GET /v2/instances/{id}`, the create), as the instance it holds. */
export const instanceAnswer = z.pipe(
  instanceEnvelope,
  z.transform((answer) => answer.instance),
);
export const instancePage = z.object({ instances: z.array(instanceSchema), meta });

export const groupSchema = z.object({
  id: z.string(),
  description: z.nullish(z.string()),
  instance_count: z.nullish(z.number()),
  rule_count: z.nullish(z.number()),
  /** ISO 8601 with offset, when the group was made: the orphan scan leaves a young one alone. */
  date_created: z.nullish(z.string()),
});
export type FirewallGroup = z.infer<typeof groupSchema>;
export const groupEnvelope = z.object({ firewall_group: groupSchema });

export const ruleSchema = z.object({
  id: z.number(),
  ip_type: z.string(),
  protocol: z.string(),
  port: z.nullish(z.string()),
  subnet: z.nullish(z.string()),
  subnet_size: z.nullish(z.number()),
  /** `'cloudflare'`: the rule admits Cloudflare's address space, whatever its subnet. */
  source: z.nullish(z.string()),
});
export type FirewallRule = z.infer<typeof ruleSchema>;

export const planSchema = z.object({
  id: z.string(),
  vcpu_count: z.number(),
  ram: z.number(),
  disk: z.nullish(z.number()),
  monthly_cost: z.number(),
  type: z.nullish(z.string()),
  locations: z.nullish(z.array(z.string())),
});

export const regionSchema = z.object({
  id: z.string(),
  city: z.nullish(z.string()),
  country: z.nullish(z.string()),
});

export const accountEnvelope = z.object({ account: z.looseObject({ name: z.nullish(z.string()) }) });

/** Per page for every listing: Vultr's maximum (500). */
export const PAGE_SIZE = 500;
