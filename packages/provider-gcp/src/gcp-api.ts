import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://cloud.google.com/compute/docs/reference/rest/v1

/** An instance (`compute#instance`). */
export const instanceSchema = z.object({
  name: z.string(),
  zone: z.string().nullish(),
  status: z.string(),
  machineType: z.string().nullish(),
  creationTimestamp: z.string().nullish(),
  labels: z.record(z.string(), z.string()).nullish(),
  tags: z.object({ items: z.array(z.string()).nullish() }).nullish(),
  networkInterfaces: z
    .array(
      z.object({
        networkIP: z.string().nullish(),
        accessConfigs: z.array(z.object({ natIP: z.string().nullish() })).nullish(),
        ipv6AccessConfigs: z.array(z.object({ externalIpv6: z.string().nullish() })).nullish(),
      }),
    )
    .nullish(),
  disks: z
    .array(z.object({ boot: z.boolean().nullish(), licenses: z.array(z.string()).nullish() }))
    .nullish(),
});
export type Instance = z.infer<typeof instanceSchema>;

/** A zone or global `compute#operation`. */
export const operationSchema = z.object({
  name: z.string(),
  status: z.string(),
  operationType: z.string().nullish(),
  targetLink: z.string().nullish(),
  insertTime: z.string().nullish(),
  error: z
    .object({
      errors: z.array(z.object({ code: z.string().nullish(), message: z.string().nullish() })).nullish(),
    })
    .nullish(),
});
export type Operation = z.infer<typeof operationSchema>;

/** `compute#operationList`. */
export const operationListSchema = z.object({
  items: z.array(operationSchema).nullish(),
  nextPageToken: z.string().nullish(),
});

/** `compute#instanceAggregatedList`: instances by scope (`zones/us-central1-a`). */
export const instanceAggregatedListSchema = z.object({
  items: z.record(z.string(), z.object({ instances: z.array(instanceSchema).nullish() })).nullish(),
  nextPageToken: z.string().nullish(),
});

/** A firewall rule (`compute#firewall`). */
export const firewallSchema = z.object({
  name: z.string(),
  description: z.string().nullish(),
  direction: z.string().nullish(),
  sourceRanges: z.array(z.string()).nullish(),
  targetTags: z.array(z.string()).nullish(),
  allowed: z.array(z.object({ IPProtocol: z.string(), ports: z.array(z.string()).nullish() })).nullish(),
  denied: z.array(z.object({ IPProtocol: z.string(), ports: z.array(z.string()).nullish() })).nullish(),
  priority: z.number().nullish(),
});
export type Firewall = z.infer<typeof firewallSchema>;

/** `compute#firewallList`. */
export const firewallListSchema = z.object({
  items: z.array(firewallSchema).nullish(),
  nextPageToken: z.string().nullish(),
});

/** `compute#zoneList`. */
export const zoneListSchema = z.object({
  items: z
    .array(z.object({ name: z.string(), status: z.string().nullish(), description: z.string().nullish() }))
    .nullish(),
  nextPageToken: z.string().nullish(),
});

/** The most a list returns per page (`maxResults`, 0-500). */
export const MAX_RESULTS = 500;

/** `compute#region`, for its quotas. */
export const regionSchema = z.object({
  name: z.string(),
  quotas: z.array(z.object({ metric: z.string(), limit: z.number(), usage: z.number() })).nullish(),
});
