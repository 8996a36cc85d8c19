import { ProviderApiError } from '@provision/core';
import { hasProviderCode } from './has-provider-code.js';
import { outcomeUnknown } from './secondary-resources.js';

/**
 * A host's machine made under a name the cloud keeps unique, which is then the cloud's own
 * idempotency key: Hetzner's server names (unique per project), Compute Engine's instance names
 * (unique per zone).
 */
export interface UniqueNameCreation<Machine, Created> {
  /** The plugin id, e.g. `'hetzner'`. */
  readonly provider: string;
  /** What the cloud calls the machine: `'server'`, `'instance'`. */
  readonly machineKind: string;
  /** The machine's unique name, as sent. */
  readonly name: string;
  /** Where the name is unique, as the error says it: `'in this Hetzner project'`, `'in zone fsn1'`. */
  readonly scope: string;
  /** Its unit, for the same sentence: `'project'`, `'zone'`. */
  readonly uniquePer: string;
  /** The host asked for. */
  readonly spec: { readonly owner: string; readonly name: string };
  /** The cloud's code for "the name is taken" (`uniqueness_error`, `alreadyExists`). */
  readonly takenCode: string;
  /** The one create request; what it answers is `created`. */
  create(): Promise<Created>;
  /** The machine that holds the name now, or `undefined`: one GET or one filtered listing. */
  lookup(): Promise<Machine | undefined>;
  /** Whether the machine holding the name is this host (its managed identity says so). */
  isHost(machine: Machine): boolean;
  /** Throws when the holder may not be adopted or replaced now (a machine being deleted). */
  refuse?(machine: Machine): void;
  /** The caller's signal: an aborted call sends nothing more. */
  readonly signal?: AbortSignal | undefined;
}

/** What `createByUniqueName` ends with: the machine this call created, or the host it found. */
export type UniqueNameOutcome<Machine, Created> =
  | { readonly created: Created; readonly found?: undefined }
  | { readonly found: Machine; readonly created?: undefined };

/**
 * `provision()`'s create where the name is unique: create first, with no lookup before it.
 * - Created: that is the host (`created`).
 * - The name is taken (a repeat, a racer, a lost answer that was applied): the holder is looked up.
 *   This host's machine is adopted (`found`). Another machine gives a typed `ProviderApiError`
 *   (409, the taken code). A holder gone since is followed by one more create. When the lookup
 *   fails, its error is the answer (only the lookup can tell whose the name is): never "taken by
 *   another", never a second create.
 * - The outcome is unknown (no answer, a timeout, a 5xx): a holder that is the host is adopted;
 *   otherwise the create's own error goes to the caller, the lookup's failure included.
 * - Refused for another reason, or aborted: that error, nothing more sent.
 * Requests: 1 on a free name; 2 (create, lookup) for a repeat; 3 when the holder went meanwhile.
 */
export async function createByUniqueName<Machine, Created>(
  steps: UniqueNameCreation<Machine, Created>,
): Promise<UniqueNameOutcome<Machine, Created>> {
  try {
    return { created: await steps.create() };
  } catch (error) {
    const taken = hasProviderCode(error, steps.takenCode);
    if (steps.signal?.aborted || !(taken || outcomeUnknown(error))) throw error;
    const holder = await steps.lookup().catch((lookupError: unknown) => {
      throw taken ? lookupError : error;
    });
    if (holder !== undefined) steps.refuse?.(holder);
    if (holder !== undefined && steps.isHost(holder)) return { found: holder };
    if (!taken) throw error;
    if (holder !== undefined) {
      const { machineKind: kind, spec } = steps;
      throw new ProviderApiError(
        `${/^[aeiou]/i.test(kind) ? 'An' : 'A'} ${kind} named "${steps.name}" already exists ${steps.scope} and is not the host (${spec.owner}, ${spec.name}): ${kind} names are unique per ${steps.uniquePer}.`,
        {
          provider: steps.provider,
          operation: 'provision',
          status: 409,
          providerCode: steps.takenCode,
        },
      );
    }
    // The machine that held the name is gone: the name is free again.
    return { created: await steps.create() };
  }
}
