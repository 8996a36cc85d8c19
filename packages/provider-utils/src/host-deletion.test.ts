import { describe, expect, it } from 'vitest';
import { createHostDeletion, type HostDeletionParts, type SecondaryRef } from './host-deletion.js';
import type { RemovalOutcome } from './secondary-resources.js';

interface Machine {
  id: string;
  ip: string;
  managed: boolean;
  /** `terminated`: a record some clouds keep of a machine that is gone. */
  state: 'running' | 'deleting' | 'terminated';
  /** Reads it still answers `deleting` after its DELETE. */
  readsLeft: number;
  guards: SecondaryRef[];
}

/**
 * A cloud as a host's delete meets it: machines that take a few reads to go after their DELETE,
 * and guards (firewalls, addresses) it refuses to remove while a machine still uses them. Every
 * request is logged.
 */
class SmallCloud {
  readonly machines = new Map<string, Machine>();
  readonly guards = new Map<string, { ref: SecondaryRef; ours: boolean; released?: string }>();
  readonly log: string[] = [];

  add(id: string, options: { managed?: boolean; guards?: SecondaryRef[]; ours?: boolean } = {}) {
    const guards = options.guards ?? [{ kind: 'firewall', id: `fw-${id}` }];
    this.machines.set(id, {
      id,
      ip: `192.0.2.${this.machines.size + 10}`,
      managed: options.managed ?? true,
      state: 'running',
      readsLeft: 1,
      guards,
    });
    for (const ref of guards) this.guards.set(`${ref.kind} ${ref.id}`, { ref, ours: options.ours ?? true });
    return this.machines.get(id) as Machine;
  }

  private advance() {
    for (const machine of this.machines.values())
      if (machine.state === 'deleting' && machine.readsLeft-- <= 0) this.machines.delete(machine.id);
  }

  parts(): HostDeletionParts<Machine> {
    return {
      machineKind: 'server',
      decode: (id) => {
        const [machineId = '', ...rest] = id.split('/');
        return { machineId, secondaries: rest.map((part) => ({ kind: 'firewall', id: part })) };
      },
      read: async (machineId) => {
        this.log.push(`GET ${machineId}`);
        this.advance();
        const machine = this.machines.get(machineId);
        return machine === undefined ? undefined : { ...machine };
      },
      isManaged: (machine) => machine.managed,
      machineIdOf: (machine) => machine.id,
      isDeleting: (machine) => machine.state === 'deleting',
      destroy: async (machine) => {
        this.log.push(`DELETE ${machine.id}`);
        const held = this.machines.get(machine.id);
        if (held !== undefined) held.state = 'deleting';
      },
      remove: async (secondary): Promise<RemovalOutcome> => {
        this.log.push(`DELETE ${secondary.kind} ${secondary.id}`);
        const key = `${secondary.kind} ${secondary.id}`;
        if (!this.guards.has(key)) return 'absent';
        const used = [...this.machines.values()].some((machine) =>
          machine.guards.some((guard) => `${guard.kind} ${guard.id}` === key),
        );
        if (used) return 'in-use';
        this.guards.delete(key);
        return 'deleted';
      },
      owns: async (secondary) => {
        this.log.push(`GET ${secondary.kind} ${secondary.id}`);
        return this.guards.get(`${secondary.kind} ${secondary.id}`)?.ours === true;
      },
      findByAddress: async (ip) => {
        this.log.push(`LIST machines ${ip}`);
        this.advance();
        const machine = [...this.machines.values()].find((item) => item.ip === ip && item.managed);
        if (machine === undefined) return undefined;
        return {
          machine: { ...machine },
          id: [machine.id, ...machine.guards.map((guard) => guard.id)].join('/'),
          secondaries: machine.guards,
        };
      },
      release: async (found, ip) => {
        for (const ref of found.secondaries) {
          this.log.push(`PUT ${ref.kind} ${ref.id}`);
          const held = this.guards.get(`${ref.kind} ${ref.id}`);
          if (held !== undefined) held.released = ip;
        }
      },
      releasedFor: async (ip) => {
        this.log.push(`LIST guards ${ip}`);
        return [...this.guards.values()].filter((guard) => guard.released === ip).map((guard) => guard.ref);
      },
    };
  }
}

