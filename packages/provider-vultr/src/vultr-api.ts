import { z } from 'zod';

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
const meta = z
  .object({
    total: z.number().nullish(),
    links: z.object({ next: z.string().nullish() }).nullish(),
  })
  .nullish();

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
export const groupPage = z.object({ firewall_groups: z.array(groupSchema), meta });

export const ruleSchema = z.object({
  id: z.number(),
  ip_type: z.string(),
  protocol: z.string(),
  port: z.string().nullish(),
  subnet: z.string().nullish(),
  subnet_size: z.number().nullish(),
});
export type FirewallRule = z.infer<typeof ruleSchema>;
export const rulePage = z.object({ firewall_rules: z.array(ruleSchema), meta });

export const planPage = z.object({
  plans: z.array(
    z.object({
      id: z.string(),
      vcpu_count: z.number(),
      ram: z.number(),
      disk: z.number().nullish(),
      monthly_cost: z.number(),
      type: z.string().nullish(),
      locations: z.array(z.string()).nullish(),
    }),
  ),
  meta,
});

export const regionPage = z.object({
  regions: z.array(z.object({ id: z.string(), city: z.string().nullish(), country: z.string().nullish() })),
  meta,
});

export const accountEnvelope = z.object({ account: z.object({ name: z.string().nullish() }).passthrough() });

/** Per page for every listing: Vultr's maximum (500). */
export const PAGE_SIZE = 500;
