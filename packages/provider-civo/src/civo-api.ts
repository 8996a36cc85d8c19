import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://www.civo.com/api (and the field names of github.com/civo/civogo, its Go client)

export const instanceSchema = z.object({
  id: z.string(),
  hostname: z.nullish(z.string()),
  size: z.nullish(z.string()),
  region: z.nullish(z.string()),
  network_id: z.nullish(z.string()),
  firewall_id: z.nullish(z.string()),
  source_id: z.nullish(z.string()),
  public_ip: z.nullish(z.string()),
  ipv6: z.nullish(z.string()),
  status: z.nullish(z.string()),
  tags: z.nullish(z.array(z.string())),
  created_at: z.nullish(z.string()),
});
export type Instance = z.infer<typeof instanceSchema>;

/** An instance and the region it was read in (every Civo call names the region). */
export interface Placed {
  readonly instance: Instance;
  readonly region: string;
}

/** A page of instances: `{ page, per_page, pages, items }`. */
export const instancePage = z.object({
  page: z.nullish(z.number()),
  pages: z.nullish(z.number()),
  items: z.array(instanceSchema),
});

export const networkSchema = z.object({ id: z.string(), default: z.nullish(z.boolean()) });
export const networkList = z.array(networkSchema);

export const diskImageSchema = z.object({
  id: z.string(),
  name: z.string(),
  distribution: z.nullish(z.string()),
  state: z.nullish(z.string()),
});
export const diskImageList = z.array(diskImageSchema);

export const firewallSchema = z.object({
  id: z.string(),
  name: z.nullish(z.string()),
  instance_count: z.nullish(z.number()),
  network_id: z.nullish(z.string()),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallList = z.array(firewallSchema);
/** `POST /v2/firewalls` answers `{ result, id, name }`. */
export const firewallCreated = z.object({ id: z.string(), name: z.nullish(z.string()) });

export const ruleSchema = z.object({
  id: z.nullish(z.string()),
  protocol: z.string(),
  start_port: z.nullish(z.string()),
  end_port: z.nullish(z.string()),
  cidr: z.nullish(z.array(z.string())),
  direction: z.nullish(z.string()),
  action: z.nullish(z.string()),
});
export type FirewallRule = z.infer<typeof ruleSchema>;
export const ruleList = z.array(ruleSchema);

export const sizeSchema = z.object({
  name: z.string(),
  type: z.nullish(z.string()),
  cpu_cores: z.nullish(z.number()),
  ram_mb: z.nullish(z.number()),
  disk_gb: z.nullish(z.number()),
  selectable: z.nullish(z.boolean()),
});
export const sizeList = z.array(sizeSchema);

export const regionSchema = z.object({
  code: z.string(),
  name: z.nullish(z.string()),
  out_of_capacity: z.nullish(z.boolean()),
  features: z.nullish(z.object({ iaas: z.nullish(z.boolean()) })),
});
export const regionList = z.array(regionSchema);

export const quotaSchema = z.object({
  instance_count_limit: z.nullish(z.number()),
  instance_count_usage: z.nullish(z.number()),
  cpu_core_limit: z.nullish(z.number()),
});

/**
 * Per page of instances. The reference documents a default of 20 and no maximum; Civo's own Go
 * client asks for 99,999,999 to read everything at once. 1,000 keeps an answer bounded.
 */
export const PAGE_SIZE = 1000;
