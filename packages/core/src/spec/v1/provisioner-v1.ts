import type { CallOptions } from './call-options.js';
import type { DeleteResult } from './delete-result.js';
import type { Host } from './host.js';
import type { HostInbound } from './host-inbound.js';
import type { HostRef } from './host-ref.js';
import type { HostSpec } from './host-spec.js';
import type { ListFilter } from './list-filter.js';
import type { Orphan } from './orphan.js';
import type { Plan, PlanQuery } from './plan.js';
import type { Quota } from './quota.js';
import type { Region } from './region.js';

/**
 * One cloud, version 1 of the contract. Every call returns promptly: nothing here waits for
 * a machine to boot or a deletion to finish (use `waitForHost` for that).
 */
export interface ProvisionerV1 {
  /** Marks the contract version, so a later version can adapt v1 plugins. */
  readonly specificationVersion: 'v1';
  /** The plugin id, e.g. `'digitalocean'`. */
  readonly provider: string;
  /**
   * Starts creating a host and returns it (usually `provisioning`). Idempotent by `(owner, name)`:
   * an existing managed host of that name is returned, never duplicated.
   * @throws InvalidRequestError before any request when the spec breaks a rule.
   */
  provision(spec: HostSpec, options?: CallOptions): Promise<Host>;
  /**
   * The host now. A creation the cloud accepted and then failed reads as `status: 'error'` with the
   * cloud's reason until the host is deleted, even when the cloud left no resource
   * (`failedCreationHost` builds that host).
   * @throws HostNotFoundError when it does not exist (or no longer does).
   */
  status(id: string, options?: CallOptions): Promise<Host>;
  /**
   * Moves deletion forward without waiting: `{ done: false }` while the host or any secondary
   * resource remains, `{ done: true }` once nothing does. Unknown hosts are done.
   */
  delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult>;
  /** Managed hosts, every page. */
  list?(filter?: ListFilter, options?: CallOptions): Promise<Host[]>;
  /** Powers a stopped host on. */
  start?(id: string, options?: CallOptions): Promise<Host>;
  /** Powers a host off (it may still be billed). */
  stop?(id: string, options?: CallOptions): Promise<Host>;
  /** Reboots a host. */
  reboot?(id: string, options?: CallOptions): Promise<Host>;
  /** Plans with prices (live where the cloud publishes them). */
  plans?(query?: PlanQuery, options?: CallOptions): Promise<Plan[]>;
  /** Regions. */
  regions?(options?: CallOptions): Promise<Region[]>;
  /** Checks the credentials with one cheap call. @throws AuthenticationError */
  verifyCredentials?(options?: CallOptions): Promise<void>;
  /** Account limits. */
  quota?(options?: CallOptions): Promise<Quota>;
  /** Secondary resources left without their host (capability `orphans`). Never lists a live host's resources. */
  orphans?(filter?: { readonly owner?: string }, options?: CallOptions): Promise<Orphan[]>;
  /** Deletes one orphan `orphans()` returned; converges like `delete()` (capability `orphans`). */
  deleteOrphan?(orphan: Orphan, options?: CallOptions): Promise<DeleteResult>;
  /**
   * What may reach the host from outside, read from the cloud now (capability `inboundRules`): the
   * rules of its per-host firewall, `'all'` when that lets every port in, or `cloud-default` when no
   * per-host firewall guards it. See `HostInbound`.
   * @throws HostNotFoundError when the host does not exist (or no longer does).
   */
  inboundRules?(id: string, options?: CallOptions): Promise<HostInbound>;
}

/** The optional operations of `ProvisionerV1`. */
export type OptionalCapability =
  | 'list'
  | 'start'
  | 'stop'
  | 'reboot'
  | 'plans'
  | 'regions'
  | 'verifyCredentials'
  | 'quota'
  | 'orphans'
  | 'inboundRules';

/** Every optional capability, in the order documentation lists them. */
export const OPTIONAL_CAPABILITIES: readonly OptionalCapability[] = [
  'list',
  'start',
  'stop',
  'reboot',
  'plans',
  'regions',
  'verifyCredentials',
  'quota',
  'orphans',
  'inboundRules',
];

/** The methods each optional capability adds to a provisioner. */
export const CAPABILITY_METHODS: Readonly<Record<OptionalCapability, readonly (keyof ProvisionerV1)[]>> = {
  list: ['list'],
  start: ['start'],
  stop: ['stop'],
  reboot: ['reboot'],
  plans: ['plans'],
  regions: ['regions'],
  verifyCredentials: ['verifyCredentials'],
  quota: ['quota'],
  orphans: ['orphans', 'deleteOrphan'],
  inboundRules: ['inboundRules'],
};
