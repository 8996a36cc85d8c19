import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://docs.hetzner.cloud/reference/cloud

const address = z.nullish(z.object({ id: z.nullish(z.number()), ip: z.string() }));

export const serverSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  created: z.nullish(z.string()),
  labels: z.nullish(z.record(z.string(), z.string())),
  public_net: z.nullish(
    z.object({
      ipv4: address,
      ipv6: address,
      firewalls: z.nullish(z.array(z.object({ id: z.number() }))),
    }),
  ),
  location: z.nullish(z.object({ name: z.string() })),
  server_type: z.nullish(
    z.object({
      name: z.string(),
      prices: z.nullish(
        z.array(
          z.object({
            location: z.string(),
            price_monthly: z.object({ net: z.string() }),
            price_hourly: z.nullish(z.object({ net: z.string() })),
          }),
        ),
      ),
    }),
  ),
  image: z.nullish(z.object({ name: z.nullish(z.string()) })),
});
export type Server = z.infer<typeof serverSchema>;

const pagination = z.nullish(
  z.object({
    pagination: z.nullish(
      z.object({
        next_page: z.nullish(z.number()),
        last_page: z.nullish(z.number()),
        total_entries: z.nullish(z.number()),
      }),
    ),
  }),
);

/** `meta.pagination` of a listing. */
export type Paged = { meta?: z.infer<typeof pagination> };

const actionSchema = z.object({
  id: z.number(),
  command: z.string(),
  status: z.string(),
  error: z.nullish(z.object({ code: z.string(), message: z.string() })),
});

export const serverEnvelope = z.object({ server: serverSchema });
export const createServerAnswer = z.object({ server: serverSchema, action: z.nullish(actionSchema) });
export const serverPage = z.object({ servers: z.array(serverSchema), meta: pagination });
export const actionPage = z.object({ actions: z.array(actionSchema), meta: pagination });
export const actionEnvelope = z.object({ action: actionSchema });

const ruleSchema = z.object({
  direction: z.string(),
  protocol: z.string(),
  port: z.nullish(z.string()),
  source_ips: z.nullish(z.array(z.string())),
});

export const firewallSchema = z.object({
  id: z.number(),
  name: z.string(),
  labels: z.nullish(z.record(z.string(), z.string())),
  rules: z.nullish(z.array(ruleSchema)),
  applied_to: z.nullish(
    z.array(z.object({ type: z.string(), server: z.nullish(z.object({ id: z.number() })) })),
  ),
  /** ISO 8601, when the firewall was made: the orphan scan leaves a young one alone. */
  created: z.nullish(z.string()),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallEnvelope = z.object({ firewall: firewallSchema });
export const firewallPage = z.object({ firewalls: z.array(firewallSchema), meta: pagination });

const price = z.object({
  location: z.string(),
  price_monthly: z.object({ net: z.string() }),
  price_hourly: z.nullish(z.object({ net: z.string() })),
});

export const serverTypePage = z.object({
  server_types: z.array(
    z.object({
      name: z.string(),
      cores: z.number(),
      memory: z.number(),
      disk: z.nullish(z.number()),
      architecture: z.nullish(z.string()),
      deprecation: z.nullish(z.unknown()),
      prices: z.array(price),
    }),
  ),
  meta: pagination,
});

export const pricingEnvelope = z.object({
  pricing: z.object({
    currency: z.string(),
    primary_ips: z.nullish(z.array(z.object({ type: z.string(), prices: z.array(price) }))),
    server_types: z.array(z.object({ name: z.string(), prices: z.array(price) })),
  }),
});

export const locationPage = z.object({
  locations: z.array(
    z.object({ name: z.string(), city: z.nullish(z.string()), description: z.nullish(z.string()) }),
  ),
  meta: pagination,
});

/** Per page for every listing: Hetzner's maximum. */
export const PAGE_SIZE = 50;
