import { type Host, InvalidRequestError, ProvisionError, type ResolvedHostSpec } from '@provision/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createHostOnce, type HostCreation } from './create-host-once.js';
import { createJsonClient, type JsonClient } from './json-client.js';
import { createRateLimiter } from './rate-limiter.js';
import { type Machine, SmallCloud, serveSmallCloud } from './small-cloud.test-support.js';
import { stillBeingDeleted } from './still-being-deleted.js';

const cloud = new SmallCloud();
let served: Awaited<ReturnType<typeof serveSmallCloud>>;
let client: JsonClient;

beforeAll(async () => {
  served = await serveSmallCloud(cloud);
  client = createJsonClient({
    provider: 'smallcloud',
    version: '1',
    baseUrl: served.baseUrl,
    credential: () => 'token',
    rateLimiter: createRateLimiter(),
    retry: { maxRetries: 0, baseDelayMs: 1 },
    sleep: async () => {},
  });
});

beforeEach(() => cloud.reset());

afterAll(() => served.close());

const machineSchema = z.object({
  id: z.number(),
  identity: z.string(),
  plan: z.string(),
  region: z.string(),
  image: z.string(),
  group: z.string().nullable(),
  created_at: z.string(),
});
const machineList = z.object({ machines: z.array(machineSchema) });

const spec: ResolvedHostSpec = {
  name: 'web',
  owner: 'team',
  region: 'east',
  plan: 'small',
  os: 'ubuntu-24.04',
  image: 'ubuntu-24-04',
  userData: undefined,
  tags: {},
  inbound: undefined,
  ttlMs: undefined,
  options: {},
};
const IDENTITY = 'team_web';

function hostOf(machine: Machine): Host {
  return {
    id: String(machine.id),
    provider: 'smallcloud',
    name: spec.name,
    owner: spec.owner,
    status: 'provisioning',
    nativeStatus: 'new',
    region: machine.region,
    plan: machine.plan,
    tags: {},
    firewalled: machine.group !== null,
  };
}

interface Warning {
  message: string;
  fields: Record<string, unknown> | undefined;
}

/** The parts a provider would write, each one request to the small cloud. */
function parts(
  overrides: Partial<HostCreation<Machine, string | undefined>> = {},
  warnings: Warning[] = [],
): HostCreation<Machine, string | undefined> {
  return {
    context: {
      manifest: {
        id: 'smallcloud',
        catalog: { images: { 'ubuntu-24.04': 'ubuntu-24-04', 'debian-12': 'debian-12-bookworm' } },
      },
      logger: { debug() {}, warn: (message, fields) => warnings.push({ message, fields }) },
    },
    machineKind: 'machine',
    spec,
    idOf: (machine) => machine.id,
    createdAtOf: (machine) => machine.created_at,
    find: async () =>
      (
        await client.request({
          method: 'GET',
          path: '/machines',
          query: { identity: IDENTITY },
          operation: 'provision',
          schema: machineList,
        })
      ).data.machines,
    create: async (group) =>
      (
        await client.request({
          method: 'POST',
          path: '/machines',
          body: {
            identity: IDENTITY,
            plan: spec.plan,
            region: spec.region,
            image: spec.image,
            group: group ?? null,
          },
          operation: 'provision',
          schema: machineSchema,
          signal: overrides.options?.signal,
        })
      ).data,
    destroyLoser: async (loser) => {
      await client.request({
        method: 'DELETE',
        path: `/machines/${loser.id}`,
        operation: 'provision',
        allowStatus: [404],
      });
    },
    toHost: ({ machine }) => hostOf(machine),
    factsOf: (machine) => ({ region: machine.region, plan: machine.plan, image: machine.image }),
    ...overrides,
  };
}

/** Parts whose machine is born inside a group made first, as Vultr's and Scaleway's are. */
function withGroup(overrides: Partial<HostCreation<Machine, string | undefined>> = {}) {
  return parts({
    prepare: async () =>
      (
        await client.request({
          method: 'POST',
          path: '/groups',
          body: {},
          operation: 'provision',
          schema: z.object({ id: z.string() }),
        })
      ).data.id,
    discard: async (group) => {
      await client.request({ method: 'DELETE', path: `/groups/${group}`, operation: 'provision' });
    },
    ...overrides,
  });
}

