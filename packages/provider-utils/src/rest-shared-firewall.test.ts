import type { ResolvedHostSpec } from '@provision/core';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { SecondaryRef } from './host-deletion.js';
import type { RestProvisionerDefinition } from './rest-definition.js';
import {
  managedMachine,
  namedFirewall,
  removeFirewall,
  spec,
  tagCloudDefinition,
  tags,
} from './rest-definition.test-support.js';
import type { RestHostFirewall } from './rest-firewall.js';
import { createRestProvisioner } from './rest-provisioner.js';
import { ensureSecondaryResource } from './secondary-resources.js';
import { TagCloud, type TagFirewall, type TagMachine } from './tag-cloud.test-support.js';

// A firewall that targets the identity tag, made before any machine carries it: the machine does
// not name it, racers share it, and the kit finds it through `resolve`, `complete` and `behind`.
const firewallSchema = z.object({ id: z.string(), name: z.string(), tag: z.nullable(z.string()) });
const firewallList = z.object({ firewalls: z.array(firewallSchema) });

const guarded: ResolvedHostSpec = { ...spec, inbound: [{ protocol: 'tcp', from: 22, to: 22 }] };
const statusOf = (error: unknown) => (error as { status?: number }).status;
/** What this cloud's plugin keeps of a firewall it found: the reference, and the firewall read. */
type Found = SecondaryRef & { readonly firewall: TagFirewall };
const foundOf = (firewall: TagFirewall): Found => ({ kind: 'firewall', id: firewall.id, firewall });

let cloud: TagCloud;
let facts: (Found | undefined)[];
let released: Found[];
beforeEach(() => {
  cloud = new TagCloud();
  facts = [];
  released = [];
});

function definition(
  overrides: Partial<RestProvisionerDefinition<TagMachine, undefined, Found>> = {},
): RestProvisionerDefinition<TagMachine, undefined, Found> {
  const base = tagCloudDefinition(cloud);
  const { client } = base;
  const listFirewalls = async (options?: { signal?: AbortSignal }) =>
    (
      await client.request({
        method: 'GET',
        path: '/firewalls',
        operation: 'provision',
        schema: firewallList,
        signal: options?.signal,
      })
    ).data.firewalls;
  const guarding = (firewalls: readonly TagFirewall[], machine: TagMachine) =>
    firewalls.find((firewall) => typeof firewall.tag === 'string' && machine.tags.includes(firewall.tag));
  const ensure: RestHostFirewall<TagMachine, undefined, Found>['ensure'] = async (
    wanted,
    _prepared,
    options,
  ) => {
    const body = {
      name: `fw-${wanted.owner}-${wanted.name}`,
      tag: tags.identityTag(wanted.owner, wanted.name),
    };
    const { resource, created } = await ensureSecondaryResource({
      create: async () =>
        (
          await client.request({
            method: 'POST',
            path: '/firewalls',
            body,
            operation: 'provision',
            schema: firewallSchema,
            signal: options?.signal,
          })
        ).data,
      find: async () => (await listFirewalls(options)).find((firewall) => firewall.name === body.name),
      nameTaken: (error) => statusOf(error) === 409,
      signal: options?.signal,
    });
    return { ref: { kind: 'firewall', id: resource.id }, created };
  };
  const firewall: RestHostFirewall<TagMachine, undefined, Found> = {
    kind: 'firewall',
    sharedByIdentity: true,
    ensure,
    named: namedFirewall,
    of: () => undefined,
    remove: removeFirewall(client),
    async resolve(_machines, _operation, options) {
      const firewalls = await listFirewalls(options);
      return (machine) => {
        const found = guarding(firewalls, machine);
        return found === undefined ? undefined : foundOf(found);
      };
    },
    async complete(machine, wanted, options) {
      let found = guarding(await listFirewalls(options), machine);
      if (found === undefined && wanted.inbound !== undefined) {
        await ensure(wanted, undefined, options);
        found = guarding(await listFirewalls(options), machine);
      }
      return found === undefined ? undefined : foundOf(found);
    },
    behind: (host, ref) => ({ ...host, id: `${host.id.split('/')[0]}/${ref.id}`, firewalled: true }),
    async release(_found, ref) {
      released.push(ref);
    },
  };
  const { createRequest } = base;
  if (createRequest === undefined) throw new Error('the tag cloud definition has no createRequest');
  return {
    ...base,
    // The machine names no firewall: the firewall finds its machines by their identity tag.
    createRequest: (wanted, prepared) => createRequest(wanted, prepared, undefined),
    firewall,
    factsOf: (_machine, host, found) => {
      facts.push(found);
      return { region: host.region, plan: host.plan, tags: host.tags };
    },
    ...overrides,
  };
}

