import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// From Equinix Metal's OpenAPI description (test-fixtures/metal-openapi.SOURCE.md).

export const ipAssignmentSchema = z.object({
  address: z.nullish(z.string()),
  address_family: z.nullish(z.number()),
  public: z.nullish(z.boolean()),
});

/** A provisioning event: its sentence, as written (`body`) and with names filled in (`interpolated`). */
export const eventSchema = z.object({ body: z.nullish(z.string()), interpolated: z.nullish(z.string()) });

export const deviceSchema = z.object({
  id: z.string(),
  hostname: z.nullish(z.string()),
  state: z.nullish(z.string()),
  tags: z.nullish(z.array(z.string())),
  created_at: z.nullish(z.string()),
  ip_addresses: z.nullish(z.array(ipAssignmentSchema)),
  metro: z.nullish(z.object({ code: z.nullish(z.string()) })),
  plan: z.nullish(z.object({ slug: z.nullish(z.string()) })),
  operating_system: z.nullish(z.object({ slug: z.nullish(z.string()) })),
  provisioning_events: z.nullish(z.array(eventSchema)),
});
export type Device = z.infer<typeof deviceSchema>;

/** A page of devices: `{ devices, meta: { ..., last_page } }` (the listing follows `last_page`). */
export const devicePage = z.object({
  devices: z.array(deviceSchema),
  meta: z.nullish(z.object({ last_page: z.nullish(z.number()) })),
});

/** `POST /capacity/metros` answers whether each server asked for can be had. */
export const capacityCheck = z.object({ servers: z.array(z.object({ available: z.nullish(z.boolean()) })) });

const hourlyPrice = z.nullish(z.object({ hour: z.nullish(z.number()) }));

export const planSchema = z.object({
  slug: z.string(),
  line: z.nullish(z.string()),
  deployment_types: z.nullish(z.array(z.string())),
  pricing: hourlyPrice,
  specs: z.nullish(
    z.object({
      cpus: z.nullish(z.array(z.object({ count: z.nullish(z.number()) }))),
      memory: z.nullish(z.object({ total: z.nullish(z.string()) })),
    }),
  ),
  available_in_metros: z.nullish(z.array(z.object({ href: z.nullish(z.string()), price: hourlyPrice }))),
});
export type MetalPlan = z.infer<typeof planSchema>;
export const planList = z.object({ plans: z.array(planSchema) });

export const metroList = z.object({
  metros: z.array(z.object({ id: z.nullish(z.string()), code: z.string(), name: z.nullish(z.string()) })),
});

/** The project's GET (the credentials check): only that it answers. */
export const projectSchema = z.object({ id: z.string() });

/**
 * The nested objects of a device that no host is made of (`metalHosts` reads the id, hostname,
 * state, tags, creation time, `ip_addresses`' address, family and `public`, `metro.code`,
 * `plan.slug` and `provisioning_events`), asked left out of listings with `exclude`: the API then
 * returns only their `href` ("Excluded objects will return only the href attribute"; paths dotted
 * up to 3 levels). The operating system is among them: only provision() reads it (its facts).
 * https://deploy.equinix.com/developers/api/metal/ (`exclude`)
 */
export const UNREAD_DEVICE_OBJECTS = [
  'operating_system',
  'facility',
  'project',
  'created_by',
  'hardware_reservation',
  'network_ports',
  'volumes',
  'ssh_keys',
  'storage',
  'customdata',
  'actions',
  'plan.specs',
  'plan.available_in',
  'plan.available_in_metros',
  'ip_addresses.parent_block',
  'ip_addresses.metro',
] as const;

/** Devices per page: the description's maximum for this listing is 1,000 (default 10). */
export const PAGE_SIZE = 1000;