async function failureOf(action: Promise<unknown>): Promise<unknown> {
  return action.then(
    () => expect.unreachable('the call succeeded'),
    (error: unknown) => error,
  );
}

describe('createHostOnce', () => {
  it('creates a host with a lookup, the create and a lookup again', async () => {
    const host = await createHostOnce(parts());
    expect(cloud.machines.size).toBe(1);
    expect(host.id).toBe(String([...cloud.machines.keys()][0]));
    expect(host.specMismatch).toBeUndefined();
    expect(cloud.log).toEqual(['GET /machines', 'POST /machines', 'GET /machines']);
  });

  it('returns the host that exists after one lookup, and says how it differs from the spec', async () => {
    const existing = cloud.add(IDENTITY, { plan: 'large' });
    const host = await createHostOnce(parts());
    expect(host.id).toBe(String(existing.id));
    expect(host.specMismatch).toEqual(['plan: large (asked: small)']);
    expect(cloud.log).toEqual(['GET /machines']);
    expect(cloud.machines.size).toBe(1);
  });

  it.each([
    ['debian-12-bookworm', 'os: debian-12 (asked: ubuntu-24.04)'],
    ['custom-7', 'os: custom-7 (asked: ubuntu-24.04)'],
  ])('names a found host’s image %s by the catalog’s OS id where it has one', async (image, difference) => {
    cloud.add(IDENTITY, { image });
    const host = await createHostOnce(parts());
    expect(host.specMismatch).toEqual([difference]);
  });

  it('picks the oldest when racers left several, and hands the others over as losers', async () => {
    const newer = cloud.add(IDENTITY, { created_at: '2026-12-01T10:00:05Z' });
    const older = cloud.add(IDENTITY, { created_at: '2026-12-01T10:00:01Z' });
    const seen: number[] = [];
    const host = await createHostOnce(
      parts({
        toHost: ({ machine, losers }) => {
          seen.push(...losers.map((loser) => loser.id));
          return hostOf(machine);
        },
      }),
    );
    expect(host.id).toBe(String(older.id));
    expect(seen).toEqual([newer.id]);
  });

  it('tells toHost how the call came to the machine: found, adopted, created, or a racer’s that won', async () => {
    const origins: string[] = [];
    const recording = (overrides: Partial<HostCreation<Machine, string | undefined>> = {}) =>
      parts({
        toHost: ({ machine, origin }) => {
          origins.push(origin);
          return hostOf(machine);
        },
        ...overrides,
      });
    await createHostOnce(recording());
    await createHostOnce(recording());
    cloud.reset();
    cloud.createFaults = ['reset-after-commit'];
    await createHostOnce(recording());
    cloud.reset();
    const winner = cloud.add(IDENTITY);
    cloud.lagging.set(winner.id, 1); // made by a racer: the first lookup does not show it yet
    await createHostOnce(recording());
    expect(origins).toEqual(['created', 'found', 'adopted', 'raced']);
  });

  it('hands toHost the machine it created as the lookup after the create lists it, when it does', async () => {
    const base = parts();
    const settled: Array<{ answered: string; listed: string | undefined }> = [];
    const partial = parts({
      // A create that answers only part of the machine, as Nova answers its id.
      create: async (group) => ({ ...(await base.create(group)), image: 'not in the answer' }),
      toHost: ({ machine, listed }) => {
        settled.push({ answered: machine.image, listed: listed?.image });
        return hostOf(machine);
      },
    });
    await createHostOnce(partial);
    cloud.reset();
    cloud.afterCreate = (machine) => cloud.lagging.set(machine.id, 1);
    await createHostOnce(partial);
    expect(settled).toEqual([
      { answered: 'not in the answer', listed: 'ubuntu-24-04' },
      { answered: 'not in the answer', listed: undefined },
    ]);
  });

  it.each(['reset-after-commit', '500-after-commit'] as const)(
    'adopts the machine a create made with its answer lost (%s), never making a second',
    async (fault) => {
      cloud.createFaults = [fault];
      const host = await createHostOnce(parts());
      expect(cloud.machines.size).toBe(1);
      expect(host.id).toBe(String([...cloud.machines.keys()][0]));
      expect(host.specMismatch).toBeUndefined();
      expect(cloud.log).toEqual(['GET /machines', 'POST /machines', 'GET /machines']);
    },
  );

  it('gives a lost answer the cloud did not apply to the caller as retryable, and keeps what was prepared', async () => {
    cloud.createFaults = ['500'];
    const error = await failureOf(createHostOnce(withGroup()));
    expect(ProvisionError.isInstance(error) && error.retryable).toBe(true);
    // The group stays for the caller's repeat: the create may yet show up as applied.
    expect(cloud.groups.size).toBe(1);
    expect(cloud.machines.size).toBe(0);
    expect(cloud.log).toEqual(['GET /machines', 'POST /groups', 'POST /machines', 'GET /machines']);
  });

  it('discards what was prepared when the cloud refuses the create, then gives the refusal', async () => {
    cloud.createFaults = ['refused'];
    const error = await failureOf(createHostOnce(withGroup()));
    expect(ProvisionError.isInstance(error) && error.retryable).toBe(false);
    expect(cloud.groups.size).toBe(0);
    expect(cloud.log).toEqual([
      'GET /machines',
      'POST /groups',
      'POST /machines',
      'GET /machines',
      'DELETE /groups/g-1',
    ]);
  });

  it('adopts a racer’s machine when its create was refused for it (the account’s limit reached)', async () => {
    const racer = cloud.add(IDENTITY);
    cloud.lagging.set(racer.id, 1); // the first lookup does not show the racer's machine yet
    cloud.createFaults = ['limit-reached'];
    const host = await createHostOnce(withGroup());
    expect(host.id).toBe(String(racer.id));
    expect(cloud.machines.size).toBe(1);
    // Adopted, not refused: nothing is discarded after a host was found.
    expect(cloud.log).not.toContain('DELETE /groups/g-1');
  });

  it('counts the machine it made even when the listing shows only a newer racer’s', async () => {
    let mine: Machine | undefined;
    cloud.afterCreate = (machine) => {
      mine = machine;
      cloud.afterCreate = undefined;
      cloud.lagging.set(machine.id, 1);
      cloud.add(IDENTITY); // a racer's, made just after: it loses, and its maker destroys it
    };
    const host = await createHostOnce(parts());
    expect(host.id).toBe(String(mine?.id));
    expect(cloud.machines.has(mine?.id ?? 0)).toBe(true);
    expect(cloud.log.filter((line) => line.startsWith('DELETE /machines/'))).toEqual([]);
  });

  it('makes racing callers converge on one machine, each loser destroying its own', async () => {
    const racers = 4;
    cloud.holdLookups(racers); // every racer's first lookup finds nothing
    const hosts = await Promise.all(Array.from({ length: racers }, () => createHostOnce(parts())));
    expect(new Set(hosts.map((host) => host.id)).size).toBe(1);
    expect([...cloud.machines.keys()].map(String)).toEqual([hosts[0]?.id]);
    expect(cloud.log.filter((line) => line === 'POST /machines')).toHaveLength(racers);
    expect(cloud.log.filter((line) => line.startsWith('DELETE /machines/'))).toHaveLength(racers - 1);
  });

  it('where the cloud keeps identities unique, adopts after the refusal and skips the second lookup', async () => {
    cloud.uniqueIdentities = true;
    cloud.holdLookups(2);
    const hosts = await Promise.all([
      createHostOnce(parts({ identityIsUnique: true })),
      createHostOnce(parts({ identityIsUnique: true })),
    ]);
    expect(hosts[0]?.id).toBe(hosts[1]?.id);
    expect(cloud.machines.size).toBe(1);
    expect(cloud.log.filter((line) => line === 'GET /machines')).toHaveLength(3);
    expect(cloud.log.filter((line) => line.startsWith('DELETE /machines/'))).toEqual([]);
  });

  it('sends nothing more once the caller aborted, and leaves what was prepared', async () => {
    const controller = new AbortController();
    cloud.onCreate = () => controller.abort();
    cloud.createFaults = ['refused'];
    await failureOf(createHostOnce(withGroup({ options: { signal: controller.signal } })));
    expect(cloud.log).toEqual(['GET /machines', 'POST /groups', 'POST /machines']);
    expect(cloud.groups.size).toBe(1);
  });

  it('sends no create when preparing fails', async () => {
    const refusal = new Error('no capacity');
    const error = await failureOf(
      createHostOnce(
        parts({
          prepare: async () => {
            throw refusal;
          },
        }),
      ),
    );
    expect(error).toBe(refusal);
    expect(cloud.log).toEqual(['GET /machines']);
  });

  /** A create that meets `fault` (refused by default) and whose lookup after it throws `lookupError`. */
  const refusedThenLookupFails = (
    lookupError: Error,
    base = parts(),
    fault: 'refused' | '500' = 'refused',
  ) => {
    cloud.createFaults = [fault];
    let lookups = 0;
    return failureOf(
      createHostOnce({
        ...base,
        find: async () => {
          lookups += 1;
          if (lookups === 2) throw lookupError;
          return base.find();
        },
      }),
    );
  };

  it('gives the create’s error when the lookup after it fails too', async () => {
    const error = await refusedThenLookupFails(new Error('lookup failed'));
    expect(ProvisionError.isInstance(error) && error.message).toContain('plan not offered here');
  });

  it('gives the lookup’s own refusal of the spec after a failed create, where it has one', async () => {
    const refusal = new InvalidRequestError('the name is held by another machine', {
      provider: 'smallcloud',
      operation: 'provision',
      field: 'name',
    });
    expect(await refusedThenLookupFails(refusal)).toBe(refusal);
  });

  for (const fault of ['refused', '500'] as const)
    it(`discards what was prepared when that lookup refuses the spec (create ${fault}): no create of the name was applied`, async () => {
      const refusal = new InvalidRequestError('the name is held by another machine', {
        provider: 'smallcloud',
        operation: 'provision',
        field: 'name',
      });
      expect(await refusedThenLookupFails(refusal, withGroup(), fault)).toBe(refusal);
      expect(cloud.groups.size).toBe(0);
      // The lookup that refused is the provider's own (no request logged here).
      expect(cloud.log).toEqual(['GET /machines', 'POST /groups', 'POST /machines', 'DELETE /groups/g-1']);
    });

  it('gives the lookup’s “still being deleted” after a failed create, and discards what was prepared', async () => {
    const going = stillBeingDeleted({
      provider: 'smallcloud',
      machineKind: 'machine',
      machine: '101',
      spec,
    });
    expect(await refusedThenLookupFails(going, withGroup(), '500')).toBe(going);
    expect(cloud.groups.size).toBe(0);
  });

  it('keeps what was prepared when that lookup fails otherwise after an unknown outcome', async () => {
    const error = await refusedThenLookupFails(new Error('lookup failed'), withGroup(), '500');
    expect(ProvisionError.isInstance(error) && error.retryable).toBe(true);
    expect(cloud.groups.size).toBe(1);
  });

  it('logs a loser it could not destroy and still returns the winner', async () => {
    const warnings: Warning[] = [];
    const winner = cloud.add(IDENTITY);
    cloud.lagging.set(winner.id, 1);
    const host = await createHostOnce(
      parts(
        {
          destroyLoser: async () => {
            throw new TypeError('socket closed');
          },
        },
        warnings,
      ),
    );
    expect(host.id).toBe(String(winner.id));
    expect(host.specMismatch).toBeUndefined();
    expect(warnings).toEqual([
      {
        message: 'could not destroy a duplicate machine; delete() or gc finishes it',
        fields: expect.objectContaining({ provider: 'smallcloud', error: 'TypeError' }),
      },
    ]);
  });
});
