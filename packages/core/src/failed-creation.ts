import type { Host } from './spec/v1/host.js';

/** What a plugin knows about a creation the cloud accepted and then failed. */
export interface FailedCreation {
  /** The id `provision()` returned (status() must answer with the id it was given). */
  readonly id: string;
  readonly provider: string;
  /**
   * The cloud's reason, or the plugin's explanation when the cloud records none. Never the
   * user-data or a credential.
   */
  readonly reason: string;
  /** The cloud's own word for the failed state or operation, e.g. `'errored'`, `'DONE'`. Default `'failed'`. */
  readonly nativeStatus?: string;
  /** What is still known (from the id, the failed operation, or the resource's tags); `''` when not. */
  readonly name?: string;
  readonly owner?: string;
  readonly region?: string;
  readonly plan?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly createdAt?: Date;
}

/**
 * The `Host` for a creation that failed asynchronously, possibly leaving no resource behind
 * (DigitalOcean removes the droplet; a GCE insert whose operation fails creates no instance).
 * DESIGN section 2: such a host reads as `error` with the cloud's reason until it is deleted,
 * never as eternal `provisioning` and never as not found.
 *
 * How a plugin finds the failure once the resource is gone is its own: a filter on the cloud's
 * operations by target (GCE `zoneOperations.list`), or an id part that records the create
 * operation. Such a part is only allowed where every call that returns the host (`provision()`
 * again, `list()`, delete by IP) can write the same part, because a host's id never changes.
 */
export function failedCreationHost(failure: FailedCreation): Host {
  return {
    id: failure.id,
    provider: failure.provider,
    name: failure.name ?? '',
    owner: failure.owner ?? '',
    status: 'error',
    nativeStatus: failure.nativeStatus ?? 'failed',
    region: failure.region ?? '',
    plan: failure.plan ?? '',
    tags: { ...failure.tags },
    ...(failure.createdAt === undefined ? {} : { createdAt: failure.createdAt }),
    firewalled: false,
    error: failure.reason,
  };
}
