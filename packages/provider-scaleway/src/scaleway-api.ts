import { z } from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// Field names from the SDK's generated unmarshalling (packages_generated/instance/src/v1/marshalling.gen.ts).

const serverIp = z.object({
  id: z.string().nullish(),
  address: z.string().nullish(),
  family: z.string().nullish(),
  dynamic: z.boolean().nullish(),
});

export const serverSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  commercial_type: z.string().nullish(),
  creation_date: z.string().nullish(),
  state: z.string(),
  state_detail: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  zone: z.string().nullish(),
  image: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
  public_ip: serverIp.nullish(),
  public_ips: z.array(serverIp).nullish(),
  security_group: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  volumes: z.record(z.string(), z.object({ id: z.string(), volume_type: z.string().nullish() })).nullish(),
  allowed_actions: z.array(z.string()).nullish(),
});
export type Server = z.infer<typeof serverSchema>;
export const serverEnvelope = z.object({ server: serverSchema });
export const serverPage = z.object({ servers: z.array(serverSchema) });

export const groupSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  servers: z.array(z.object({ id: z.string() })).nullish(),
  inbound_default_policy: z.string().nullish(),
  zone: z.string().nullish(),
});
export type SecurityGroup = z.infer<typeof groupSchema>;
export const groupEnvelope = z.object({ security_group: groupSchema });
export const groupPage = z.object({ security_groups: z.array(groupSchema) });

export const ruleSchema = z.object({
  id: z.string().nullish(),
  protocol: z.string(),
  direction: z.string(),
  action: z.string(),
  ip_range: z.string(),
  dest_port_from: z.number().nullish(),
  dest_port_to: z.number().nullish(),
  editable: z.boolean().nullish(),
});
export type SecurityGroupRule = z.infer<typeof ruleSchema>;
export const rulePage = z.object({ rules: z.array(ruleSchema) });

export const productsPage = z.object({
  servers: z.record(
    z.string(),
    z.object({
      monthly_price: z.number().nullish(),
      hourly_price: z.number().nullish(),
      ncpus: z.number().nullish(),
      ram: z.number().nullish(),
      arch: z.string().nullish(),
      end_of_service: z.boolean().nullish(),
      volumes_constraint: z.object({ min_size: z.number().nullish() }).nullish(),
    }),
  ),
});

export const localImagePage = z.object({
  local_images: z.array(
    z.object({
      id: z.string(),
      compatible_commercial_types: z.array(z.string()).nullish(),
      arch: z.string().nullish(),
      zone: z.string().nullish(),
      label: z.string().nullish(),
    }),
  ),
});

/** Per page for every Instance API listing: its maximum (100). */
export const PAGE_SIZE = 100;
