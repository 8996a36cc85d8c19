import {
  type Host,
  type HostRef,
  type HostSpec,
  type ListFilter,
  type ProvisionerV1,
  waitForHost,
} from '@provision/core';

/** Options of `deleteUntilDone`. */
export interface DeleteUntilDoneOptions {
  /** Calls of `delete()` at most before it throws. Default 10. */
  readonly maxCalls?: number;
}

/**
 * Calls `delete()` until it says done, as a caller of the converging delete does; returns how many
 * calls it took. Throws when it is not done after `maxCalls`, naming what still remains.
 */
export async function deleteUntilDone(
  provisioner: ProvisionerV1,
  ref: HostRef,
  options: DeleteUntilDoneOptions = {},
): Promise<number> {
  const maxCalls = options.maxCalls ?? 10;
  let remaining: readonly unknown[] | undefined;
  for (let call = 1; call <= maxCalls; call++) {
    const result = await provisioner.delete(ref);
    if (result.done) return call;
    remaining = result.remaining;
  }
  throw new Error(
    `delete(${JSON.stringify(ref)}) was not done after ${maxCalls} calls; remaining: ${JSON.stringify(remaining ?? 'not said')}.`,
  );
}

/** Options of `cycleHost`. */
export interface CycleHostOptions {
  /** The filter of the `list()` call. Default none. */
  readonly list?: ListFilter;
  /** Waits for `active` again after `start()` (before `reboot()`). Default false. */
  readonly waitAfterStart?: boolean;
}

/** What `cycleHost` saw. */
export interface CycledHost {
  /** The host as `provision()` returned it. */
  readonly host: Host;
  /** What `list()` returned, if the plugin lists. */
  readonly listed: readonly Host[] | undefined;
}

/**
 * A host's life up to its delete, every step the plugin declares, so that a conformance test's
 * record holds every request of it: `provision()`, waiting for `active` (reads, no sleeps), the
 * same `provision()` again (the idempotent path), `list()`, `stop()` and waiting for `stopped`,
 * `start()`, `reboot()`.
 */
export async function cycleHost(
  provisioner: ProvisionerV1,
  spec: HostSpec,
  options: CycleHostOptions = {},
): Promise<CycledHost> {
  // The fake moves on per read; the deadline is only a backstop, wide for a busy machine.
  const wait = (id: string, until: 'active' | 'stopped') =>
    waitForHost(provisioner, id, { until, interval: 0, timeout: 60_000 });
  const host = await provisioner.provision(spec);
  await wait(host.id, 'active');
  await provisioner.provision(spec);
  const listed = await provisioner.list?.(options.list);
  if (provisioner.stop !== undefined) {
    await provisioner.stop(host.id);
    await wait(host.id, 'stopped');
  }
  await provisioner.start?.(host.id);
  if (options.waitAfterStart) await wait(host.id, 'active');
  await provisioner.reboot?.(host.id);
  return { host, listed };
}
