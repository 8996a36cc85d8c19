import { WaitTimeoutError } from './errors/errors.js';
import { ProvisionError, type ProvisionErrorOptions } from './errors/provision-error.js';
import { sleep } from './sleep.js';
import type { Host } from './spec/v1/host.js';
import type { HostStatus } from './spec/v1/host-status.js';
import type { ProvisionerV1 } from './spec/v1/provisioner-v1.js';

/** Options for `waitForHost`. */
export interface WaitForHostOptions {
  /** Status to wait for. Default `'active'`. */
  readonly until?: HostStatus;
  /** Give up after this many milliseconds with `WaitTimeoutError`. Default 10 minutes. */
  readonly timeout?: number;
  /** First polling interval in ms. Default 2000. */
  readonly interval?: number;
  /** Each interval is the previous times this, up to `maxInterval`. Default 1.5. */
  readonly backoff?: number;
  /** Longest interval in ms. Default 15000. */
  readonly maxInterval?: number;
  /** Stops waiting; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after every poll with the host seen and the time elapsed. */
  readonly onProgress?: (event: { host: Host; elapsedMs: number; attempt: number }) => void;
  /** Retryable errors from `status()` (rate limits, network faults) are tolerated this many times in a row. Default 5. */
  readonly maxConsecutiveErrors?: number;
}

/**
 * Polls `status()` until the host reaches `until` (default `active`).
 * @throws WaitTimeoutError at the deadline (with the last status seen).
 * @throws ProvisionError with code `host_failed` when the host goes to `error` (unless waiting for `error`).
 * @throws HostNotFoundError when the host disappears.
 */
export async function waitForHost(
  provisioner: ProvisionerV1,
  id: string,
  options: WaitForHostOptions = {},
): Promise<Host> {
  const until = options.until ?? 'active';
  const timeout = options.timeout ?? 10 * 60_000;
  const maxInterval = options.maxInterval ?? 15_000;
  const backoff = options.backoff ?? 1.5;
  const maxErrors = options.maxConsecutiveErrors ?? 5;
  const started = Date.now();
  const deadline = started + timeout;
  let interval = options.interval ?? 2000;
  let attempt = 0;
  let errorsInRow = 0;
  let last: Host | undefined;
  const base: ProvisionErrorOptions = { provider: provisioner.provider, operation: 'wait' };
  for (;;) {
    if (options.signal?.aborted) throw options.signal.reason;
    attempt++;
    let waitMs = interval;
    try {
      last = await provisioner.status(id, options.signal ? { signal: options.signal } : {});
      errorsInRow = 0;
      options.onProgress?.({ host: last, elapsedMs: Date.now() - started, attempt });
      if (last.status === until) return last;
      if (last.status === 'error') {
        throw new ProvisionError(
          'host_failed',
          `Host ${id} failed: ${last.error ?? last.nativeStatus}.`,
          false,
          {
            ...base,
            hint: 'Delete it and try another region or plan.',
          },
        );
      }
    } catch (error) {
      if (!(ProvisionError.isInstance(error) && error.retryable && error.code !== 'host_failed')) throw error;
      if (++errorsInRow > maxErrors) throw error;
      const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
      if (retryAfter !== undefined) waitMs = Math.max(waitMs, retryAfter);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new WaitTimeoutError(
        `Host ${id} did not become ${until} within ${Math.round(timeout / 1000)} s (last status: ${last?.status ?? 'unknown'}).`,
        {
          ...base,
          lastStatus: last?.status,
          hint: 'Wait longer (a larger timeout) or check the cloud console.',
        },
      );
    }
    await sleep(Math.min(waitMs, remaining), options.signal);
    interval = Math.min(interval * backoff, maxInterval);
  }
}
