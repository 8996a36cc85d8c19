import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// From Equinix Metal's OpenAPI description (test-fixtures/metal-openapi.SOURCE.md).

export const ipAssignmentSchema = z.object({
  address: z.string().nullish(),
  address_family: z.number().nullish(),
  public: z.boolean().nullish(),
});

export const eventSchema = z.object({
  type: z.string().nullish(),
  body: z.string().nullish(),
  interpolated: z.string().nullish(),
  state: z.string().nullish(),
});

export const deviceSchema = z.object({
  id: z.string(),
  hostname: z.string().nullish(),
  state: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: z.string().nullish(),
  ip_addresses: z.array(ipAssignmentSchema).nullish(),
  metro: z.object({ code: z.string().nullish() }).nullish(),
  plan: z.object({ slug: z.string().nullish() }).nullish(),
  operating_system: z.object({ slug: z.string().nullish() }).nullish(),
  provisioning_events: z.array(eventSchema).nullish(),
});
export type Device = z.infer<typeof deviceSchema>;

const hrefSchema = z.object({ href: z.string() }).nullish();

/** A page of devices: `{ devices, meta: { next, last, current_page, last_page, total } }`. */
export const devicePage = z.object({
  devices: z.array(deviceSchema),
  meta: z
    .object({
      next: hrefSchema,
      last: hrefSchema,
      current_page: z.number().nullish(),
      last_page: z.number().nullish(),
    })
    .nullish(),
});

/** `POST /capacity/metros` answers whether each server asked for can be had. */
export const capacityCheck = z.object({
  servers: z.array(
    z.object({
      available: z.boolean().nullish(),
      metro: z.string().nullish(),
      plan: z.string().nullish(),
    }),
  ),
});

const hourlyPrice = z.object({ hour: z.number().nullish() }).nullish();

export const planSchema = z.object({
  slug: z.string(),
  name: z.string().nullish(),
  line: z.string().nullish(),
  deployment_types: z.array(z.string()).nullish(),
  pricing: hourlyPrice,
  specs: z
    .object({
      cpus: z.array(z.object({ count: z.number().nullish() })).nullish(),
      memory: z.object({ total: z.string().nullish() }).nullish(),
      drives: z.array(z.object({ count: z.number().nullish(), size: z.string().nullish() })).nullish(),
    })
    .nullish(),
  available_in_metros: z.array(z.object({ href: z.string().nullish(), price: hourlyPrice })).nullish(),
});
export type MetalPlan = z.infer<typeof planSchema>;
export const planList = z.object({ plans: z.array(planSchema) });

export const metroList = z.object({
  metros: z.array(z.object({ id: z.string().nullish(), code: z.string(), name: z.string().nullish() })),
});

export const operatingSystemList = z.object({
  operating_systems: z.array(
    z.object({ slug: z.string(), distro: z.string().nullish(), version: z.string().nullish() }),
  ),
});

export const projectSchema = z.object({ id: z.string(), name: z.string().nullish() });

/** Devices per page: the description's maximum for this listing is 1,000 (default 10). */
export const PAGE_SIZE = 1000;
