/**
 * A mistake in how the command was called (a bad flag value, a missing argument, a provider that
 * is not installed). Exits with code 2, like the argument parser's own errors.
 */
export class UsageError extends Error {
  /** One sentence on what to do instead. */
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}
