/** Starts the stderr line in which module-probe.ts reports what a process loaded. */
export const PROBE_PREFIX = 'provision-bench-modules:';
