/**
 * The closed set of states a host can be in, whatever the cloud calls them.
 *
 * - `provisioning`: accepted by the cloud, not yet running with its public address.
 * - `active`: the cloud reports the machine running AND it has its public IPv4.
 * - `stopping` / `stopped` / `starting`: power transitions (where the cloud has them).
 * - `deleting`: deletion has started; `status()` throws `HostNotFoundError` once it is gone.
 * - `error`: the cloud accepted the creation and then failed it; `Host.error` says why.
 */
export type HostStatus =
  | 'provisioning'
  | 'active'
  | 'stopping'
  | 'stopped'
  | 'starting'
  | 'deleting'
  | 'error';

/** Every `HostStatus`, in lifecycle order. */
export const HOST_STATUSES: readonly HostStatus[] = [
  'provisioning',
  'active',
  'stopping',
  'stopped',
  'starting',
  'deleting',
  'error',
];
