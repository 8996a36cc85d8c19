import {
  type CallOptions,
  type DeleteResult,
  InvalidRequestError,
  type Orphan,
  ProvisionError,
} from '@provision/core';

/**
 * The policy every provider follows for a host's secondary resources (a firewall, a security
 * group, a NIC, a public address, a disk):
 * - a managed, deterministic name per host (`createManagedNames`), so any process finds it again;
 * - creation guarded against races, lost answers and refusals (`ensureSecondaryResource`);
 * - removal that converges: absent is done, in use is "not yet" (`removeSecondaryResource`);
 * - an orphan scan for the ones whose host is gone (`createOrphanScanner`).
 */

/** What one attempt to remove a secondary resource found. */
export type RemovalOutcome = 'deleted' | 'absent' | 'in-use';

/** How one secondary resource of a host is created, as the cloud does it. */
export interface SecondaryCreation<Resource> {
  /** Creates it (one request, or a few that belong together, such as a group and its rules). */
  create(): Promise<Resource>;
  /**
   * This host's resource if it exists already: made by a concurrent caller, or by an earlier
   * attempt whose answer was lost. A resource that exists but is incomplete (a group without its
   * rules) should be completed here.
   */
  find(): Promise<Resource | undefined>;
  /**
   * Whether `error` says the managed name is taken (DigitalOcean 409 `duplicate name`, EC2
   * `InvalidGroup.Duplicate`, GCE `alreadyExists`, Hetzner `uniqueness_error`). Clouds whose
   * names are not unique never answer so and may leave this out.
   */
  nameTaken?(error: unknown): boolean;
  /**
   * Removes a same-named leftover that belongs to no host (what `gc` would remove), so the name
   * can be used again; answers `false` when there is none. Tried once per call.
   */
  reclaim?(): Promise<boolean>;
  /**
   * Undoes the host when the cloud refuses the resource, so no host is ever left without what
   * it asked for (a droplet without its firewall is open on every port). Must not use the
   * caller's signal: a rollback cut short leaves the host open. A host whose creation was
   * aborted or whose outcome is unknown is not rolled back: a repeat of `provision()` completes it.
   */
  rollback?(error: unknown): Promise<void>;
  /** The caller's signal. */
  readonly signal?: AbortSignal | undefined;
}

/** The resource, and whether this call created it (`false`: found, adopted or completed). */
export interface EnsuredResource<Resource> {
  readonly resource: Resource;
  readonly created: boolean;
}

/** An answer that may have been applied: no answer, a timeout, a 5xx (a retryable core error). */
export function outcomeUnknown(error: unknown): boolean {
  return ProvisionError.isInstance(error) && error.retryable;
}

async function createOrAdopt<Resource>(
  steps: SecondaryCreation<Resource>,
  mayReclaim: boolean,
): Promise<EnsuredResource<Resource>> {
  try {
    return { resource: await steps.create(), created: true };
  } catch (error) {
    if (steps.nameTaken?.(error) !== true) throw error;
    const existing = await steps.find();
    if (existing !== undefined) return { resource: existing, created: false };
    if (mayReclaim && steps.reclaim !== undefined && (await steps.reclaim()))
      return createOrAdopt(steps, false);
    throw error;
  }
}

/**
 * Creates a host's secondary resource exactly once, whatever happens on the way:
 * - the name is taken: the resource a concurrent caller (or a lost answer) made is found and
 *   returned; a same-named leftover of no host is reclaimed once; anything else is the error;
 * - the outcome is unknown (no answer, timeout, 5xx): the resource is looked for, and only if it
 *   is not there created once more; if that fails too, the first error goes to the caller with
 *   the host left as it is, for a repeat of `provision()` to complete;
 * - the cloud refuses it (quota, invalid rules, permissions): the host is rolled back, then the
 *   refusal goes to the caller;
 * - the caller aborted: nothing more is sent and nothing is rolled back.
 */
