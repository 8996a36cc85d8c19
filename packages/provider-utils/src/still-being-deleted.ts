import { type Operation, ProviderApiError, ProvisionError } from '@provision/core';

/** The `code` of the error `stillBeingDeleted` gives. */
export const STILL_BEING_DELETED = 'still_being_deleted';

/** What `stillBeingDeleted` names. */
export interface StillBeingDeletedInput {
  /** The plugin id, e.g. `'linode'`. */
  readonly provider: string;
  /** What the cloud calls the machine: `'instance'`, `'server'`, `'linode'`. */
  readonly machineKind: string;
  /** The machine as the message shows it: its id, or its name in quotes. */
  readonly machine: string;
  /** The host asked for. */
  readonly spec: { readonly owner: string; readonly name: string };
  /** Default `'provision'`. */
  readonly operation?: Operation | undefined;
}

/**
 * The one answer of `provision()` when the host's unique name is held by a machine the cloud is
 * still deleting: that machine is not the host any more (it is never adopted), and the cloud
 * refuses a new one of the name until it is gone. A `ProviderApiError` with code
 * `still_being_deleted`, status 409, retryable: the same call succeeds once the machine is gone.
 */
export function stillBeingDeleted(input: StillBeingDeletedInput): ProviderApiError {
  const { owner, name } = input.spec;
  return new ProviderApiError(
    `The ${input.machineKind} ${input.machine} that holds the name of the host (${owner}, ${name}) is still being deleted; the cloud refuses another of that name until it is gone. Try again then.`,
    {
      provider: input.provider,
      operation: input.operation ?? 'provision',
      code: STILL_BEING_DELETED,
      status: 409,
      retryable: true,
      hint: 'Try again in a minute or two; `delete()` of the old host says done once it is gone.',
    },
  );
}

/** Whether `error` is the one `stillBeingDeleted` gives. */
export function isStillBeingDeleted(error: unknown): boolean {
  return ProvisionError.isInstance(error) && error.code === STILL_BEING_DELETED;
}
