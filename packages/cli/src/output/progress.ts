import type { Spinner } from 'yocto-spinner';
import type { OutputStream } from '../io.js';
import { formatDuration } from '../parse/duration.js';

/** Shows a wait as it happens, on stderr. */
export interface Progress {
  /** The state seen by the latest poll (a host status, or what a delete still waits for). */
  update(state: string): void;
  /** Ends the wait with a success line. */
  succeed(message: string): void;
  /** Ends the wait unsuccessfully; the error printed next says why. */
  stop(): void;
}

/**
 * A live spinner line (the states seen so far and the time elapsed) on an interactive terminal;
 * elsewhere (pipes, CI, log files) one plain line per change of state, so logs stay readable.
 */
export async function startProgress(
  stream: OutputStream,
  label: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Progress> {
  const started = Date.now();
  const states: string[] = [];
  const elapsed = () => formatDuration(Date.now() - started);
  const interactive = stream.isTTY === true && env.TERM !== 'dumb' && !('CI' in env);

  if (!interactive) {
    return {
      update(state) {
        if (states.at(-1) === state) return;
        states.push(state);
        stream.write(`${label}: ${state} (${elapsed()})\n`);
      },
      succeed(message) {
        stream.write(`${message} (${elapsed()})\n`);
      },
      stop() {},
    };
  }

  const text = () => `${label}: ${states.length === 0 ? 'waiting' : states.join(' → ')}  ${elapsed()}`;
  // Imported here: its colours module asks the terminal module at import, which costs every
  // command a few milliseconds at start-up, and only a wait on a terminal shows a spinner.
  const { default: yoctoSpinner } = await import('yocto-spinner');
  // The CLI handles Ctrl-C itself (to say what was left running), so the spinner must not exit.
  // It writes and moves the cursor only (a `RedactingStream` over a terminal has both); its
  // options ask for a whole Node stream.
  const spinner: Spinner = yoctoSpinner({
    stream: stream as unknown as NodeJS.WriteStream,
    handleSignals: false,
    text: text(),
  }).start();
  // Refresh the elapsed time between polls, which can be seconds apart.
  const timer = setInterval(() => {
    spinner.text = text();
  }, 1000);
  timer.unref();
  return {
    update(state) {
      if (states.at(-1) !== state) states.push(state);
      spinner.text = text();
    },
    succeed(message) {
      clearInterval(timer);
      spinner.success(`${message} (${elapsed()})`);
    },
    stop() {
      clearInterval(timer);
      // Keep the states seen on screen, marked as failed, above the error line.
      spinner.error(text());
    },
  };
}