export async function ensureSecondaryResource<Resource>(
  steps: SecondaryCreation<Resource>,
): Promise<EnsuredResource<Resource>> {
  try {
    return await createOrAdopt(steps, true);
  } catch (error) {
    if (steps.signal?.aborted) throw error;
    if (outcomeUnknown(error)) {
      const found = await steps.find().catch(() => undefined);
      if (found !== undefined) return { resource: found, created: false };
      if (steps.signal?.aborted) throw error;
      try {
        return await createOrAdopt(steps, false);
      } catch {
        throw error;
      }
    }
    await steps.rollback?.(error);
    throw error;
  }
}

/**
 * One removal attempt: `remove()` sends the cloud's delete; `classify()` reads a failure as the
 * resource being gone already (`'absent'`: 404, `InvalidGroup.NotFound`) or still used by a host
 * that is shutting down (`'in-use'`: `DependencyViolation`, `resource_in_use`), or returns
 * `undefined` to let the error through. `remove()` may also answer an outcome itself (a delete
 * that accepts 404 as an answer).
 */
export async function removeSecondaryResource(
  remove: () => Promise<RemovalOutcome | undefined | unknown>,
  classify: (error: unknown) => 'absent' | 'in-use' | undefined = () => undefined,
): Promise<RemovalOutcome> {
  try {
    const answer = await remove();
    return answer === 'absent' || answer === 'in-use' ? answer : 'deleted';
  } catch (error) {
    const outcome = classify(error);
    if (outcome === undefined) throw error;
    return outcome;
  }
}

/**
 * How old a managed resource must be before the orphan scan reports it: 10 minutes. Most clouds
 * make a host's firewall (or group, port, address) before its machine: there is a moment, a
 * request or two, in which it is used by nothing; a `gc` in another process then must not take
 * it. Ten minutes covers any provision's gap between the two, and lets `gc` clean up soon after.
 */
export const ORPHAN_MIN_AGE_MS = 10 * 60_000;

// ISO 8601 date and time without an offset (Linode's `created`): the clouds that send it mean UTC.
const ZONELESS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A creation time as clouds send it, in epoch ms: ISO 8601 text (with an offset, or without one
 * read as UTC) or a number of epoch ms; `undefined` for anything missing or unreadable.
 */
