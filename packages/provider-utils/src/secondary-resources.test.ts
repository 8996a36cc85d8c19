import { InvalidRequestError, type Orphan, ProviderApiError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createManagedNames } from './managed-names.js';
import {
  cloudTimeMs,
  createOrphanScanner,
  ensureSecondaryResource,
  ORPHAN_MIN_AGE_MS,
  type RemovalOutcome,
  removeSecondaryResource,
} from './secondary-resources.js';

/**
 * A cloud's named resources as the policy meets them: names unique per account, creates that
 * may be applied with their answer lost, refusals, a host attached to each resource.
 */
class NamedResources {
  readonly items = new Map<string, { id: string; name: string; host: string | undefined }>();
  readonly log: string[] = [];
  private next = 1;
  /** Faults for the next creates, in order: 'lost' (applied, answer lost), 'down' (not applied), 'refused'. */
  faults: ('lost' | 'down' | 'refused')[] = [];

  create(name: string, host: string) {
    this.log.push(`create ${name}`);
    const fault = this.faults.shift();
    if (fault === 'down') throw unknownOutcome();
    if (fault === 'refused') throw new ProviderApiError('rules refused', { status: 422, retryable: false });
    if ([...this.items.values()].some((item) => item.name === name))
      throw new ProviderApiError('duplicate name', { status: 409, retryable: false });
    const item = { id: `r-${this.next++}`, name, host };
    this.items.set(item.id, item);
    if (fault === 'lost') throw unknownOutcome();
    return item;
  }

  findByName(name: string) {
    this.log.push(`find ${name}`);
    return [...this.items.values()].find((item) => item.name === name);
  }

  remove(id: string) {
    this.log.push(`delete ${id}`);
    this.items.delete(id);
  }
}

function unknownOutcome() {
  return new ProviderApiError('no answer', { code: 'network_error', retryable: true });
}

function isDuplicate(error: unknown): boolean {
  return ProviderApiError.isInstance(error) && error.status === 409;
}

function stepsFor(cloud: NamedResources, name: string, host: string, rolledBack: unknown[]) {
  return {
    create: async () => cloud.create(name, host),
    find: async () => {
      const found = cloud.findByName(name);
      return found?.host === host ? found : undefined;
    },
    nameTaken: isDuplicate,
    reclaim: async () => {
      const leftover = cloud.findByName(name);
      if (leftover === undefined || leftover.host !== undefined) return false;
      cloud.remove(leftover.id);
      return true;
    },
    rollback: async (error: unknown) => {
      rolledBack.push(error);
    },
  };
}

