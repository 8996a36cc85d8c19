/** The user pressed Ctrl-C (or the process got SIGTERM) while a command was running. */
export class InterruptedError extends Error {
  /** What was left running, for the hint line. */
  readonly hint: string | undefined;
  constructor(message = 'Interrupted.', hint?: string) {
    super(message);
    this.name = 'InterruptedError';
    this.hint = hint;
  }
}
