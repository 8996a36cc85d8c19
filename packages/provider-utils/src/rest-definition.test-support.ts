import { type CallOptions, type Operation, type ResolvedHostSpec, silentLogger } from '@provision/core';
import * as z from 'zod/mini';
import { deleteResource } from './delete-resource.js';
import { createFlatTagCodec } from './flat-tag-codec.js';
import type { SecondaryRef } from './host-deletion.js';
import type { HttpClient } from './http-client-options.js';
import { createMachineHosts } from './machine-hosts.js';
import { createManagedFlatTags } from './managed-flat-tags.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRestConnection } from './rest-connection.js';
import type { RestProvisionerDefinition } from './rest-definition.js';
import type { TagCloud, TagMachine } from './tag-cloud.test-support.js';

// The REST kit's tests: what a plugin for the tag cloud would write.

export const machineSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  state: z.string(),
  tags: z.array(z.string()),
  region: z.string(),
  plan: z.string(),
  ipv4: z.nullable(z.string()),
  created_at: z.string(),
  firewall_id: z.nullable(z.string()),
});
const machineList = z.object({ machines: z.array(machineSchema) });

export const tags = createManagedFlatTags(
  createFlatTagCodec({ separator: ':', allowed: /[A-Za-z0-9_:.=-]/, maxLength: 255 }),
);
export const hosts = createMachineHosts<TagMachine>({
  provider: 'tagcloud',
  statuses: { starting: 'provisioning', running: 'active', stopping: 'stopping', deleting: 'deleting' },
  catalog: {
    plans: [{ id: 'small', price: { monthly: 5, hourly: 0.007, currency: 'USD', source: 'catalog' } }],
  },
  readTags: (machine) => tags.read(machine.tags),
  partsOf: (machine) => ({
    // `<machine id>` or, behind its own firewall, `<machine id>/<firewall id>`.
    id: machine.firewall_id === null ? machine.id : `${machine.id}/${machine.firewall_id}`,
    fallbackName: machine.hostname,
    nativeStatus: machine.state,
    publicIpv4: machine.ipv4 ?? undefined,
    region: machine.region,
    plan: machine.plan,
    createdAt: machine.created_at,
    firewalled: machine.firewall_id !== null,
  }),
});

export const spec: ResolvedHostSpec = {
  name: 'web',
  owner: 'team',
  region: 'east',
  plan: 'small',
  os: 'ubuntu-24.04',
  image: 'ubuntu-24-04',
  userData: '#cloud-config\n',
  tags: { env: 'prod' },
  inbound: undefined,
  ttlMs: undefined,
  options: {},
};

/** The definition a tag cloud's plugin would write, each piece one request. */
export function tagCloudDefinition(
  cloud: TagCloud,
  overrides: Partial<RestProvisionerDefinition<TagMachine, undefined>> = {},
): RestProvisionerDefinition<TagMachine, undefined> {
  const client = createRestConnection({
    provider: 'tagcloud',
    version: '1.0.0',
    settings: { fetch: cloud.fetch, retry: { maxRetries: 0 } },
    context: { env: {}, logger: silentLogger },
    endpointEnv: 'TAGCLOUD_URL',
    defaultEndpoint: 'https://api.tagcloud.test',
    credential: () => 'token',
    rateLimiter: createRateLimiter(),
  });
  return {
    context: {
      manifest: { id: 'tagcloud', catalog: { images: { 'ubuntu-24.04': 'ubuntu-24-04' } } },
      logger: silentLogger,
    },
    machineKind: 'machine',
    tags,
    hosts,
    client,
    decodeId: (id) => id.split('/')[0] ?? id,
    machineIdOf: (machine) => machine.id,
    createdAtOf: (machine) => machine.created_at,
    machinePath: (id) => `/machines/${id}`,
    list: async ({ tag, region }, operation, options) =>
      (
        await client.request({
          method: 'GET',
          path: '/machines',
          query: { tag, ...(region === undefined ? {} : { region }) },
          operation,
          schema: machineList,
          signal: options?.signal,
        })
      ).data.machines,
    isDeleting: (machine) => machine.state === 'deleting',
    machineSchema,
    createRequest: (wanted, _prepared, firewall) => ({
      path: '/machines',
      body: {
        hostname: wanted.name,
        region: wanted.region,
        plan: wanted.plan,
        tags: tags.encode(wanted),
        user_data: wanted.userData,
        ...(firewall === undefined ? {} : { firewall_id: firewall.id }),
      },
    }),
    factsOf: (_machine, host) => ({ region: host.region, plan: host.plan, tags: host.tags }),
    power: (id, operation) => ({
      path: `/machines/${id}/actions`,
      body: { type: operation === 'stop' ? 'off' : 'on' },
    }),
    ...overrides,
  };
}

/** A machine carrying the managed tags of `(owner, name)`, as provision made it. */
export function managedMachine(
  cloud: TagCloud,
  owner: string,
  name: string,
  fields: Partial<TagMachine> = {},
): TagMachine {
  return cloud.add({
    hostname: name,
    tags: tags.encode({ name, owner, ttlMs: undefined, tags: { env: 'prod' } }),
    ...fields,
  });
}

/** The firewall a tag cloud host id names: `<machine id>/<firewall id>`. */
export function namedFirewall(id: string): SecondaryRef | undefined {
  const firewallId = id.split('/')[1];
  return firewallId === undefined ? undefined : { kind: 'firewall', id: firewallId };
}

/** One removal attempt of a tag cloud firewall: absent on 404, in use on 409. */
export function removeFirewall(client: Pick<HttpClient, 'request'>) {
  return (ref: SecondaryRef, operation: Operation, options?: CallOptions) =>
    deleteResource(client, {
      path: `/firewalls/${ref.id}`,
      operation,
      inUse: (error) => (error as { status?: number }).status === 409,
      signal: options?.signal,
    });
}