describe('ensureSecondaryResource', () => {
  it('creates the resource once, in one request', async () => {
    const cloud = new NamedResources();
    const result = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', []));
    expect(result).toEqual({ resource: expect.objectContaining({ name: 'fw-a' }), created: true });
    expect(cloud.log).toEqual(['create fw-a']);
  });

  it('returns what a concurrent caller made under the same name, without a second resource', async () => {
    const cloud = new NamedResources();
    const [first, second] = await Promise.all([
      ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', [])),
      ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', [])),
    ]);
    expect(first?.resource.id).toBe(second?.resource.id);
    expect([first?.created, second?.created].sort()).toEqual([false, true]);
    expect(cloud.items.size).toBe(1);
  });

  it('finds a resource whose create was applied with its answer lost, instead of making another', async () => {
    const cloud = new NamedResources();
    cloud.faults = ['lost'];
    const rolledBack: unknown[] = [];
    const result = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', rolledBack));
    expect(result.created).toBe(false);
    expect(cloud.items.size).toBe(1);
    expect(cloud.log).toEqual(['create fw-a', 'find fw-a']);
    expect(rolledBack).toEqual([]);
  });

  it('creates once more after an unknown outcome that left nothing', async () => {
    const cloud = new NamedResources();
    cloud.faults = ['down'];
    const result = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', []));
    expect(result.created).toBe(true);
    expect(cloud.log).toEqual(['create fw-a', 'find fw-a', 'create fw-a']);
  });

  it('gives the first error, and rolls nothing back, when the outcome stays unknown', async () => {
    const cloud = new NamedResources();
    cloud.faults = ['down', 'down'];
    const rolledBack: unknown[] = [];
    const error = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', rolledBack)).catch(
      (caught: unknown) => caught,
    );
    expect(ProviderApiError.isInstance(error) && error.code).toBe('network_error');
    expect(rolledBack).toEqual([]);
    expect(cloud.items.size).toBe(0);
  });

  it('rolls the host back when the cloud refuses the resource, then gives the refusal', async () => {
    const cloud = new NamedResources();
    cloud.faults = ['refused'];
    const rolledBack: unknown[] = [];
    const error = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', rolledBack)).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toBe('rules refused');
    expect(rolledBack).toEqual([error]);
    expect(cloud.log).toEqual(['create fw-a']);
  });

  it('reclaims a same-named leftover of no host once, and refuses a name another host holds', async () => {
    const cloud = new NamedResources();
    cloud.items.set('r-old', { id: 'r-old', name: 'fw-a', host: undefined });
    const reclaimed = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-1', []));
    expect(reclaimed.created).toBe(true);
    expect(cloud.items.has('r-old')).toBe(false);

    const rolledBack: unknown[] = [];
    const error = await ensureSecondaryResource(stepsFor(cloud, 'fw-a', 'host-2', rolledBack)).catch(
      (caught: unknown) => caught,
    );
    expect(isDuplicate(error)).toBe(true);
    // A name held by another host is a refusal: the new host is rolled back, the other kept.
    expect(rolledBack).toEqual([error]);
    expect([...cloud.items.values()].map((item) => item.host)).toEqual(['host-1']);
  });

  it('sends nothing more and rolls nothing back once the caller has aborted', async () => {
    const cloud = new NamedResources();
    cloud.faults = ['down'];
    const controller = new AbortController();
    const rolledBack: unknown[] = [];
    const steps = stepsFor(cloud, 'fw-a', 'host-1', rolledBack);
    const create = steps.create;
    steps.create = async () => {
      controller.abort();
      return create();
    };
    await expect(ensureSecondaryResource({ ...steps, signal: controller.signal })).rejects.toThrow(
      'no answer',
    );
    expect(cloud.log).toEqual(['create fw-a']);
    expect(rolledBack).toEqual([]);
  });
});

describe('removeSecondaryResource', () => {
  it('reads deleted, absent and in use, and lets other failures through', async () => {
    const classify = (error: unknown) =>
      (error as Error).message === 'NotFound'
        ? 'absent'
        : (error as Error).message === 'DependencyViolation'
          ? 'in-use'
          : undefined;
    const outcome = (remove: () => Promise<unknown>) => removeSecondaryResource(remove, classify);
    expect(await outcome(async () => ({}))).toBe('deleted');
    expect(await outcome(async () => 'absent')).toBe('absent');
    expect(await outcome(() => Promise.reject(new Error('NotFound')))).toBe('absent');
    expect(await outcome(() => Promise.reject(new Error('DependencyViolation')))).toBe('in-use');
    await expect(outcome(() => Promise.reject(new Error('AuthFailure')))).rejects.toThrow('AuthFailure');
  });
});