/** Calls `next` until it answers `done` (at most 10 times); every answer in order. */
async function converge<T extends { done: boolean }>(next: () => Promise<T>): Promise<T[]> {
  const answers: T[] = [];
  for (let call = 0; call < 10; call++) {
    const answer = await next();
    answers.push(answer);
    if (answer.done) break;
  }
  return answers;
}

describe('createHostDeletion', () => {
  it('by id: one DELETE of the machine, none while it is deleting, then its guard, then nothing', async () => {
    const cloud = new SmallCloud();
    cloud.add('s1');
    const deletion = createHostDeletion(cloud.parts());

    const answers = await converge(() => deletion.byId('s1/fw-s1'));
    expect(answers).toEqual([
      { done: false, id: 's1/fw-s1', remaining: ['server s1', 'firewall fw-s1'], found: true },
      { done: false, id: 's1/fw-s1', remaining: ['server s1', 'firewall fw-s1'], found: true },
      { done: true, id: 's1/fw-s1', found: true },
    ]);
    expect(cloud.log).toEqual([
      'GET s1',
      'DELETE s1',
      'GET s1',
      'GET s1',
      'GET firewall fw-s1',
      'DELETE firewall fw-s1',
    ]);
    expect(cloud.guards.size).toBe(0);
    // A repeat finds nothing.
    expect(await deletion.byId('s1/fw-s1')).toEqual({ done: true, id: 's1/fw-s1', found: false });
  });

  it('never deletes a machine provision did not make, nor a guard it does not own', async () => {
    const cloud = new SmallCloud();
    cloud.add('other', { managed: false });
    cloud.add('s2', { guards: [{ kind: 'firewall', id: 'foreign' }], ours: false });
    cloud.machines.delete('s2');
    const deletion = createHostDeletion(cloud.parts());

    expect(await deletion.byId('other/fw-other')).toEqual({ done: true, id: 'other/fw-other', found: false });
    expect(await deletion.byId('s2/foreign')).toEqual({ done: true, id: 's2/foreign', found: false });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([]);
    expect(cloud.machines.has('other')).toBe(true);
    expect(cloud.guards.has('firewall foreign')).toBe(true);
  });

  it('keeps a guard another machine still uses as remaining, and removes the free ones at once', async () => {
    const cloud = new SmallCloud();
    const shared = { kind: 'firewall', id: 'shared' };
    cloud.add('keeper', { guards: [shared] });
    cloud.guards.set('address a1', { ref: { kind: 'address', id: 'a1' }, ours: true });
    const deletion = createHostDeletion(cloud.parts());
    const parts = cloud.parts();
    const withTwo = createHostDeletion({
      ...parts,
      decode: () => ({ machineId: 'gone', secondaries: [shared, { kind: 'address', id: 'a1' }] }),
    });

    expect(await withTwo.byId('gone')).toEqual({
      done: false,
      id: 'gone',
      remaining: ['firewall shared'],
      found: true,
    });
    expect(cloud.guards.has('address a1')).toBe(false);
    // With nothing named, the host is simply not found.
    expect(await deletion.byId('nothing')).toEqual({ done: true, id: 'nothing', found: false });
  });

  it('while the machine exists, remaining names the secondary resources the machine says it has', async () => {
    const cloud = new SmallCloud();
    cloud.add('s6', { guards: [] });
    const deletion = createHostDeletion({ ...cloud.parts(), secondariesOf: (machine) => machine.guards });

    const answers = await converge(() => deletion.byId('s6/fw-s6'));
    expect(answers.at(0)).toEqual({ done: false, id: 's6/fw-s6', remaining: ['server s6'], found: true });
    // Once the machine is gone, the id's word counts again: the named guard is looked for.
    expect(answers.at(-1)).toEqual({ done: true, id: 's6/fw-s6', found: false });
    expect(cloud.log.at(-1)).toBe('GET firewall fw-s6');
  });

  it('removeInOrder: each secondary after the one before, so one freed by an earlier removal goes in the same call', async () => {
    const cloud = new SmallCloud();
    const port = { kind: 'port', id: 'p1' };
    const group = { kind: 'security group', id: 'g1' };
    for (const ref of [port, group]) cloud.guards.set(`${ref.kind} ${ref.id}`, { ref, ours: true });
    const parts = cloud.parts();
    // The group is in use while the port exists, as Neutron's is.
    const remove = async (secondary: SecondaryRef): Promise<RemovalOutcome> => {
      // The cloud checks the group's use when the request arrives, and removes a moment later.
      const inUse = secondary.kind === 'security group' && cloud.guards.has('port p1');
      cloud.log.push(`start ${secondary.kind}`);
      await new Promise((resolve) => setImmediate(resolve));
      const outcome = inUse ? 'in-use' : await parts.remove(secondary);
      cloud.log.push(`end ${secondary.kind} ${outcome}`);
      return outcome;
    };
    const decode = () => ({ machineId: 'gone', secondaries: [port, group] });
    const { owns: _owns, ...withoutOwns } = parts;

    const atOnce = createHostDeletion({ ...withoutOwns, decode, remove });
    expect(await atOnce.byId('gone')).toEqual({
      done: false,
      id: 'gone',
      remaining: ['security group g1'],
      found: true,
    });
    cloud.guards.set('port p1', { ref: port, ours: true });
    cloud.log.length = 0;

    const inOrder = createHostDeletion({ ...withoutOwns, decode, remove, removeInOrder: true });
    expect(await inOrder.byId('gone')).toEqual({ done: true, id: 'gone', found: true });
    expect(cloud.log).toEqual([
      'GET gone',
      'start port',
      'DELETE port p1',
      'end port deleted',
      'start security group',
      'DELETE security group g1',
      'end security group deleted',
    ]);
    expect(cloud.guards.size).toBe(0);
  });

  it('by address: releases the guard for the address before the DELETE, and finds it once the machine is gone', async () => {
    const cloud = new SmallCloud();
    const machine = cloud.add('s3');
    cloud.add('s4');
    const deletion = createHostDeletion(cloud.parts());

    const answers = await converge(() => deletion.byAddress(machine.ip));
    expect(answers.at(0)).toEqual({
      done: false,
      id: 's3/fw-s3',
      remaining: ['server s3', 'firewall fw-s3'],
      found: true,
    });
    expect(answers.at(-1)).toEqual({ done: true, found: true });
    // Released once, destroyed once; the other host is untouched.
    expect(cloud.log.filter((line) => line.startsWith('PUT') || line.startsWith('DELETE'))).toEqual([
      'PUT firewall fw-s3',
      'DELETE s3',
      'DELETE firewall fw-s3',
    ]);
    expect([...cloud.machines.keys()]).toEqual(['s4']);
    expect(await deletion.byAddress(machine.ip)).toEqual({ done: true, found: false });
    expect(await deletion.byAddress('198.51.100.1')).toEqual({ done: true, found: false });
  });

  it('with duplicatesOf: the duplicates get the DELETEs first, the host machine only once none is listed', async () => {
    const cloud = new SmallCloud();
    const host = cloud.add('h1');
    cloud.add('h1-copy', { guards: [] });
    const deletion = createHostDeletion({
      ...cloud.parts(),
      duplicatesOf: async (machine) => {
        cloud.log.push(`LIST same ${machine.id}`);
        return [...cloud.machines.values()]
          .filter((other) => other.id !== machine.id && other.id.startsWith(machine.id))
          .map((other) => ({ ...other }));
      },
    });

    const answers = await converge(() => deletion.byAddress(host.ip));
    expect(answers.at(0)).toEqual({
      done: false,
      id: 'h1/fw-h1',
      remaining: ['server h1-copy', 'server h1', 'firewall fw-h1'],
      found: true,
    });
    expect(answers.at(-1)).toEqual({ done: true, found: true });
    const deletes = cloud.log.filter((line) => line.startsWith('DELETE') || line.startsWith('PUT'));
    // The copy once (not again while it is deleting); then, released first, the host's machine.
    expect(deletes).toEqual(['DELETE h1-copy', 'PUT firewall fw-h1', 'DELETE h1', 'DELETE firewall fw-h1']);
    expect(cloud.machines.size).toBe(0);
  });

  it('releasedFor may name the host id its resources were released for; the answers carry it', async () => {
    const cloud = new SmallCloud();
    cloud.guards.set('firewall fw-9', {
      ref: { kind: 'firewall', id: 'fw-9' },
      ours: true,
      released: '192.0.2.99',
    });
    const parts = cloud.parts();
    const deletion = createHostDeletion({
      ...parts,
      releasedFor: async (ip) => ({
        id: 's9/fw-9',
        secondaries: (await parts.releasedFor?.(ip)) as SecondaryRef[],
      }),
    });
    expect(await deletion.byAddress('192.0.2.99')).toEqual({ done: true, id: 's9/fw-9', found: true });
    expect(cloud.guards.size).toBe(0);
  });

  it('keeps what releasedFor says is still in use, sending no removal, until it says so no more', async () => {
    const cloud = new SmallCloud();
    const ref = { kind: 'firewall', id: 'fw-7' };
    cloud.guards.set('firewall fw-7', { ref, ours: true, released: '192.0.2.77' });
    let guarding = true;
    const parts = cloud.parts();
    const deletion = createHostDeletion({
      ...parts,
      // This cloud would delete the firewall while it still guards a machine shutting down.
      releasedFor: async () => ({ id: 's7/fw-7', secondaries: [ref], inUse: guarding ? [{ ...ref }] : [] }),
    });
    expect(await deletion.byAddress('192.0.2.77')).toEqual({
      done: false,
      id: 's7/fw-7',
      remaining: ['firewall fw-7'],
      found: true,
    });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual([]);
    guarding = false;
    expect(await deletion.byAddress('192.0.2.77')).toEqual({ done: true, id: 's7/fw-7', found: true });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toEqual(['DELETE firewall fw-7']);
    expect(cloud.guards.size).toBe(0);
  });

  it('with isGone: a kept record of a gone machine counts as its absence, also as its DELETE answers it; the host stays found', async () => {
    const cloud = new SmallCloud();
    cloud.add('t1');
    const records = new Map<string, Machine>();
    const deletion = createHostDeletion({
      ...cloud.parts(),
      // This cloud ends the machine at once, answers its record, and keeps it for a while.
      destroy: async (machine) => {
        cloud.log.push(`DELETE ${machine.id}`);
        cloud.machines.delete(machine.id);
        const record = { ...machine, state: 'terminated' as const };
        records.set(machine.id, record);
        return record;
      },
      read: async (machineId) => {
        cloud.log.push(`GET ${machineId}`);
        return cloud.machines.get(machineId) ?? records.get(machineId);
      },
      isGone: (machine) => machine.state === 'terminated',
    });

    expect(await deletion.byId('t1/fw-t1')).toEqual({ done: true, id: 't1/fw-t1', found: true });
    expect(cloud.log).toEqual(['GET t1', 'DELETE t1', 'DELETE firewall fw-t1']);
    // A repeat reads the record: the host is still found, and nothing more is deleted.
    expect(await deletion.byId('t1/fw-t1')).toEqual({ done: true, id: 't1/fw-t1', found: true });
    expect(cloud.log.filter((line) => line.startsWith('DELETE'))).toHaveLength(2);
  });

  it('by address without a way to find hosts by address: nothing is found and nothing sent', async () => {
    const cloud = new SmallCloud();
    cloud.add('s5');
    const { findByAddress: _find, releasedFor: _released, ...parts } = cloud.parts();
    const deletion = createHostDeletion(parts);
    expect(await deletion.byAddress('192.0.2.10')).toEqual({ done: true, found: false });
    expect(cloud.log).toEqual([]);
  });
});
