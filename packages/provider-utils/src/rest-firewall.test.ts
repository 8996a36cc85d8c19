import { ProvisionError, type ResolvedHostSpec } from '@provision/core';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { RestProvisionerDefinition } from './rest-definition.js';
import {
  managedMachine,
  namedFirewall,
  removeFirewall,
  spec,
  tagCloudDefinition,
} from './rest-definition.test-support.js';
import { dropMadeFirewall, type RestHostFirewall } from './rest-firewall.js';
import { createRestProvisioner } from './rest-provisioner.js';
import { ensureSecondaryResource } from './secondary-resources.js';
import { TagCloud, type TagMachine } from './tag-cloud.test-support.js';

const firewallSchema = z.object({ id: z.string(), name: z.string() });
const firewallList = z.object({ firewalls: z.array(firewallSchema) });

const guarded: ResolvedHostSpec = { ...spec, inbound: [{ protocol: 'tcp', from: 22, to: 22 }] };
const firewallName = (owner: string, name: string, ip?: string) =>
  `fw-${owner}-${name}${ip === undefined ? '' : `-released-${ip}`}`;
const statusOf = (error: unknown) => (error as { status?: number }).status;

let cloud: TagCloud;
beforeEach(() => {
  cloud = new TagCloud();
});

/** The tag cloud's definition with its per-host firewall, each piece one request. */
function definition(
  overrides: Partial<RestProvisionerDefinition<TagMachine, undefined>> = {},
): RestProvisionerDefinition<TagMachine, undefined> {
  const base = tagCloudDefinition(cloud);
  const { client } = base;
  const listFirewalls = async (query: Record<string, string>, options?: { signal?: AbortSignal }) =>
    (
      await client.request({
        method: 'GET',
        path: '/firewalls',
        query,
        operation: 'provision',
        schema: firewallList,
        signal: options?.signal,
      })
    ).data.firewalls;
  const firewall: RestHostFirewall<TagMachine, undefined> = {
    kind: 'firewall',
    async ensure(wanted, _prepared, options) {
      const name = firewallName(wanted.owner, wanted.name);
      const { resource, created } = await ensureSecondaryResource({
        create: async () =>
          (
            await client.request({
              method: 'POST',
              path: '/firewalls',
              body: { name },
              operation: 'provision',
              schema: firewallSchema,
              signal: options?.signal,
            })
          ).data,
        find: async () => (await listFirewalls({ name }, options))[0],
        nameTaken: (error) => statusOf(error) === 409,
        signal: options?.signal,
      });
      return { ref: { kind: 'firewall', id: resource.id }, created };
    },
    named: namedFirewall,
    of: (machine) =>
      machine.firewall_id === null ? undefined : { kind: 'firewall', id: machine.firewall_id },
    remove: removeFirewall(client),
    async release(found, ref, ip, options) {
      const host = base.hosts.toHost(found.machine);
      await client.request({
        method: 'PUT',
        path: `/firewalls/${ref.id}`,
        body: { name: firewallName(host.owner, host.name, ip) },
        operation: 'delete',
        signal: options?.signal,
      });
    },
    releasedFor: async (ip, options) =>
      (await listFirewalls({}, options))
        .filter((candidate) => candidate.name.endsWith(`-released-${ip}`))
        .map((candidate) => ({ kind: 'firewall', id: candidate.id })),
  };
  return { ...base, firewall, ...overrides };
}

const posts = () => cloud.log.filter((line) => line.startsWith('POST'));

