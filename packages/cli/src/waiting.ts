import {
  type DeleteResult,
  type Host,
  type HostRef,
  type HostStatus,
  ProvisionError,
  type ProvisionerV1,
  sleep,
  WaitTimeoutError,
  waitForHost,
} from '@provision/core';
import type { CommandContext } from './context.js';
import { InterruptedError } from './interrupted-error.js';
import { startProgress } from './output/progress.js';
import { formatDuration } from './parse/duration.js';
import { formatHostReference } from './parse/host-reference.js';

/** How long and how often to poll. */
export interface WaitSettings {
  /** Give up after this many ms (exit code 3). */
  readonly timeoutMs: number;
  /** First pause between polls in ms; later pauses grow by half up to `maxIntervalMs`. */
  readonly intervalMs: number;
}

const MAX_INTERVAL_MS = 15_000;
const MAX_ERRORS_IN_ROW = 5;

/**
 * Polls `status()` until the host reaches `until`, showing the states seen on stderr.
 * @param leaving after a power action: the status the host is leaving (`active` for a stop). The
 *   cloud may report it for a poll or two after accepting the action; that is no transition, so
 *   it is not shown once the action's own status has been.
 * @throws WaitTimeoutError at the deadline; InterruptedError on Ctrl-C.
 */
export async function waitWithProgress(
  context: CommandContext,
  provisioner: ProvisionerV1,
  host: Host,
  until: HostStatus,
  settings: WaitSettings,
  leaving?: HostStatus,
): Promise<Host> {
  const ref = formatHostReference(host.provider, host.id);
  const progress = await startProgress(context.io.stderr, `${host.name} (${ref})`, context.io.env);
  progress.update(host.status);
  let moved = false;
  const onStatus = (status: HostStatus) => {
    if (leaving !== undefined && !moved && status === leaving && host.status !== leaving) return;
    if (status !== host.status) moved = true;
    progress.update(status);
  };
  let last: HostStatus = host.status;
  try {
    const final = await waitForHost(provisioner, host.id, {
      until,
      timeout: settings.timeoutMs,
      interval: settings.intervalMs,
      maxInterval: Math.max(settings.intervalMs, MAX_INTERVAL_MS),
      signal: context.signal,
      onProgress: (event) => {
        last = event.host.status;
        onStatus(event.host.status);
      },
    });
    progress.succeed(`${host.name} is ${final.status}${final.ipv4 ? ` at ${final.ipv4}` : ''}`);
    return final;
  } catch (error) {
    progress.stop();
    if (error instanceof InterruptedError)
      throw new InterruptedError(
        `Interrupted while waiting for ${host.name} (${ref}) to become ${until}.`,
        `Nothing was undone: ${ref} is still there (${last} when last seen). \`provision status ${ref} --wait --until ${until}\` keeps waiting.`,
      );
    if (WaitTimeoutError.isInstance(error)) {
      const seen = error.lastStatus ?? last;
      throw new WaitTimeoutError(
        `${host.name} (${ref}) did not become ${until} within ${formatDuration(settings.timeoutMs)} (last status: ${seen}).`,
        {
          provider: host.provider,
          operation: 'status',
          lastStatus: seen,
          hint: `Nothing was undone: \`provision status ${ref} --wait --until ${until} --timeout <longer>\` waits on, or check the cloud's console.`,
        },
      );
    }
    throw error;
  }
}

/** What `deleteUntilDone` ended with. */
export interface DeleteOutcome extends DeleteResult {
  /** `delete()` calls made. */
  readonly calls: number;
  /**
   * What the first call said: `true` it found something to delete, `false` nothing exists with
   * that id or address (mistyped, or deleted before), undefined when the provider does not say.
   */
  readonly found: boolean | undefined;
}

/** `found` of a delete result, where the provider reports it. */
function foundOf(result: DeleteResult): boolean | undefined {
  const found = (result as DeleteResult & { found?: unknown }).found;
  return typeof found === 'boolean' ? found : undefined;
}

/** How `repeatUntilDone` runs. */
export interface RepeatSettings extends WaitSettings {
  /** Repeat until done; without it, one call. */
  readonly wait: boolean;
  /** What is being deleted, for progress and messages. */
  readonly label: string;
  /** Provider id, for the timeout error. */
  readonly provider: string;
  /** No progress line (several deletions run at once). */
  readonly quiet?: boolean;
}

/**
 * Calls a converging delete (`once`) until it reports `done` (with `wait`), or once (without).
 * Retryable errors (rate limits, network faults) are tolerated a few times in a row.
 * @throws WaitTimeoutError when `done` does not come within the timeout; InterruptedError on Ctrl-C.
 */
export async function repeatUntilDone(
  context: CommandContext,
  once: () => Promise<DeleteResult>,
  settings: RepeatSettings,
): Promise<DeleteOutcome> {
  const deadline = Date.now() + settings.timeoutMs;
  let interval = settings.intervalMs;
  let calls = 0;
  let errorsInRow = 0;
  let found: boolean | undefined;
  let answered = false;
  const progress =
    settings.wait && !settings.quiet
      ? await startProgress(context.io.stderr, settings.label, context.io.env)
      : undefined;
  try {
    for (;;) {
      if (context.signal.aborted) throw context.signal.reason;
      let pause = interval;
      try {
        calls++;
        const result = await once();
        errorsInRow = 0;
        // Later calls find less and less: only the first one says whether the target existed.
        if (!answered) found = foundOf(result);
        answered = true;
        if (result.done || !settings.wait) {
          progress?.succeed(
            found === false
              ? `${settings.label}: nothing found to delete`
              : `${settings.label}: ${result.done ? 'deleted' : 'deleting'}`,
          );
          return { ...result, calls, found };
        }
        const remaining = result.remaining ?? [];
        progress?.update(remaining.length > 0 ? `deleting (${remaining.join(', ')})` : 'deleting');
      } catch (error) {
        if (!ProvisionError.isInstance(error) || !error.retryable || ++errorsInRow > MAX_ERRORS_IN_ROW)
          throw error;
        const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
        if (retryAfter !== undefined) pause = Math.max(pause, retryAfter);
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new WaitTimeoutError(
          `${settings.label} was not fully deleted within ${formatDuration(settings.timeoutMs)}.`,
          {
            provider: settings.provider,
            operation: 'delete',
            lastStatus: 'deleting',
            hint: 'Run the delete again later; it picks up where this one stopped.',
          },
        );
      }
      await sleep(Math.min(pause, left), context.signal);
      interval = Math.min(interval * 1.5, Math.max(settings.intervalMs, MAX_INTERVAL_MS));
    }
  } catch (error) {
    progress?.stop();
    if (error instanceof InterruptedError)
      throw new InterruptedError(
        `Interrupted while waiting for ${settings.label} to be deleted.`,
        `Nothing was undone: ${settings.label} may still be partly there. Run the same delete again to keep waiting; it picks up where this one stopped.`,
      );
    throw error;
  }
}

/**
 * `delete()` until done (see `repeatUntilDone`). After a delete by IP, later calls use the id it
 * returned: once the host is gone its IP finds nothing, while its firewall may still remain.
 */
export function deleteUntilDone(
  context: CommandContext,
  provisioner: ProvisionerV1,
  ref: HostRef,
  settings: Omit<RepeatSettings, 'provider'>,
): Promise<DeleteOutcome> {
  let current = ref;
  return repeatUntilDone(
    context,
    async () => {
      const result = await provisioner.delete(current, { signal: context.signal });
      if (result.id !== undefined) current = { id: result.id };
      return result;
    },
    { ...settings, provider: provisioner.provider },
  );
}