describe('createOrphanScanner', () => {
  interface Group {
    id: string;
    name: string;
    owner?: string;
  }
  const groups: Group[] = [
    { id: 'sg-1', name: 'provision/team-a_web/0', owner: 'team-a' },
    { id: 'sg-2', name: 'provision/team-a_db/0', owner: 'team-a' },
    { id: 'sg-3', name: 'provision/team-b_web/0', owner: 'team-b' },
    { id: 'sg-4', name: 'default' },
  ];
  const addresses = [{ id: 'ip-1', name: 'provision-ip-web', owner: 'team-a', attached: false }];

  function scanner(removals: string[], inUseCalls: string[][]) {
    return createOrphanScanner(
      {
        provider: 'examplecloud',
        kind: 'security-group',
        idPattern: /^sg-\d+$/,
        list: async () => groups,
        inUse: async (candidates: readonly Group[]) => {
          inUseCalls.push(candidates.map((group) => group.id));
          return new Set(candidates.filter((group) => group.id === 'sg-1'));
        },
        describe: (group: Group) =>
          group.name.startsWith('provision/')
            ? { id: group.id, name: group.name, ...(group.owner ? { owner: group.owner } : {}) }
            : undefined,
        remove: async (orphan: Orphan): Promise<RemovalOutcome> => {
          removals.push(orphan.id);
          return orphan.id === 'sg-2' ? 'in-use' : 'deleted';
        },
      },
      {
        provider: 'examplecloud',
        kind: 'address',
        idPattern: /^ip-\d+$/,
        list: async () => addresses,
        inUse: async (candidates: readonly (typeof addresses)[number][]) =>
          new Set(candidates.filter((address) => address.attached)),
        describe: (address: (typeof addresses)[number]) => ({
          id: address.id,
          name: address.name,
          owner: address.owner,
        }),
        remove: async () => 'absent' as const,
      },
    );
  }

  it('lists unused managed resources of every kind, never one a host uses, and filters by owner', async () => {
    const inUseCalls: string[][] = [];
    const scan = scanner([], inUseCalls);
    expect(await scan.orphans()).toEqual([
      { kind: 'security-group', id: 'sg-2', name: 'provision/team-a_db/0', owner: 'team-a' },
      { kind: 'security-group', id: 'sg-3', name: 'provision/team-b_web/0', owner: 'team-b' },
      { kind: 'address', id: 'ip-1', name: 'provision-ip-web', owner: 'team-a' },
    ]);
    // Only managed resources are asked about: `default` is not ours.
    expect(inUseCalls).toEqual([['sg-1', 'sg-2', 'sg-3']]);
    expect((await scan.orphans({ owner: 'team-b' })).map((orphan) => orphan.id)).toEqual(['sg-3']);
  });

  it('deletes by kind, answers not done while in use, and refuses a foreign orphan before any request', async () => {
    const removals: string[] = [];
    const scan = scanner(removals, []);
    expect(await scan.deleteOrphan({ kind: 'security-group', id: 'sg-3', name: 'x' })).toEqual({
      done: true,
      id: 'sg-3',
      found: true,
    });
    expect(await scan.deleteOrphan({ kind: 'security-group', id: 'sg-2', name: 'x' })).toEqual({
      done: false,
      id: 'sg-2',
      remaining: ['security-group sg-2'],
      found: true,
    });
    expect(await scan.deleteOrphan({ kind: 'address', id: 'ip-1', name: 'x' })).toEqual({
      done: true,
      id: 'ip-1',
      found: false,
    });
    for (const orphan of [
      { kind: 'security-group', id: 'sg-../../x', name: 'x' },
      { kind: 'firewall', id: 'sg-1', name: 'x' },
    ]) {
      const error = await scan.deleteOrphan(orphan).catch((caught: unknown) => caught);
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('security-group, address');
    }
    expect(removals).toEqual(['sg-3', 'sg-2']);
  });

  describe('the minimum age', () => {
    interface Firewall {
      id: string;
      created?: string | number | null;
    }
    const NOW = Date.parse('2026-06-01T12:00:00Z');
    const ago = (ms: number) => new Date(NOW - ms).toISOString();

    function ageScanner(firewalls: Firewall[], inUseCalls: string[][] = []) {
      return createOrphanScanner({
        provider: 'examplecloud',
        kind: 'firewall',
        idPattern: /^fw-\d+$/,
        list: async () => firewalls,
        inUse: async (candidates: readonly Firewall[]) => {
          inUseCalls.push(candidates.map((firewall) => firewall.id));
          return new Set<Firewall>();
        },
        describe: (firewall: Firewall) => ({ id: firewall.id, name: `provision-${firewall.id}` }),
        remove: async () => 'deleted' as const,
        createdAt: (firewall: Firewall) => firewall.created,
        now: () => NOW,
      });
    }

    const ids = async (firewalls: Firewall[]) =>
      (await ageScanner(firewalls).orphans()).map((orphan) => orphan.id);

    it('is ten minutes', () => {
      expect(ORPHAN_MIN_AGE_MS).toBe(600_000);
    });

    it('never reports a resource made moments ago, and reports it once it is old enough', async () => {
      expect(await ids([{ id: 'fw-1', created: ago(2_000) }])).toEqual([]);
      expect(await ids([{ id: 'fw-1', created: ago(ORPHAN_MIN_AGE_MS + 60_000) }])).toEqual(['fw-1']);
    });

    it('reports at exactly the minimum age, not a millisecond before', async () => {
      expect(await ids([{ id: 'fw-1', created: NOW - ORPHAN_MIN_AGE_MS + 1 }])).toEqual([]);
      expect(await ids([{ id: 'fw-1', created: NOW - ORPHAN_MIN_AGE_MS }])).toEqual(['fw-1']);
    });

    it('treats a missing or unreadable time as old, and one ahead of the clock as young', async () => {
      expect(
        await ids([
          { id: 'fw-1' },
          { id: 'fw-2', created: null },
          { id: 'fw-3', created: 'yesterday-ish' },
          { id: 'fw-4', created: Number.NaN },
          { id: 'fw-5', created: new Date(NOW + 60_000).toISOString() },
        ]),
      ).toEqual(['fw-1', 'fw-2', 'fw-3', 'fw-4']);
    });

    it('asks which are in use only about the old ones, and not at all when every one is young', async () => {
      const inUseCalls: string[][] = [];
      const scan = ageScanner(
        [
          { id: 'fw-1', created: ago(1_000) },
          { id: 'fw-2', created: ago(ORPHAN_MIN_AGE_MS * 3) },
        ],
        inUseCalls,
      );
      expect((await scan.orphans()).map((orphan) => orphan.id)).toEqual(['fw-2']);
      expect(inUseCalls).toEqual([['fw-2']]);
      const young: string[][] = [];
      expect(await ageScanner([{ id: 'fw-1', created: ago(1_000) }], young).orphans()).toEqual([]);
      expect(young).toEqual([]);
    });
  });
});

