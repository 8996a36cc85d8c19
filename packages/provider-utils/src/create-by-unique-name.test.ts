import { ProviderApiError, ProvisionError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { createByUniqueName, type UniqueNameCreation } from './create-by-unique-name.js';
import { stillBeingDeleted } from './still-being-deleted.js';

interface Machine {
  readonly name: string;
  readonly identity: string;
  readonly deleting?: boolean;
}

const spec = { owner: 'team', name: 'web' };
const taken = () =>
  new ProviderApiError('name is already used', {
    provider: 'smallcloud',
    operation: 'provision',
    status: 409,
    providerCode: 'uniqueness_error',
  });
const unavailable = () =>
  new ProviderApiError('service unavailable', {
    provider: 'smallcloud',
    operation: 'provision',
    status: 503,
    retryable: true,
  });
const refused = () =>
  new ProviderApiError('server limit reached', {
    provider: 'smallcloud',
    operation: 'provision',
    status: 403,
    providerCode: 'resource_limit_exceeded',
  });

/**
 * A cloud that keeps names unique, as the steps see it: each create answers the next of `creates`
 * (a machine made, or an error), each lookup the next of `lookups`; what was sent is counted.
 */
function cloud(creates: Array<Machine | Error>, lookups: Array<Machine | undefined | Error> = []) {
  const sent = { creates: 0, lookups: 0 };
  const steps: UniqueNameCreation<Machine, Machine> = {
    provider: 'smallcloud',
    machineKind: 'instance',
    name: 'web.team',
    scope: 'in this account',
    uniquePer: 'account',
    spec,
    takenCode: 'uniqueness_error',
    async create() {
      const answer = creates[sent.creates++];
      if (answer === undefined || answer instanceof Error) throw answer ?? new Error('no more creates');
      return answer;
    },
    async lookup() {
      const answer = lookups[sent.lookups++];
      if (answer instanceof Error) throw answer;
      return answer;
    },
    isHost: (machine) => machine.identity === 'team_web',
    refuse(machine) {
      if (machine.deleting === true)
        throw stillBeingDeleted({
          provider: 'smallcloud',
          machineKind: 'instance',
          machine: machine.name,
          spec,
        });
    },
  };
  return { steps, sent };
}

const ours: Machine = { name: 'web.team', identity: 'team_web' };
const foreign: Machine = { name: 'web.team', identity: 'someone_else' };

describe('createByUniqueName', () => {
  it('a free name: one create, no lookup', async () => {
    const { steps, sent } = cloud([ours]);
    expect(await createByUniqueName(steps)).toEqual({ created: ours });
    expect(sent).toEqual({ creates: 1, lookups: 0 });
  });

  it('taken by this host (a repeat, a racer, a lost answer): the holder is adopted, nothing made twice', async () => {
    const { steps, sent } = cloud([taken()], [ours]);
    expect(await createByUniqueName(steps)).toEqual({ found: ours });
    expect(sent).toEqual({ creates: 1, lookups: 1 });
  });

  it('taken by another machine: a typed 409 naming the machine and the host, never adopted', async () => {
    const { steps, sent } = cloud([taken()], [foreign]);
    const error = await createByUniqueName(steps).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({ status: 409, providerCode: 'uniqueness_error', retryable: false });
    expect((error as Error).message).toBe(
      'An instance named "web.team" already exists in this account and is not the host (team, web): instance names are unique per account.',
    );
    expect(sent).toEqual({ creates: 1, lookups: 1 });
  });

  it('taken, and the lookup fails: the lookup’s error, never "taken by another" and never a second create', async () => {
    const lookupError = unavailable();
    const { steps, sent } = cloud([taken()], [lookupError]);
    await expect(createByUniqueName(steps)).rejects.toBe(lookupError);
    expect(sent).toEqual({ creates: 1, lookups: 1 });
  });

  it('taken by a machine gone since: one more create', async () => {
    const { steps, sent } = cloud([taken(), ours], [undefined]);
    expect(await createByUniqueName(steps)).toEqual({ created: ours });
    expect(sent).toEqual({ creates: 2, lookups: 1 });
  });

  it('taken by a machine being deleted: the refusal (retryable), whoever holds it', async () => {
    for (const holder of [
      { ...ours, deleting: true },
      { ...foreign, deleting: true },
    ]) {
      const { steps, sent } = cloud([taken()], [holder]);
      await expect(createByUniqueName(steps)).rejects.toMatchObject({
        code: 'still_being_deleted',
        retryable: true,
      });
      expect(sent).toEqual({ creates: 1, lookups: 1 });
    }
  });

  it('an unknown outcome: the host adopted when the lookup shows it, else the create’s own error', async () => {
    const adopted = cloud([unavailable()], [ours]);
    expect(await createByUniqueName(adopted.steps)).toEqual({ found: ours });
    for (const lookup of [undefined, foreign, refused()]) {
      const createError = unavailable();
      const { steps, sent } = cloud([createError], [lookup]);
      await expect(createByUniqueName(steps)).rejects.toBe(createError);
      expect(sent).toEqual({ creates: 1, lookups: 1 });
    }
  });

  it('a refusal, or an aborted call, is the answer with nothing more sent', async () => {
    const refusal = refused();
    const plain = cloud([refusal], [ours]);
    await expect(createByUniqueName(plain.steps)).rejects.toBe(refusal);
    expect(plain.sent).toEqual({ creates: 1, lookups: 0 });

    const controller = new AbortController();
    const aborted = cloud([taken()], [ours]);
    const create = aborted.steps.create;
    const steps = {
      ...aborted.steps,
      signal: controller.signal,
      create: () => {
        controller.abort();
        return create();
      },
    };
    await expect(createByUniqueName(steps)).rejects.toSatisfy(ProvisionError.isInstance);
    expect(aborted.sent).toEqual({ creates: 1, lookups: 0 });
  });
});
