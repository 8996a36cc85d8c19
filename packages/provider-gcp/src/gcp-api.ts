import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://cloud.google.com/compute/docs/reference/rest/v1

/** An instance (`compute#instance`). */
export const instanceSchema = z.object({
  name: z.string(),
  zone: z.nullish(z.string()),
  status: z.string(),
  machineType: z.nullish(z.string()),
  creationTimestamp: z.nullish(z.string()),
  labels: z.nullish(z.record(z.string(), z.string())),
  tags: z.nullish(z.object({ items: z.nullish(z.array(z.string())) })),
  networkInterfaces: z.nullish(
    z.array(
      z.object({
        networkIP: z.nullish(z.string()),
        accessConfigs: z.nullish(z.array(z.object({ natIP: z.nullish(z.string()) }))),
        ipv6AccessConfigs: z.nullish(z.array(z.object({ externalIpv6: z.nullish(z.string()) }))),
      }),
    ),
  ),
  disks: z.nullish(
    z.array(z.object({ boot: z.nullish(z.boolean()), licenses: z.nullish(z.array(z.string())) })),
  ),
});
export type Instance = z.infer<typeof instanceSchema>;

/** A zone or global `compute#operation`. */
export const operationSchema = z.object({
  name: z.string(),
  status: z.string(),
  operationType: z.nullish(z.string()),
  targetLink: z.nullish(z.string()),
  insertTime: z.nullish(z.string()),
  error: z.nullish(
    z.object({
      errors: z.nullish(z.array(z.object({ code: z.nullish(z.string()), message: z.nullish(z.string()) }))),
    }),
  ),
});
export type Operation = z.infer<typeof operationSchema>;

/** `compute#operationList`. */
export const operationListSchema = z.object({
  items: z.nullish(z.array(operationSchema)),
  nextPageToken: z.nullish(z.string()),
});

/** `compute#instanceAggregatedList`: instances by scope (`zones/us-central1-a`). */
export const instanceAggregatedListSchema = z.object({
  items: z.nullish(z.record(z.string(), z.object({ instances: z.nullish(z.array(instanceSchema)) }))),
  nextPageToken: z.nullish(z.string()),
});

/** A firewall rule (`compute#firewall`). */
export const firewallSchema = z.object({
  name: z.string(),
  description: z.nullish(z.string()),
  direction: z.nullish(z.string()),
  sourceRanges: z.nullish(z.array(z.string())),
  targetTags: z.nullish(z.array(z.string())),
  allowed: z.nullish(z.array(z.object({ IPProtocol: z.string(), ports: z.nullish(z.array(z.string())) }))),
  denied: z.nullish(z.array(z.object({ IPProtocol: z.string(), ports: z.nullish(z.array(z.string())) }))),
  priority: z.nullish(z.number()),
  /** RFC 3339, when the rule was made: the orphan scan leaves a young one alone. */
  creationTimestamp: z.nullish(z.string()),
});
export type Firewall = z.infer<typeof firewallSchema>;

/** `compute#firewallList`. */
export const firewallListSchema = z.object({
  items: z.nullish(z.array(firewallSchema)),
  nextPageToken: z.nullish(z.string()),
});

/** `compute#zoneList`. */
export const zoneListSchema = z.object({
  items: z.nullish(
    z.array(
      z.object({ name: z.string(), status: z.nullish(z.string()), description: z.nullish(z.string()) }),
    ),
  ),
  nextPageToken: z.nullish(z.string()),
});

/** The most a list returns per page (`maxResults`, 0-500). */
export const MAX_RESULTS = 500;

/** `compute#region`, for its quotas. */
export const regionSchema = z.object({
  name: z.string(),
  quotas: z.nullish(z.array(z.object({ metric: z.string(), limit: z.number(), usage: z.number() }))),
});
