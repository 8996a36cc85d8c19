import * as z from 'zod';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://docs.openstack.org/api-ref/identity/v3/  https://docs.openstack.org/api-ref/compute/
// https://docs.openstack.org/api-ref/network/v2/  https://docs.openstack.org/api-ref/image/v2/

const endpointSchema = z.object({
  interface: z.string(),
  region: z.string().nullish(),
  region_id: z.string().nullish(),
  url: z.string(),
});

/** `POST /v3/auth/tokens`: the token itself is the `X-Subject-Token` header. */
export const tokenAnswer = z.object({
  token: z.object({
    expires_at: z.string(),
    project: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
    catalog: z.array(z.object({ type: z.string(), endpoints: z.array(endpointSchema) })).nullish(),
  }),
});
export type TokenBody = z.infer<typeof tokenAnswer>['token'];

const addressSchema = z.object({
  addr: z.string(),
  version: z.number().nullish(),
  'OS-EXT-IPS:type': z.string().nullish(),
});

export const serverSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  'OS-EXT-STS:task_state': z.string().nullish(),
  created: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  addresses: z.record(z.string(), z.array(addressSchema)).nullish(),
  // Microversion 2.47 and later: the flavor's fields, its name as `original_name`.
  flavor: z.object({ original_name: z.string().nullish(), id: z.string().nullish() }).nullish(),
  image: z.union([z.object({ id: z.string() }), z.string()]).nullish(),
  fault: z.object({ message: z.string().nullish(), code: z.number().nullish() }).nullish(),
});
export type Server = z.infer<typeof serverSchema>;

const linkSchema = z.object({ rel: z.string(), href: z.string() });
export const serverEnvelope = z.object({ server: serverSchema });
export const serverPage = z.object({
  servers: z.array(serverSchema),
  servers_links: z.array(linkSchema).nullish(),
});
export const createServerAnswer = z.object({ server: z.object({ id: z.string() }) });

export const flavorSchema = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
  'os-flavor-access:is_public': z.boolean().nullish(),
  'OS-FLV-DISABLED:disabled': z.boolean().nullish(),
});
export type Flavor = z.infer<typeof flavorSchema>;
export const flavorPage = z.object({ flavors: z.array(flavorSchema) });

export const limitsAnswer = z.object({
  limits: z.object({
    absolute: z.object({
      maxTotalInstances: z.number().nullish(),
      totalInstancesUsed: z.number().nullish(),
      maxTotalCores: z.number().nullish(),
    }),
  }),
});

export const imageSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string().nullish(),
  created_at: z.string().nullish(),
  os_distro: z.string().nullish(),
  os_version: z.string().nullish(),
  min_disk: z.number().nullish(),
  min_ram: z.number().nullish(),
});
export type Image = z.infer<typeof imageSchema>;
export const imagePage = z.object({ images: z.array(imageSchema), next: z.string().nullish() });

export const networkSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  status: z.string().nullish(),
  shared: z.boolean().nullish(),
  'router:external': z.boolean().nullish(),
  project_id: z.string().nullish(),
  subnets: z.array(z.string()).nullish(),
});
export type Network = z.infer<typeof networkSchema>;
export const networkPage = z.object({ networks: z.array(networkSchema) });

export const portSchema = z.object({
  id: z.string(),
  name: z.string().nullish(),
  network_id: z.string(),
  device_id: z.string().nullish(),
  security_groups: z.array(z.string()).nullish(),
  fixed_ips: z.array(z.object({ ip_address: z.string() })).nullish(),
});
export type Port = z.infer<typeof portSchema>;
export const portEnvelope = z.object({ port: portSchema });
export const portPage = z.object({ ports: z.array(portSchema) });

export const floatingIpSchema = z.object({
  id: z.string(),
  floating_ip_address: z.string(),
  port_id: z.string().nullish(),
  description: z.string().nullish(),
});
export type FloatingIp = z.infer<typeof floatingIpSchema>;
export const floatingIpEnvelope = z.object({ floatingip: floatingIpSchema });
export const floatingIpPage = z.object({ floatingips: z.array(floatingIpSchema) });

const ruleSchema = z.object({
  id: z.string(),
  direction: z.string(),
  ethertype: z.string().nullish(),
  protocol: z.string().nullish(),
  port_range_min: z.number().nullish(),
  port_range_max: z.number().nullish(),
  remote_ip_prefix: z.string().nullish(),
  remote_group_id: z.string().nullish(),
});
export type SecurityGroupRule = z.infer<typeof ruleSchema>;
export const securityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  security_group_rules: z.array(ruleSchema).nullish(),
});
export type SecurityGroup = z.infer<typeof securityGroupSchema>;
export const securityGroupEnvelope = z.object({ security_group: securityGroupSchema });
export const securityGroupPage = z.object({ security_groups: z.array(securityGroupSchema) });
export const rulesAnswer = z.object({ security_group_rules: z.array(ruleSchema) });

export const regionPage = z.object({
  regions: z.array(z.object({ id: z.string(), description: z.string().nullish() })),
});

/** Servers per page: Nova's default `max_limit` (1000). */
export const PAGE_SIZE = 1000;

/** The compute microversion every request asks for: 2.47 embeds the flavor (by name) in the server. */
export const COMPUTE_MICROVERSION = '2.47';
