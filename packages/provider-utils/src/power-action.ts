import { type Host, HostNotFoundError } from '@provision/core';

/** The power operations of `ProvisionerV1`. */
export type PowerOperation = 'start' | 'stop' | 'reboot';

/** One power action, as a provider describes it to `powerAction`. */
export interface PowerActionInput {
  /** Plugin id, for the `HostNotFoundError`. */
  readonly provider: string;
  /** The host's id, as the caller gave it. */
  readonly id: string;
  readonly operation: PowerOperation;
  /**
   * Sends the one action request. Resolves `'gone'` when the answer says the host does not
   * exist (a 404 allowed by `allowStatus`), anything else when the cloud accepted it.
   */
  readonly send: () => Promise<unknown>;
  /** Reads the host once after the action; `undefined` when it is gone. */
  readonly read: () => Promise<Host | undefined>;
  /**
   * Whether an error of `send` or `read` means the host is gone: DigitalOcean's 404, EC2's
   * `InvalidInstanceID.NotFound`, or `IncorrectInstanceState` on a terminated instance (which
   * may take a read to tell, hence the promise).
   */
  readonly isGone?: ((error: unknown) => boolean | Promise<boolean>) | undefined;
  /**
   * Whether an error of `send` means this very action is already under way: a repeat after a lost
   * answer finds the first request's action running (DigitalOcean's 422 "pending event"). The
   * host is then read as if the action had been accepted.
   */
  readonly isUnderWay?: ((error: unknown) => boolean) | undefined;
}

/**
 * The status a host reads right after `operation` was accepted. The cloud's state often lags
 * the action by a read or two; the caller must not see a host it just stopped as `active`:
 * after `stop` an `active` host is `stopping`; after `start` a `stopped` or `provisioning` one
 * (EC2's `pending`) is `starting`. Every other status is the cloud's.
 */
export function afterPowerAction(host: Host, operation: PowerOperation): Host {
  if (operation === 'stop' && host.status === 'active') return { ...host, status: 'stopping' };
  if (operation === 'start' && (host.status === 'stopped' || host.status === 'provisioning'))
    return { ...host, status: 'starting' };
  return host;
}

/**
 * A power action as every provider does it: one action request, one read so the caller gets the
 * host as it is now (with `afterPowerAction`'s transitional status), never a wait for the action
 * to finish; later `status()` calls show its effect. Repeating the action is harmless.
 * @throws HostNotFoundError when the cloud says the host is gone, from the action or the read.
 */
export async function powerAction(input: PowerActionInput): Promise<Host> {
  const { provider, id, operation } = input;
  const gone = () => new HostNotFoundError(id, { provider, operation });
  const isGone = async (error: unknown) => (input.isGone === undefined ? false : await input.isGone(error));
  try {
    const sent = await input.send().catch((error: unknown) => {
      if (input.isUnderWay?.(error) === true) return undefined;
      throw error;
    });
    if (sent === 'gone') throw gone();
    const host = await input.read();
    if (host === undefined) throw gone();
    return afterPowerAction(host, operation);
  } catch (error) {
    if (HostNotFoundError.isInstance(error)) throw error;
    if (await isGone(error)) throw gone();
    throw error;
  }
}
