/** Where plugins and clients write diagnostics. Fields never hold credentials or user-data. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Discards everything. The default. */
export const silentLogger: Logger = { debug() {}, warn() {} };
