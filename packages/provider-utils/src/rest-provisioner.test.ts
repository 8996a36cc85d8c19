import {
  CapacityError,
  failedCreationHost,
  HostNotFoundError,
  hostIdentity,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  silentLogger,
} from '@provision/core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RestProvisionerDefinition } from './rest-definition.js';
import { managedMachine, spec, tagCloudDefinition, tags } from './rest-definition.test-support.js';
import { createRestProvisioner } from './rest-provisioner.js';
import { isStillBeingDeleted } from './still-being-deleted.js';
import { TagCloud, type TagMachine } from './tag-cloud.test-support.js';

let cloud: TagCloud;
beforeEach(() => {
  cloud = new TagCloud();
});

const definition = (overrides: Partial<RestProvisionerDefinition<TagMachine, undefined>> = {}) =>
  tagCloudDefinition(cloud, overrides);
const managed = (owner: string, name: string, fields: Partial<TagMachine> = {}) =>
  managedMachine(cloud, owner, name, fields);

describe('createRestProvisioner: provision', () => {
  it('looks the identity tag up, creates once with the managed tags, and adopts it on a repeat', async () => {
    const provisioner = createRestProvisioner(definition());
    const host = await provisioner.provision(spec);
    const identity = tags.identityTag('team', 'web');
    expect(cloud.log).toEqual([
      `GET /machines?tag=${encodeURIComponent(identity)}`,
      'POST /machines',
      `GET /machines?tag=${encodeURIComponent(identity)}`,
    ]);
    const sent = cloud.bodies[0] as { tags: string[] };
    expect(tags.codec.decode(sent.tags)).toMatchObject({
      [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
      [MANAGED_TAG_KEYS.identity]: hostIdentity('team', 'web'),
      env: 'prod',
    });
    expect(host).toMatchObject({
      provider: 'tagcloud',
      name: 'web',
      owner: 'team',
      status: 'provisioning',
      tags: { env: 'prod' },
    });
    expect(host.price?.monthly).toBe(5);

    cloud.log.length = 0;
    const again = await provisioner.provision(spec);
    expect(again.id).toBe(host.id);
    expect(cloud.log).toEqual([`GET /machines?tag=${encodeURIComponent(identity)}`]);
  });

  it('leaves out machines being deleted or retagged by hand, and creates a new one', async () => {
    managed('team', 'web', { state: 'deleting' });
    // It carries the identity tag of (team, web) but its name tag says api: retagged by hand.
    const retagged = cloud.add({
      tags: tags.codec.encode({
        ...tags.tagMap({ name: 'api', owner: 'team', ttlMs: undefined, tags: {} }),
        [MANAGED_TAG_KEYS.identity]: hostIdentity('team', 'web'),
      }),
    });
    const host = await createRestProvisioner(definition()).provision(spec);
    expect(cloud.log.filter((line) => line === 'POST /machines')).toHaveLength(1);
    expect(host.id).not.toBe(retagged.id);
  });

  it('where the identity is unique, a machine of it being deleted makes provision say try again, before anything is made', async () => {
    const going = managed('team', 'web', { state: 'deleting' });
    const error = await createRestProvisioner(definition({ identityIsUnique: true }))
      .provision(spec)
      .catch((caught: unknown) => caught);
    expect(isStillBeingDeleted(error)).toBe(true);
    expect((error as Error).message).toContain(
      `machine ${going.id} that holds the name of the host (team, web)`,
    );
    expect(cloud.log).toEqual([`GET /machines?tag=${encodeURIComponent(tags.identityTag('team', 'web'))}`]);
  });

  it('where the identity is unique, a live machine of it beside one being deleted is the host', async () => {
    managed('team', 'web', { state: 'deleting' });
    const live = managed('team', 'web');
    const host = await createRestProvisioner(definition({ identityIsUnique: true })).provision(spec);
    expect(host.id).toBe(live.id);
  });

  it('starts prepare before the lookup, and runs its step only when no machine exists', async () => {
    const order: string[] = [];
    const prepare = () => {
      order.push(`prepare started after ${cloud.log.length} requests`);
      return async () => {
        order.push('step');
        throw new CapacityError('none left', { provider: 'tagcloud', operation: 'provision' });
      };
    };
    const error = await createRestProvisioner(definition({ prepare }))
      .provision(spec)
      .catch((caught: unknown) => caught);
    expect(CapacityError.isInstance(error)).toBe(true);
    expect(order).toEqual(['prepare started after 0 requests', 'step']);
    expect(cloud.log.filter((line) => line.startsWith('POST'))).toEqual([]);

    order.length = 0;
    cloud.log.length = 0;
    managed('team', 'web');
    await createRestProvisioner(definition({ prepare })).provision(spec);
    expect(order).toEqual(['prepare started after 0 requests']);
  });

  it('loses a race to an older machine: destroys its own and answers the winner', async () => {
    let winner: TagMachine | undefined;
    cloud.afterCreate = () => {
      cloud.afterCreate = undefined;
      winner = managed('team', 'web', { created_at: '2026-01-01T00:00:00.000Z' });
    };
    const host = await createRestProvisioner(definition()).provision(spec);
    expect(host.id).toBe(winner?.id);
    const mine = [...cloud.machines.values()].find((machine) => machine.id !== winner?.id);
    expect(cloud.log).toContain(`DELETE /machines/${mine?.id}`);
    expect(mine?.state).toBe('deleting');
  });
});

describe('createRestProvisioner: its own requests', () => {
  it('never quotes the user-data in a refused create’s error, and sends no second create', async () => {
    cloud.refuseCreates = true;
    const error = await createRestProvisioner(definition())
      .provision({ ...spec, userData: '#cloud-config\npassword: hunter2-secret\n' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(JSON.stringify(cloud.bodies)).toContain('hunter2-secret');
    expect(String((error as Error).message)).not.toContain('hunter2-secret');
    expect(cloud.log.filter((line) => line === 'POST /machines')).toHaveLength(1);
  });

  it('uses the plugin’s own read and create where given', async () => {
    const reads: string[] = [];
    const provisioner = createRestProvisioner(
      definition({
        machineSchema: undefined,
        read: async (id) => {
          reads.push(id);
          return cloud.machines.get(id);
        },
        create: async (wanted) => managed(wanted.owner, wanted.name),
      }),
    );
    const host = await provisioner.provision(spec);
    expect(await provisioner.status(host.id)).toMatchObject({ id: host.id, name: 'web' });
    expect(reads).toEqual([host.id]);
    expect(cloud.log.filter((line) => line.startsWith('POST') || line.startsWith(`GET /machines/`))).toEqual(
      [],
    );
  });

  it('refuses at load a definition with neither its own requests nor their parts', () => {
    expect(() => createRestProvisioner(definition({ machineSchema: undefined }))).toThrow(
      /read or machineSchema/,
    );
    expect(() => createRestProvisioner(definition({ createRequest: undefined }))).toThrow(/createRequest/);
  });
});

describe('createRestProvisioner: status and list', () => {
  it('reads one machine; a 404 is HostNotFoundError', async () => {
    const machine = managed('team', 'web');
    const provisioner = createRestProvisioner(definition());
    expect(await provisioner.status(machine.id)).toMatchObject({
      id: machine.id,
      status: 'active',
      ipv4: machine.ipv4,
    });
    const error = await provisioner.status('m-404').catch((caught: unknown) => caught);
    expect(HostNotFoundError.isInstance(error)).toBe(true);
    expect(cloud.log).toEqual([`GET /machines/${machine.id}`, 'GET /machines/m-404']);
  });

  it('lists managed machines by the owner tag and region, matching the user tags', async () => {
    const web = managed('team', 'web');
    managed('team', 'db', { region: 'west' });
    managed('other', 'web');
    cloud.add({ tags: [tags.ownerTag('team')] });
    const provisioner = createRestProvisioner(definition());
    const listed = await provisioner.list({ owner: 'team', region: 'east', tags: { env: 'prod' } });
    expect(listed.map((host) => host.id)).toEqual([web.id]);
    expect(cloud.log).toEqual([`GET /machines?tag=${encodeURIComponent(tags.ownerTag('team'))}&region=east`]);
    expect(await provisioner.list({ tags: { env: 'dev' } })).toEqual([]);
    expect((await provisioner.list()).map((host) => host.name).sort()).toEqual(['db', 'web', 'web']);
  });
});

describe('createRestProvisioner: a machine gone', () => {
  it('status asks missing after a 404 only, and answers its host or HostNotFoundError', async () => {
    const machine = managed('team', 'web');
    const asked: string[] = [];
    const provisioner = createRestProvisioner(
      definition({
        missing: async (id, machineId) => {
          asked.push(`${id} ${machineId}`);
          return machineId === 'm-404'
            ? failedCreationHost({ id, provider: 'tagcloud', nativeStatus: 'failed', reason: 'no room' })
            : undefined;
        },
      }),
    );
    expect(await provisioner.status(machine.id)).toMatchObject({ id: machine.id, status: 'active' });
    expect(await provisioner.status('m-404/fw-9')).toMatchObject({
      id: 'm-404/fw-9',
      status: 'error',
      error: 'no room',
    });
    const error = await provisioner.status('m-405').catch((caught: unknown) => caught);
    expect(HostNotFoundError.isInstance(error)).toBe(true);
    expect(asked).toEqual(['m-404/fw-9 m-404', 'm-405 m-405']);
    expect(cloud.log).toEqual([`GET /machines/${machine.id}`, 'GET /machines/m-404', 'GET /machines/m-405']);
  });
});

describe('createRestProvisioner: oneHostPerIdentity', () => {
  const oneHost = (overrides: Partial<RestProvisionerDefinition<TagMachine, undefined>> = {}) =>
    createRestProvisioner(definition({ oneHostPerIdentity: true, ...overrides }));

  it('lists one host per identity: the oldest, a machine not being deleted before one that is', async () => {
    const winner = managed('team', 'web', { created_at: '2026-01-01T00:00:00.000Z' });
    managed('team', 'web', { created_at: '2026-01-02T00:00:00.000Z' });
    // The oldest of `api` is being deleted: the live one is the host.
    managed('team', 'api', { created_at: '2026-01-01T00:00:00.000Z', state: 'deleting' });
    const api = managed('team', 'api', { created_at: '2026-01-03T00:00:00.000Z' });
    const other = managed('other', 'web');
    expect((await oneHost().list()).map((host) => host.id)).toEqual([winner.id, api.id, other.id]);
    // Without it every machine is a host.
    expect(await createRestProvisioner(definition()).list()).toHaveLength(5);
  });

  it('provision() that finds the host destroys the duplicates it saw, logging a refused one', async () => {
    const winner = managed('team', 'web', { created_at: '2026-01-01T00:00:00.000Z' });
    const refused = managed('team', 'web', { created_at: '2026-01-02T00:00:00.000Z' });
    const left = managed('team', 'web', { created_at: '2026-01-03T00:00:00.000Z' });
    const warnings: unknown[] = [];
    const base = definition();
    const provisioner = oneHost({
      context: {
        ...base.context,
        logger: { ...silentLogger, warn: (...args: unknown[]) => warnings.push(args) },
      },
      destroy: async (machine, operation, options) => {
        if (machine.id === refused.id) throw new Error('refused');
        await base.client.request({
          method: 'DELETE',
          path: `/machines/${machine.id}`,
          operation,
          signal: options?.signal,
        });
      },
    });
    expect((await provisioner.provision(spec)).id).toBe(winner.id);
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([`DELETE /machines/${left.id}`]);
    expect(left.state).toBe('deleting');
    expect(refused.state).toBe('running');
    expect(warnings).toEqual([
      [
        'could not destroy a duplicate machine; the next provision() or delete() retries',
        expect.objectContaining({ provider: 'tagcloud', machineId: refused.id, error: 'Error' }),
      ],
    ]);
    // Without it a found host's duplicates are their makers' to destroy.
    cloud.log.length = 0;
    await createRestProvisioner(definition()).provision(spec);
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([]);
  });

  it('delete() destroys the duplicates of the host first, the host’s machine once none is listed', async () => {
    const winner = managed('team', 'web', { created_at: '2026-01-01T00:00:00.000Z' });
    const duplicate = managed('team', 'web', { created_at: '2026-01-02T00:00:00.000Z' });
    const provisioner = oneHost();
    expect(await provisioner.delete({ id: winner.id })).toEqual({
      done: false,
      id: winner.id,
      remaining: [`machine ${duplicate.id}`, `machine ${winner.id}`],
      found: true,
    });
    expect(cloud.log).toEqual([
      `GET /machines/${winner.id}`,
      `GET /machines?tag=${encodeURIComponent(tags.identityTag('team', 'web'))}`,
      `DELETE /machines/${duplicate.id}`,
    ]);
    cloud.finishDeletes();
    cloud.log.length = 0;
    expect(await provisioner.delete({ id: winner.id })).toMatchObject({ done: false });
    expect(cloud.log.at(-1)).toBe(`DELETE /machines/${winner.id}`);
    cloud.finishDeletes();
    expect(await provisioner.delete({ id: winner.id })).toEqual({ done: true, id: winner.id, found: false });
  });
});

describe('createRestProvisioner: delete and power', () => {
  it('deletes a managed machine once, answers done once it is gone, and never an unmanaged one', async () => {
    const machine = managed('team', 'web');
    const provisioner = createRestProvisioner(definition());
    expect(await provisioner.delete({ id: machine.id })).toMatchObject({ done: false });
    expect(await provisioner.delete({ id: machine.id })).toMatchObject({ done: false });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([`DELETE /machines/${machine.id}`]);
    cloud.finishDeletes();
    expect(await provisioner.delete({ id: machine.id })).toMatchObject({ done: true });

    const theirs = cloud.add({ hostname: 'theirs' });
    expect(await provisioner.delete({ id: theirs.id })).toMatchObject({ done: true, found: false });
    expect(theirs.state).toBe('running');
  });

  it('deletes by address through the managed listing', async () => {
    const machine = managed('team', 'web');
    const provisioner = createRestProvisioner(definition());
    expect(await provisioner.delete({ ip: machine.ipv4 ?? '' })).toMatchObject({
      done: false,
      id: machine.id,
    });
    expect(machine.state).toBe('deleting');
    expect(cloud.log[0]).toBe(`GET /machines?tag=${encodeURIComponent(tags.managedTag)}`);
  });

  it('powers a machine with one action and one read; a gone machine is HostNotFoundError', async () => {
    const machine = managed('team', 'web');
    const provisioner = createRestProvisioner(definition());
    expect(await provisioner.stop?.(machine.id)).toMatchObject({ status: 'stopping' });
    expect(cloud.log).toEqual([`POST /machines/${machine.id}/actions`, `GET /machines/${machine.id}`]);
    expect(cloud.bodies).toEqual([{ type: 'off' }]);
    const error = await provisioner.start?.('m-404').catch((caught: unknown) => caught);
    expect(HostNotFoundError.isInstance(error)).toBe(true);
    expect(createRestProvisioner(definition({ power: undefined }))).not.toHaveProperty('start');
  });
});
