/** The exit codes of `provision`, as documented in `provision --help` and the README. */
export const EXIT_CODES = {
  /** The command did what was asked. */
  success: 0,
  /** The cloud or the provider failed (any other error). */
  failure: 1,
  /** The command was called wrongly: bad flags or input, an unsupported option, missing credentials. */
  usage: 2,
  /** `--wait` reached its `--timeout`; the host may still get there. */
  waitTimeout: 3,
  /** Interrupted (Ctrl-C) while waiting. */
  interrupted: 130,
} as const;