describe('createRestProvisioner with a firewall: provision', () => {
  it('makes the firewall before the machine, creates the machine behind it, and adopts both on a repeat', async () => {
    const provisioner = createRestProvisioner(definition());
    const host = await provisioner.provision(guarded);
    expect(posts()).toEqual(['POST /firewalls', 'POST /machines']);
    const [firewall] = cloud.firewalls.values();
    expect(firewall?.name).toBe('fw-team-web');
    expect(cloud.bodies[1]).toMatchObject({ firewall_id: firewall?.id });
    expect(host).toMatchObject({ firewalled: true });
    expect(host.id).toMatch(new RegExp(`/${firewall?.id}$`));

    cloud.log.length = 0;
    expect((await provisioner.provision(guarded)).id).toBe(host.id);
    expect(posts()).toEqual([]);
    expect(cloud.firewalls.size).toBe(1);
  });

  it('sends no firewall request without inbound', async () => {
    const host = await createRestProvisioner(definition()).provision(spec);
    expect(cloud.log.filter((line) => line.includes('/firewalls'))).toEqual([]);
    expect(host.firewalled).toBe(false);
  });

  it('adopts the firewall an earlier attempt left, and keeps it when the create is refused', async () => {
    cloud.firewalls.set('fw-left', { id: 'fw-left', name: 'fw-team-web' });
    cloud.refuseCreates = true;
    const error = await createRestProvisioner(definition())
      .provision(guarded)
      .catch((caught: unknown) => caught);
    expect(ProvisionError.isInstance(error)).toBe(true);
    expect(cloud.bodies.at(-1)).toMatchObject({ firewall_id: 'fw-left' });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([]);
    expect(cloud.firewalls.has('fw-left')).toBe(true);
  });

  it('removes the firewall it made when the cloud refuses the machine, and discards what was prepared', async () => {
    cloud.refuseCreates = true;
    const discarded: unknown[] = [];
    const error = await createRestProvisioner(
      definition({
        prepare: () => async () => undefined,
        discard: async (_prepared, cause) => {
          discarded.push(cause);
        },
      }),
    )
      .provision(guarded)
      .catch((caught: unknown) => caught);
    expect(ProvisionError.isInstance(error)).toBe(true);
    expect(discarded).toEqual([error]);
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual(['DELETE /firewalls/fw-1']);
    expect(cloud.firewalls.size).toBe(0);
  });

  it('sends no create when the firewall is refused', async () => {
    cloud.refuseFirewalls = true;
    const error = await createRestProvisioner(definition())
      .provision(guarded)
      .catch((caught: unknown) => caught);
    expect(ProvisionError.isInstance(error)).toBe(true);
    expect(posts()).toEqual(['POST /firewalls']);
    expect(cloud.machines.size).toBe(0);
  });

  it('keeps the firewall after an unknown outcome, and a repeat completes the host behind it', async () => {
    cloud.unavailableCreates = true;
    const provisioner = createRestProvisioner(definition());
    const error = await provisioner.provision(guarded).catch((caught: unknown) => caught);
    expect(ProvisionError.isInstance(error) && error.retryable).toBe(true);
    expect(cloud.firewalls.has('fw-1')).toBe(true);

    cloud.unavailableCreates = false;
    const host = await provisioner.provision(guarded);
    expect(host.id).toMatch(/\/fw-1$/);
    expect(cloud.firewalls.size).toBe(1);
  });

  it('loses a race: destroys its machine, and its firewall stays only while the loser still uses it', async () => {
    let winner: TagMachine | undefined;
    cloud.afterCreate = () => {
      cloud.afterCreate = undefined;
      cloud.firewalls.set('fw-theirs', { id: 'fw-theirs', name: 'fw-racer' });
      winner = managedMachine(cloud, 'team', 'web', {
        created_at: '2026-01-01T00:00:00.000Z',
        firewall_id: 'fw-theirs',
      });
    };
    const host = await createRestProvisioner(definition()).provision(guarded);
    expect(host.id).toBe(`${winner?.id}/fw-theirs`);
    const mine = [...cloud.machines.values()].find((machine) => machine.id !== winner?.id);
    expect(cloud.log.slice(-2)).toEqual([`DELETE /machines/${mine?.id}`, 'DELETE /firewalls/fw-1']);
    // The loser is still being deleted behind it: the cloud refused, and `orphans()` finds it later.
    expect(cloud.firewalls.has('fw-1')).toBe(true);
  });

  it('never removes the firewall the winner is behind', async () => {
    cloud.afterCreate = (made) => {
      cloud.afterCreate = undefined;
      managedMachine(cloud, 'team', 'web', {
        created_at: '2026-01-01T00:00:00.000Z',
        firewall_id: made.firewall_id,
      });
    };
    await createRestProvisioner(definition()).provision(guarded);
    expect(cloud.log.filter((line) => line.startsWith('DELETE /firewalls'))).toEqual([]);
  });

  it('with identityIsUnique, no second lookup and no loser', async () => {
    await createRestProvisioner(definition({ identityIsUnique: true })).provision(guarded);
    expect(cloud.log.filter((line) => line.startsWith('GET /machines'))).toHaveLength(1);
  });

  it('finds the identity through findIdentity where the plugin gives one', async () => {
    const asked: string[] = [];
    const made = managedMachine(cloud, 'team', 'web');
    const host = await createRestProvisioner(
      definition({
        findIdentity: async (wanted) => {
          asked.push(`${wanted.owner}/${wanted.name}`);
          return [made, managedMachine(cloud, 'team', 'api')];
        },
      }),
    ).provision(guarded);
    expect(asked).toEqual(['team/web']);
    expect(host.id).toBe(made.id);
    expect(cloud.log).toEqual([]);
  });
});

