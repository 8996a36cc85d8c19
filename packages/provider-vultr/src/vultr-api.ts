import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://www.vultr.com/api/

export const instanceSchema = z.object({
  id: z.string(),
  label: z.string().nullish(),
  region: z.string().nullish(),
  plan: z.string().nullish(),
  os_id: z.number().nullish(),
  main_ip: z.string().nullish(),
  v6_main_ip: z.string().nullish(),
  date_created: z.string().nullish(),
  status: z.string(),
  power_status: z.string().nullish(),
  server_status: z.string().nullish(),
  firewall_group_id: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
});
export type Instance = z.infer<typeof instanceSchema>;

/** Cursor pagination: `meta.links.next` is the cursor of the next page, empty on the last. */
const meta = z.object({ links: z.object({ next: z.string().nullish() }).nullish() }).nullish();

/** A page of a listing: its items under `key`, and `meta`. */
export function pageOf<Item extends z.ZodType>(key: string, item: Item) {
  return z.object({ [key]: z.array(item), meta }) as unknown as z.ZodType<
    {
      [key: string]: z.infer<Item>[];
    } & { meta?: { links?: { next?: string | null } | null } | null }
  >;
}

export const instanceEnvelope = z.object({ instance: instanceSchema });
export const instancePage = z.object({ instances: z.array(instanceSchema), meta });

export const groupSchema = z.object({
  id: z.string(),
  description: z.string().nullish(),
  instance_count: z.number().nullish(),
  rule_count: z.number().nullish(),
});
export type FirewallGroup = z.infer<typeof groupSchema>;
export const groupEnvelope = z.object({ firewall_group: groupSchema });

export const ruleSchema = z.object({
  id: z.number(),
  ip_type: z.string(),
  protocol: z.string(),
  port: z.string().nullish(),
  subnet: z.string().nullish(),
  subnet_size: z.number().nullish(),
  /** `'cloudflare'`: the rule admits Cloudflare's address space, whatever its subnet. */
  source: z.string().nullish(),
});
export type FirewallRule = z.infer<typeof ruleSchema>;

export const planSchema = z.object({
  id: z.string(),
  vcpu_count: z.number(),
  ram: z.number(),
  disk: z.number().nullish(),
  monthly_cost: z.number(),
  type: z.string().nullish(),
  locations: z.array(z.string()).nullish(),
});

export const regionSchema = z.object({
  id: z.string(),
  city: z.string().nullish(),
  country: z.string().nullish(),
});

export const accountEnvelope = z.object({ account: z.object({ name: z.string().nullish() }).passthrough() });

/** Per page for every listing: Vultr's maximum (500). */
export const PAGE_SIZE = 500;
