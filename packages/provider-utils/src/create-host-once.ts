import {
  type CallOptions,
  type ExistingHostFacts,
  type Host,
  InvalidRequestError,
  type Logger,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import { outcomeUnknown } from './secondary-resources.js';
import { isStillBeingDeleted } from './still-being-deleted.js';

/** How the machines of one identity are put in race order: when each was made, and its id. */
export interface RaceOrder<Machine> {
  /** The machine's own id: numbers, and ids written in decimal digits, compare as numbers; anything else as text. */
  idOf(machine: Machine): string | number;
  /** When the cloud made it (ISO text, epoch milliseconds or a `Date`); unknown sorts last. */
  createdAtOf(machine: Machine): string | number | Date | null | undefined;
}

/** What `createHostOnce` hands to `toHost`: the one machine that is the host, and how it came. */
export interface SettledMachine<Machine> {
  readonly machine: Machine;
  /** `true`: this call made it. `false`: found before the create, after a failure, or after a lost race. */
  readonly created: boolean;
  /**
   * How this call came to it: `'found'` by the lookup before any create; `'adopted'` by the
   * lookup after a create that failed; `'created'` by this call; `'raced'`: a racer's machine the
   * lookup after this call's create put first (this call's own went to `destroyLoser`). The
   * `losers` beside a `'found'` or `'adopted'` machine may be leftovers of a racer that stopped
   * before destroying its own; beside `'created'` or `'raced'` they are racers still under way.
   */
  readonly origin: 'found' | 'adopted' | 'created' | 'raced';
  /**
   * The machine this call created as the lookup after the create lists it, when it does: for a
   * cloud whose create answers only part of the machine (Nova answers its id). `machine` is the
   * create's answer.
   */
  readonly listed?: Machine | undefined;
  /**
   * The other machines of the identity this call saw: racers' machines that lost, which their
   * makers destroy. A cloud that lists them for a while may destroy them too, or hide them.
   */
  readonly losers: readonly Machine[];
}

/**
 * How one cloud without an idempotency token makes a host, for `createHostOnce`. Every function
 * sends one request, or the few that belong together.
 */
export type HostCreation<Machine, Prepared = undefined> = HostCreationSteps<Machine, Prepared> &
  (
    | {
        /**
         * `true` where the cloud itself refuses a second machine of one identity (Civo's hostnames
         * are unique per account): a create that answered needs no second lookup, and no call
         * ever makes a loser.
         */
        readonly identityIsUnique: true;
      }
    | {
        readonly identityIsUnique?: false;
        /**
         * Destroys the machine this call made after it lost a race to `winner` (it was never
         * handed to anyone), with what was prepared for it unless the winner uses that too. Must
         * not use the caller's signal: a loser left behind is a second bill.
         */
        destroyLoser(loser: Machine, prepared: Prepared, winner: Machine): Promise<void>;
      }
  );

/** The steps of `HostCreation` every cloud gives. */
export interface HostCreationSteps<Machine, Prepared> extends RaceOrder<Machine> {
  /**
   * The provisioner's context (core's `ProvisionerContext` fits): the provider id and where a
   * failed clean-up is logged (it never fails the call), and the catalog that names a found
   * host's OS.
   */
  readonly context: {
    readonly manifest: {
      readonly id: string;
      readonly catalog: { readonly images: Readonly<Record<string, string>> };
    };
    readonly logger: Logger;
  };
  /** What the log calls the machine: `'instance'`, `'device'`, `'droplet'`. */
  readonly machineKind: string;
  /** The spec asked for; a found host is compared with it (`factsOf`). */
  readonly spec: ResolvedHostSpec;
  /** The caller's options: once its signal is aborted nothing more is sent. */
  readonly options?: CallOptions | undefined;
  /**
   * Every live machine that carries the host's managed identity (a tag, a label, a name, metadata),
   * one request where the cloud filters. Machines the cloud is deleting are left out. Throws
   * `InvalidRequestError` where the identity's unique name is held by a machine that is not the
   * host, and `stillBeingDeleted`'s error where it is held by one the cloud is deleting.
   */
  find(): Promise<readonly Machine[]>;
  /**
   * What the machine needs before it is born, once no machine of the identity exists: the group
   * it is created inside, a capacity check, an id to resolve. Throwing here sends no create.
   */
  prepare?(): Promise<Prepared>;
  /** The one create request. Never repeated within a call: a repeat is the caller's, and looks up first. */
  create(prepared: Prepared): Promise<Machine>;
  /**
   * Undoes `prepare` after the cloud refused the create and no machine of the identity exists, or
   * after the lookup following the create refused the spec (`find` threw `InvalidRequestError` or
   * `stillBeingDeleted`'s error: the identity's unique name is held by another machine, so no
   * create was applied).
   * Not after an unknown outcome otherwise (no answer, a timeout, a 5xx): the create may have been
   * applied, and a repeat of `provision()` adopts what was prepared. Must not use the caller's signal.
   */
  discard?(prepared: Prepared, error: unknown): Promise<void>;
  /** The host of the settled machine (may complete it: a firewall, a first boot). */
  toHost(settled: SettledMachine<Machine>): Host | Promise<Host>;
  /**
   * What a machine this call did not make is, as core compares it with the spec; the host then
   * carries `specMismatch` where they differ. An `image` given without `os` is shown by the OS id
   * the catalog has for it. Left out: nothing is compared.
   */
  factsOf?(machine: Machine, host: Host): ExistingHostFacts;
}

function timeOf(value: string | number | Date | null | undefined): number {
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'string'
        ? Date.parse(value)
        : (value ?? Number.NaN);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

const DECIMAL = /^[1-9]\d*$/;

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  // A droplet id read as text ("999" before "1000"), however long: the shorter number is smaller.
  if (left.length !== right.length && DECIMAL.test(left) && DECIMAL.test(right))
    return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The comparison `raceOrder` sorts by: negative when `a` comes first. */
export function byRaceOrder<Machine>(order: RaceOrder<Machine>): (a: Machine, b: Machine) => number {
  return (a, b) =>
    timeOf(order.createdAtOf(a)) - timeOf(order.createdAtOf(b)) || compareIds(order.idOf(a), order.idOf(b));
}

/**
 * `machines` in race order: the oldest first, then the smallest id. The first is the host when
 * several carry one identity (racing callers on a cloud with no idempotency token). Every caller,
 * in any process, picks the same one from what it sees, and a machine made later never displaces
 * it, so the choice converges.
 */
export function raceOrder<Machine>(machines: readonly Machine[], order: RaceOrder<Machine>): Machine[] {
  return [...machines].sort(byRaceOrder(order));
}

async function settle<Machine, Prepared>(
  parts: HostCreationSteps<Machine, Prepared>,
  settled: SettledMachine<Machine>,
): Promise<Host> {
  const host = await parts.toHost(settled);
  if (settled.created || parts.factsOf === undefined) return host;
  const facts = parts.factsOf(settled.machine, host);
  const os =
    facts.os ??
    Object.entries(parts.context.manifest.catalog.images).find(([, image]) => image === facts.image)?.[0];
  const mismatch = specMismatch(os === undefined ? facts : { ...facts, os }, parts.spec);
  return mismatch.length === 0 ? host : { ...host, specMismatch: mismatch };
}

/** Runs a clean-up that must not fail the call; a failure is logged, and `delete()` or `gc` finishes it. */
async function cleanUp<Machine, Prepared>(
  parts: HostCreationSteps<Machine, Prepared>,
  what: string,
  machineId: string | number | undefined,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    parts.context.logger.warn(`could not ${what}; delete() or gc finishes it`, {
      provider: parts.context.manifest.id,
      machineKind: parts.machineKind,
      ...(machineId === undefined ? {} : { machineId }),
      error: (error as Error).name,
    });
  }
}

/**
 * `provision()` on a cloud that has no idempotency token: one host per managed identity, whatever
 * races, lost answers and refusals happen.
 * - Look the identity up first: a host that exists is returned (with `specMismatch` where it
 *   differs from the spec), never duplicated; the oldest when racers left several.
 * - Otherwise `prepare`, then create, once.
 * - The create failed: look the identity up again before deciding. The answer may have been lost
 *   after the cloud made the machine (a timeout, a 5xx, a reset connection), or a racer made it
 *   (the name taken, the account's limit reached by the racers): a machine found now is adopted.
 *   Nothing found: what was prepared is discarded if the cloud refused, kept if the outcome is
 *   unknown, and the error goes to the caller. A lookup that refuses the spec (a machine that is
 *   not the host holds the identity's unique name) discards what was prepared and is the error
 *   the caller gets. An aborted call sends nothing more.
 * - The create answered: look the identity up again (unless the cloud keeps identities unique),
 *   so that racing callers converge on the oldest machine; a loser destroys its own and returns
 *   the winner.
 * Request count: 1 when the host exists; find, create, find otherwise (find, create where the
 * identity is unique); `prepare`'s own on top.
 */
export async function createHostOnce<Machine, Prepared = undefined>(
  parts: HostCreation<Machine, Prepared>,
): Promise<Host> {
  const [existing, ...others] = raceOrder(await parts.find(), parts);
  if (existing !== undefined)
    return settle(parts, { machine: existing, created: false, origin: 'found', losers: others });
  const prepared = (await parts.prepare?.()) as Prepared;
  let created: Machine;
  try {
    created = await parts.create(prepared);
  } catch (error) {
    if (parts.options?.signal?.aborted) throw error;
    // A lookup that fails does not hide the create's error, unless it refuses the spec itself (the
    // identity's unique name held by a machine that is not the host, or by one being deleted):
    // that is the better answer.
    let refusal: unknown;
    const seen = await parts.find().catch((lookupError: unknown) => {
      if (InvalidRequestError.isInstance(lookupError) || isStillBeingDeleted(lookupError))
        refusal = lookupError;
      return [];
    });
    const [found, ...losers] = raceOrder(seen, parts);
    if (found !== undefined)
      return settle(parts, { machine: found, created: false, origin: 'adopted', losers });
    // Refused, or the unique name is held by another machine, so no create of it was applied:
    // what was prepared guards nothing now.
    if (
      parts.prepare !== undefined &&
      parts.discard !== undefined &&
      (refusal !== undefined || !outcomeUnknown(error))
    ) {
      const discard = parts.discard;
      await cleanUp(parts, `discard what was made for a refused ${parts.machineKind}`, undefined, () =>
        discard(prepared, error),
      );
    }
    throw refusal === undefined ? error : refusal;
  }
  if (parts.identityIsUnique === true)
    return settle(parts, { machine: created, created: true, origin: 'created', losers: [] });
  const createdId = parts.idOf(created);
  const seen = await parts.find();
  const listed = seen.find((machine) => parts.idOf(machine) === createdId);
  const [winner, ...rest] = raceOrder(listed === undefined ? [...seen, created] : seen, parts);
  if (winner === undefined || parts.idOf(winner) === createdId)
    return settle(parts, { machine: created, created: true, origin: 'created', losers: rest, listed });
  const { destroyLoser } = parts;
  await cleanUp(parts, `destroy a duplicate ${parts.machineKind}`, createdId, () =>
    destroyLoser(created, prepared, winner),
  );
  const losers = rest.filter((machine) => parts.idOf(machine) !== createdId);
  return settle(parts, { machine: winner, created: false, origin: 'raced', losers });
}
