import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://www.civo.com/api (and the field names of github.com/civo/civogo, its Go client)

export const instanceSchema = z.object({
  id: z.string(),
  hostname: z.string().nullish(),
  size: z.string().nullish(),
  region: z.string().nullish(),
  network_id: z.string().nullish(),
  firewall_id: z.string().nullish(),
  source_id: z.string().nullish(),
  public_ip: z.string().nullish(),
  ipv6: z.string().nullish(),
  status: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: z.string().nullish(),
});
export type Instance = z.infer<typeof instanceSchema>;

/** A page of instances: `{ page, per_page, pages, items }`. */
export const instancePage = z.object({
  page: z.number().nullish(),
  pages: z.number().nullish(),
  items: z.array(instanceSchema),
});

export const networkSchema = z.object({ id: z.string(), default: z.boolean().nullish() });
export const networkList = z.array(networkSchema);

export const diskImageSchema = z.object({
  id: z.string(),
  name: z.string(),
  distribution: z.string().nullish(),
  state: z.string().nullish(),
});
export const diskImageList = z.array(diskImageSchema);

export const firewallSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  instance_count: z.number().nullish(),
  network_id: z.string().nullish(),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallList = z.array(firewallSchema);
/** `POST /v2/firewalls` answers `{ result, id, name }`. */
export const firewallCreated = z.object({ id: z.string(), name: z.string().nullish() });

export const ruleSchema = z.object({
  id: z.string().nullish(),
  protocol: z.string(),
  start_port: z.string().nullish(),
  end_port: z.string().nullish(),
  cidr: z.array(z.string()).nullish(),
  direction: z.string().nullish(),
  action: z.string().nullish(),
});
export type FirewallRule = z.infer<typeof ruleSchema>;
export const ruleList = z.array(ruleSchema);

export const sizeSchema = z.object({
  name: z.string(),
  type: z.string().nullish(),
  cpu_cores: z.number().nullish(),
  ram_mb: z.number().nullish(),
  disk_gb: z.number().nullish(),
  selectable: z.boolean().nullish(),
});
export const sizeList = z.array(sizeSchema);

export const regionSchema = z.object({
  code: z.string(),
  name: z.string().nullish(),
  out_of_capacity: z.boolean().nullish(),
  features: z.object({ iaas: z.boolean().nullish() }).nullish(),
});
export const regionList = z.array(regionSchema);

export const quotaSchema = z.object({
  instance_count_limit: z.number().nullish(),
  instance_count_usage: z.number().nullish(),
  cpu_core_limit: z.number().nullish(),
});

/**
 * Per page of instances. The reference documents a default of 20 and no maximum; Civo's own Go
 * client asks for 99,999,999 to read everything at once. 1,000 keeps an answer bounded.
 */
export const PAGE_SIZE = 1000;