describe('createRestProvisioner with a firewall: delete', () => {
  it('deletes the machine first and its firewall once the machine is gone', async () => {
    const provisioner = createRestProvisioner(definition());
    const { id } = await provisioner.provision(guarded);
    const [machineId, firewallId] = id.split('/');
    cloud.log.length = 0;
    expect(await provisioner.delete({ id })).toEqual({
      done: false,
      id,
      remaining: [`machine ${machineId}`, `firewall ${firewallId}`],
      found: true,
    });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([`DELETE /machines/${machineId}`]);
    cloud.finishDeletes();
    expect(await provisioner.delete({ id })).toEqual({ done: true, id, found: true });
    expect(cloud.firewalls.size).toBe(0);
    expect(await provisioner.delete({ id })).toEqual({ done: true, id, found: false });
  });

  it('by address: marks the firewall with the address, then finds it once no machine holds it', async () => {
    const provisioner = createRestProvisioner(definition());
    const { id } = await provisioner.provision(guarded);
    const machine = cloud.machines.get(id.split('/')[0] ?? '');
    if (machine === undefined) throw new Error('the host has no machine');
    machine.ipv4 = '198.51.100.7';
    expect(await provisioner.delete({ ip: '198.51.100.7' })).toMatchObject({ done: false, id });
    expect(cloud.firewalls.get('fw-1')?.name).toBe('fw-team-web-released-198.51.100.7');
    cloud.finishDeletes();
    expect(await provisioner.delete({ ip: '198.51.100.7' })).toEqual({ done: true, found: true });
    expect(cloud.firewalls.size).toBe(0);
  });

  it('powers with the method the cloud takes', async () => {
    const machine = managedMachine(cloud, 'team', 'web');
    const provisioner = createRestProvisioner(
      definition({
        power: (id) => ({ method: 'PUT', path: `/machines/${id}/actions`, body: { type: 'on' } }),
      }),
    );
    await provisioner.start?.(machine.id);
    expect(cloud.log[0]).toBe(`PUT /machines/${machine.id}/actions`);
  });
});

describe('the firewall policy, for a provisioner of its own', () => {
  it('dropMadeFirewall removes only a firewall this call made, and never the one the winner is behind', async () => {
    const { firewall } = definition();
    if (firewall === undefined) throw new Error('the definition has no firewall');
    const made = await firewall.ensure(guarded, undefined);
    const adopted = await firewall.ensure(guarded, undefined);
    expect([made.created, adopted]).toEqual([true, { ref: made.ref, created: false }]);
    await dropMadeFirewall(firewall, { prepared: undefined, firewall: adopted });
    const winner = managedMachine(cloud, 'team', 'web', { firewall_id: made.ref.id });
    await dropMadeFirewall(firewall, { prepared: undefined, firewall: made }, winner);
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([]);
    await dropMadeFirewall(firewall, { prepared: undefined }, winner);
    await dropMadeFirewall(
      firewall,
      { prepared: undefined, firewall: made },
      { ...winner, firewall_id: null },
    );
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([
      `DELETE /firewalls/${made.ref.id}`,
    ]);
  });
});
