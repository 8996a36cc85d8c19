import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://docs.hetzner.cloud/reference/cloud

const address = z.object({ id: z.number().nullish(), ip: z.string() }).nullish();

export const serverSchema = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  created: z.string().nullish(),
  labels: z.record(z.string(), z.string()).nullish(),
  public_net: z
    .object({
      ipv4: address,
      ipv6: address,
      firewalls: z.array(z.object({ id: z.number() })).nullish(),
    })
    .nullish(),
  location: z.object({ name: z.string() }).nullish(),
  server_type: z
    .object({
      name: z.string(),
      prices: z
        .array(
          z.object({
            location: z.string(),
            price_monthly: z.object({ net: z.string() }),
            price_hourly: z.object({ net: z.string() }).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
  image: z.object({ name: z.string().nullish() }).nullish(),
});
export type Server = z.infer<typeof serverSchema>;

const pagination = z
  .object({
    pagination: z
      .object({
        next_page: z.number().nullish(),
        last_page: z.number().nullish(),
        total_entries: z.number().nullish(),
      })
      .nullish(),
  })
  .nullish();

/** `meta.pagination` of a listing. */
export type Paged = { meta?: z.infer<typeof pagination> };

const actionSchema = z.object({
  id: z.number(),
  command: z.string(),
  status: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullish(),
});

export const serverEnvelope = z.object({ server: serverSchema });
export const createServerAnswer = z.object({ server: serverSchema, action: actionSchema.nullish() });
export const serverPage = z.object({ servers: z.array(serverSchema), meta: pagination });
export const actionPage = z.object({ actions: z.array(actionSchema), meta: pagination });
export const actionEnvelope = z.object({ action: actionSchema });

const ruleSchema = z.object({
  direction: z.string(),
  protocol: z.string(),
  port: z.string().nullish(),
  source_ips: z.array(z.string()).nullish(),
});

export const firewallSchema = z.object({
  id: z.number(),
  name: z.string(),
  labels: z.record(z.string(), z.string()).nullish(),
  rules: z.array(ruleSchema).nullish(),
  applied_to: z
    .array(z.object({ type: z.string(), server: z.object({ id: z.number() }).nullish() }))
    .nullish(),
});
export type Firewall = z.infer<typeof firewallSchema>;
export const firewallEnvelope = z.object({ firewall: firewallSchema });
export const firewallPage = z.object({ firewalls: z.array(firewallSchema), meta: pagination });

const price = z.object({
  location: z.string(),
  price_monthly: z.object({ net: z.string() }),
  price_hourly: z.object({ net: z.string() }).nullish(),
});

export const serverTypePage = z.object({
  server_types: z.array(
    z.object({
      name: z.string(),
      cores: z.number(),
      memory: z.number(),
      disk: z.number().nullish(),
      architecture: z.string().nullish(),
      deprecation: z.unknown().nullish(),
      prices: z.array(price),
    }),
  ),
  meta: pagination,
});

export const pricingEnvelope = z.object({
  pricing: z.object({
    currency: z.string(),
    primary_ips: z.array(z.object({ type: z.string(), prices: z.array(price) })).nullish(),
    server_types: z.array(z.object({ name: z.string(), prices: z.array(price) })),
  }),
});

export const locationPage = z.object({
  locations: z.array(
    z.object({ name: z.string(), city: z.string().nullish(), description: z.string().nullish() }),
  ),
  meta: pagination,
});

/** Per page for every listing: Hetzner's maximum. */
export const PAGE_SIZE = 50;