const firewallRequests = () => cloud.log.filter((line) => line.includes('/firewalls'));

describe('createRestProvisioner with a firewall shared by the identity', () => {
  it('answers the machine it made behind the firewall made for it, which the machine does not name', async () => {
    const host = await createRestProvisioner(definition()).provision(guarded);
    const [firewall] = cloud.firewalls.values();
    expect(firewall?.tag).toBe(tags.identityTag('team', 'web'));
    const [machine] = cloud.machines.values();
    expect(machine?.firewall_id).toBeNull();
    expect(host).toMatchObject({ id: `${machine?.id}/${firewall?.id}`, firewalled: true });
    expect(firewallRequests()).toEqual(['POST /firewalls']);
  });

  it('loses a race without removing the firewall, which guards the winner too, and completes the winner', async () => {
    let winner: TagMachine | undefined;
    cloud.afterCreate = () => {
      cloud.afterCreate = undefined;
      winner = managedMachine(cloud, 'team', 'web', { created_at: '2026-01-01T00:00:00.000Z' });
    };
    const host = await createRestProvisioner(definition()).provision(guarded);
    const [firewall] = cloud.firewalls.values();
    expect(host).toMatchObject({ id: `${winner?.id}/${firewall?.id}`, firewalled: true });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toHaveLength(1);
    expect(cloud.log.filter((line) => line.startsWith('DELETE /firewalls'))).toEqual([]);
    expect(cloud.firewalls.size).toBe(1);
  });

  it('completes a host it found: its firewall is read, given to factsOf, and made again when gone', async () => {
    const provisioner = createRestProvisioner(definition());
    const first = await provisioner.provision(guarded);
    cloud.log.length = 0;
    expect((await provisioner.provision(guarded)).id).toBe(first.id);
    expect(cloud.log).toEqual([
      `GET /machines?tag=${encodeURIComponent(tags.identityTag('team', 'web'))}`,
      'GET /firewalls',
    ]);
    expect(facts.map((found) => found?.firewall.name)).toEqual(['fw-team-web']);

    cloud.firewalls.clear();
    const repaired = await provisioner.provision(guarded);
    const [remade] = cloud.firewalls.values();
    expect(repaired).toMatchObject({ id: `${first.id.split('/')[0]}/${remade?.id}`, firewalled: true });
    expect(remade?.tag).toBe(tags.identityTag('team', 'web'));
    // Without inbound nothing is made for a host that has no firewall.
    cloud.firewalls.clear();
    cloud.log.length = 0;
    expect(await provisioner.provision(spec)).toMatchObject({ firewalled: false });
    expect(firewallRequests()).toEqual(['GET /firewalls']);
  });

  it('lists every host behind its firewall from one listing of the firewalls', async () => {
    const provisioner = createRestProvisioner(definition());
    const web = await provisioner.provision(guarded);
    const api = await provisioner.provision({ ...guarded, name: 'api' });
    const db = await provisioner.provision({ ...spec, name: 'db' });
    cloud.log.length = 0;
    const listed = await provisioner.list();
    expect(listed.map((host) => [host.id, host.firewalled]).sort()).toEqual(
      [
        [web.id, true],
        [api.id, true],
        [db.id, false],
      ].sort(),
    );
    expect(firewallRequests()).toEqual(['GET /firewalls']);
  });

  it('status answers the host behind the firewall its id names', async () => {
    const provisioner = createRestProvisioner(definition());
    const host = await provisioner.provision(guarded);
    expect(await provisioner.status(host.id)).toMatchObject({ id: host.id, firewalled: true });
    const [machineId] = host.id.split('/');
    expect(await provisioner.status(machineId as string)).toMatchObject({ id: machineId, firewalled: false });
  });

  it('deletes by address with the firewall resolve found, which release is given as found', async () => {
    const provisioner = createRestProvisioner(definition());
    const host = await provisioner.provision(guarded);
    const machine = cloud.machines.get(host.id.split('/')[0] ?? '');
    if (machine === undefined) throw new Error('the host has no machine');
    machine.ipv4 = '198.51.100.9';
    cloud.log.length = 0;
    expect(await provisioner.delete({ ip: '198.51.100.9' })).toMatchObject({ done: false, id: host.id });
    expect(released.map((found) => found.firewall.name)).toEqual(['fw-team-web']);
    expect(cloud.log).toEqual([
      `GET /machines?tag=${encodeURIComponent(tags.managedTag)}`,
      'GET /firewalls',
      `DELETE /machines/${machine.id}`,
    ]);
  });
});