export function cloudTimeMs(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(ZONELESS_TIME.test(value) ? `${value}Z` : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How one kind of secondary resource is scanned for orphans. */
export interface OrphanScan<Resource> {
  /** Provider id, for errors. */
  readonly provider: string;
  /** `Orphan.kind`, in the cloud's words: `'firewall'`, `'security-group'`, `'address'`. */
  readonly kind: string;
  /** The cloud's id syntax for it: a foreign or mistyped orphan is refused before any request. */
  readonly idPattern: RegExp;
  /** The managed resources of this kind (of `owner` when the cloud can filter by it). */
  list(filter: { readonly owner?: string }, options?: CallOptions): Promise<readonly Resource[]>;
  /**
   * Which of `candidates` a host still uses (in one request at most, or none when the resource
   * itself says, as DigitalOcean's firewalls list their droplets). Only called with candidates.
   */
  inUse(candidates: readonly Resource[], options?: CallOptions): Promise<ReadonlySet<Resource>>;
  /** The orphan a resource would be (`kind` is added), or `undefined` for one that is not managed. */
  describe(resource: Resource): Omit<Orphan, 'kind'> | undefined;
  /** One removal attempt (see `removeSecondaryResource`). */
  remove(orphan: Orphan, options?: CallOptions): Promise<RemovalOutcome>;
  /**
   * When the resource was created, as `cloudTimeMs` reads it: the cloud's own field
   * (DigitalOcean's `created_at`, Linode's `created`, Vultr's `date_created`, GCE's
   * `creationTimestamp`), or where the cloud keeps none but takes tags, a tag the plugin writes
   * when it makes the resource (EC2, Azure: `provision-created-at`). A resource younger than
   * `ORPHAN_MIN_AGE_MS` is never an orphan: it may be a firewall whose machine is being created
   * right now. A missing or unreadable time counts as old (the resource is judged by use alone); a
   * time ahead of `now` counts as young. Leave it out only for a cloud where neither is possible.
   */
  createdAt?(resource: Resource): string | number | null | undefined;
  /** The clock for `createdAt`, in epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

/** The `orphans()` and `deleteOrphan()` of a provisioner. */
export interface OrphanScanner {
  /** The kinds it scans. */
  readonly kinds: readonly string[];
  orphans(filter?: { readonly owner?: string }, options?: CallOptions): Promise<Orphan[]>;
  deleteOrphan(orphan: Orphan, options?: CallOptions): Promise<DeleteResult>;
}

/** Whether the scan's resource was made less than `ORPHAN_MIN_AGE_MS` ago (see `OrphanScan.createdAt`). */
function tooYoung<Resource>(scan: OrphanScan<Resource>, resource: Resource, now: number): boolean {
  const created = cloudTimeMs(scan.createdAt?.(resource));
  return created !== undefined && now - created < ORPHAN_MIN_AGE_MS;
}

/**
 * `orphans()` and `deleteOrphan()` from one or more scans (a cloud with several kinds, such as
 * a group and an address, passes one per kind; they are listed in parallel). Orphans of another
 * owner are never returned; a resource a host uses is never an orphan, nor one made less than
 * `ORPHAN_MIN_AGE_MS` ago (when the scan can tell). `deleteOrphan()` checks the kind and id
 * before any request, and answers `done: false` while a host still uses it; it removes by id
 * without reading the resource again, so it is meant for what `orphans()` listed: `orphans()` is
 * the guard for use and age.
 */
// biome-ignore lint/suspicious/noExplicitAny: each scan keeps its own resource type.
export function createOrphanScanner(...scans: readonly OrphanScan<any>[]): OrphanScanner {
  const provider = scans[0]?.provider ?? 'provider';
  const kinds = scans.map((scan) => scan.kind);
  return {
    kinds,
    async orphans(filter = {}, options) {
      const found = await Promise.all(
        scans.map(async (scan) => {
          const resources = await scan.list(filter, options);
          const now = (scan.now ?? Date.now)();
          const described = resources.flatMap((resource) => {
            if (tooYoung(scan, resource, now)) return [];
            const orphan = scan.describe(resource);
            if (orphan === undefined) return [];
            if (filter.owner !== undefined && orphan.owner !== filter.owner) return [];
            return [{ resource, orphan: { kind: scan.kind, ...orphan } as Orphan }];
          });
          if (described.length === 0) return [];
          const used = await scan.inUse(
            described.map((entry) => entry.resource),
            options,
          );
          return described.filter((entry) => !used.has(entry.resource)).map((entry) => entry.orphan);
        }),
      );
      return found.flat();
    },
    async deleteOrphan(orphan, options) {
      const scan = scans.find((candidate) => candidate.kind === orphan?.kind);
      if (scan === undefined || typeof orphan.id !== 'string' || !scan.idPattern.test(orphan.id)) {
        const shown = `${String(orphan?.kind).slice(0, 40)} ${String(orphan?.id).slice(0, 60)}`;
        throw new InvalidRequestError(
          `Not a ${provider} orphan: ${shown} (orphans here are ${kinds.join(', ')} with ids the cloud gave them).`,
          { provider, operation: 'orphans', field: 'orphan' },
        );
      }
      const outcome = await scan.remove(orphan, options);
      return outcome === 'in-use'
        ? { done: false, id: orphan.id, remaining: [`${orphan.kind} ${orphan.id}`], found: true }
        : { done: true, id: orphan.id, found: outcome === 'deleted' };
    },
  };
}
