import * as z from 'zod/mini';

// Minimal, tolerant schemas of the answers we read: only the fields used, unknown ones ignored.
// https://docs.openstack.org/api-ref/identity/v3/  https://docs.openstack.org/api-ref/compute/
// https://docs.openstack.org/api-ref/network/v2/  https://docs.openstack.org/api-ref/image/v2/

const endpointSchema = z.object({
  interface: z.string(),
  region: z.nullish(z.string()),
  region_id: z.nullish(z.string()),
  url: z.string(),
});

/** `POST /v3/auth/tokens`: the token itself is the `X-Subject-Token` header. */
export const tokenAnswer = z.object({
  token: z.object({
    expires_at: z.string(),
    project: z.nullish(z.object({ id: z.string(), name: z.nullish(z.string()) })),
    catalog: z.nullish(z.array(z.object({ type: z.string(), endpoints: z.array(endpointSchema) }))),
  }),
});
export type TokenBody = z.infer<typeof tokenAnswer>['token'];

const addressSchema = z.object({
  addr: z.string(),
  version: z.nullish(z.number()),
  'OS-EXT-IPS:type': z.nullish(z.string()),
});

export const serverSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  'OS-EXT-STS:task_state': z.nullish(z.string()),
  created: z.nullish(z.string()),
  metadata: z.nullish(z.record(z.string(), z.string())),
  addresses: z.nullish(z.record(z.string(), z.array(addressSchema))),
  // Microversion 2.47 and later: the flavor's fields, its name as `original_name`.
  flavor: z.nullish(z.object({ original_name: z.nullish(z.string()), id: z.nullish(z.string()) })),
  image: z.nullish(z.union([z.object({ id: z.string() }), z.string()])),
  fault: z.nullish(z.object({ message: z.nullish(z.string()), code: z.nullish(z.number()) })),
});
export type Server = z.infer<typeof serverSchema>;

const linkSchema = z.object({ rel: z.string(), href: z.string() });
export const serverEnvelope = z.object({ server: serverSchema });
export const serverPage = z.object({
  servers: z.array(serverSchema),
  servers_links: z.nullish(z.array(linkSchema)),
});
export const createServerAnswer = z.object({ server: z.object({ id: z.string() }) });

export const flavorSchema = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  ram: z.number(),
  disk: z.number(),
  'os-flavor-access:is_public': z.nullish(z.boolean()),
  'OS-FLV-DISABLED:disabled': z.nullish(z.boolean()),
});
export type Flavor = z.infer<typeof flavorSchema>;
export const flavorPage = z.object({ flavors: z.array(flavorSchema) });

export const limitsAnswer = z.object({
  limits: z.object({
    absolute: z.object({
      maxTotalInstances: z.nullish(z.number()),
      totalInstancesUsed: z.nullish(z.number()),
      maxTotalCores: z.nullish(z.number()),
    }),
  }),
});

export const imageSchema = z.object({
  id: z.string(),
  name: z.nullish(z.string()),
  status: z.nullish(z.string()),
  created_at: z.nullish(z.string()),
  os_distro: z.nullish(z.string()),
  os_version: z.nullish(z.string()),
  min_disk: z.nullish(z.number()),
  min_ram: z.nullish(z.number()),
});
export type Image = z.infer<typeof imageSchema>;
export const imagePage = z.object({ images: z.array(imageSchema), next: z.nullish(z.string()) });

export const networkSchema = z.object({
  id: z.string(),
  name: z.nullish(z.string()),
  status: z.nullish(z.string()),
  shared: z.nullish(z.boolean()),
  'router:external': z.nullish(z.boolean()),
  project_id: z.nullish(z.string()),
  subnets: z.nullish(z.array(z.string())),
});
export type Network = z.infer<typeof networkSchema>;
export const networkPage = z.object({ networks: z.array(networkSchema) });

export const portSchema = z.object({
  id: z.string(),
  name: z.nullish(z.string()),
  network_id: z.string(),
  device_id: z.nullish(z.string()),
  security_groups: z.nullish(z.array(z.string())),
  fixed_ips: z.nullish(z.array(z.object({ ip_address: z.string() }))),
  /** ISO 8601, when the port was made (Neutron's standard attributes): the orphan scan leaves a young one alone. */
  created_at: z.nullish(z.string()),
});
export type Port = z.infer<typeof portSchema>;
export const portEnvelope = z.object({ port: portSchema });
export const portPage = z.object({ ports: z.array(portSchema) });

export const floatingIpSchema = z.object({
  id: z.string(),
  floating_ip_address: z.string(),
  port_id: z.nullish(z.string()),
  description: z.nullish(z.string()),
  /** ISO 8601, when the address was made. */
  created_at: z.nullish(z.string()),
});
export type FloatingIp = z.infer<typeof floatingIpSchema>;
export const floatingIpEnvelope = z.object({ floatingip: floatingIpSchema });
export const floatingIpPage = z.object({ floatingips: z.array(floatingIpSchema) });

const ruleSchema = z.object({
  id: z.string(),
  direction: z.string(),
  ethertype: z.nullish(z.string()),
  protocol: z.nullish(z.string()),
  port_range_min: z.nullish(z.number()),
  port_range_max: z.nullish(z.number()),
  remote_ip_prefix: z.nullish(z.string()),
  remote_group_id: z.nullish(z.string()),
});
export type SecurityGroupRule = z.infer<typeof ruleSchema>;
export const securityGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullish(z.string()),
  security_group_rules: z.nullish(z.array(ruleSchema)),
  /** ISO 8601, when the group was made. */
  created_at: z.nullish(z.string()),
});
export type SecurityGroup = z.infer<typeof securityGroupSchema>;
export const securityGroupEnvelope = z.object({ security_group: securityGroupSchema });
export const securityGroupPage = z.object({ security_groups: z.array(securityGroupSchema) });
export const rulesAnswer = z.object({ security_group_rules: z.array(ruleSchema) });

export const regionPage = z.object({
  regions: z.array(z.object({ id: z.string(), description: z.nullish(z.string()) })),
});

/** Servers per page: Nova's default `max_limit` (1000). */
export const PAGE_SIZE = 1000;

/** The compute microversion every request asks for: 2.47 embeds the flavor (by name) in the server. */
export const COMPUTE_MICROVERSION = '2.47';