describe('cloudTimeMs', () => {
  it('reads the times clouds send, a zoneless one as UTC, and nothing else', () => {
    const expected = Date.parse('2026-06-01T12:00:00Z');
    expect(cloudTimeMs('2026-06-01T12:00:00Z')).toBe(expected);
    expect(cloudTimeMs('2026-06-01T12:00:00+00:00')).toBe(expected);
    expect(cloudTimeMs('2026-06-01T14:00:00+02:00')).toBe(expected);
    expect(cloudTimeMs('2026-06-01T12:00:00')).toBe(expected);
    expect(cloudTimeMs('2026-06-01T12:00:00.500')).toBe(expected + 500);
    expect(cloudTimeMs(expected)).toBe(expected);
    for (const unreadable of [undefined, null, '', 'soon', Number.POSITIVE_INFINITY]) {
      expect(cloudTimeMs(unreadable)).toBeUndefined();
    }
  });
});

describe('createManagedNames', () => {
  it('makes and reads names, and tells other names apart', () => {
    const names = createManagedNames({
      provider: 'digitalocean',
      template: 'provision.{owner}.{name}[.released.{dropletId}.{ip}]',
      parts: { owner: /[a-z0-9-]+/, name: /[a-z0-9-]+/, dropletId: /\d+/, ip: /\d{1,3}(?:\.\d{1,3}){3}/ },
      partLengths: { owner: 32, name: 63, dropletId: 20, ip: 15 },
      maxLength: 255,
    });
    expect(names.encode({ owner: 'team-a', name: 'web' })).toBe('provision.team-a.web');
    expect(names.parse('provision.team-a.web.released.42.203.0.113.7')).toEqual({
      owner: 'team-a',
      name: 'web',
      dropletId: '42',
      ip: '203.0.113.7',
    });
    expect(names.parse('provision.team-a')).toBeUndefined();
    expect(names.parse(undefined)).toBeUndefined();
    expect(() => names.encode({ owner: 'x'.repeat(33), name: 'web' })).toThrow(TypeError);
  });

  it('fails at creation when the longest name could break the cloud limit (GCE: 63)', () => {
    const options = {
      provider: 'gcp',
      parts: { owner: /[a-z0-9-]+/, name: /[a-z0-9-]+/, identity: /[a-z2-7]{26}/ },
    };
    expect(() =>
      createManagedNames({
        ...options,
        template: 'provision-{owner}-{name}',
        partLengths: { owner: 32, name: 63 },
        maxLength: 63,
      }),
    ).toThrow('can reach 106 characters; the cloud allows 63');
    const byIdentity = createManagedNames({
      ...options,
      template: 'provision-{identity}',
      partLengths: { identity: 26 },
      maxLength: 63,
    });
    expect(byIdentity.longest).toBe(36);
  });
});
