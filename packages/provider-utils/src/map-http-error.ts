import type { Operation, ProvisionError } from '@provision/core';
import { type CloudErrorTable, defineCloudErrors } from './cloud-errors.js';
import { retryAfterMs } from './retry.js';

/** What the cloud's error body said, as the provider's `parseError` extracted it. */
export interface ApiErrorDetails {
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

/** An HTTP error answer, handed to a provider's `mapError` before the default mapping. */
export interface HttpFailure {
  readonly status: number;
  readonly details: ApiErrorDetails;
  readonly headers: Headers;
  readonly operation: Operation;
  readonly provider: string;
}

// A provider without a table of its own gets the status classes alone, one table per provider.
const plainTables = new Map<string, CloudErrorTable>();
function plainTable(provider: string): CloudErrorTable {
  let table = plainTables.get(provider);
  if (table === undefined) {
    table = defineCloudErrors({ provider });
    plainTables.set(provider, table);
  }
  return table;
}

/**
 * An HTTP error answer as one of core's errors, through the provider's error table (`errors`;
 * default: the classes by HTTP status alone): the body's code and message, the status, and the
 * wait the answer asks for (`Retry-After`, `ratelimit-reset`).
 */
export function mapHttpError(failure: HttpFailure, errors?: CloudErrorTable): ProvisionError {
  const table = errors ?? plainTable(failure.provider);
  return table.map({
    operation: failure.operation,
    code: failure.details.code,
    status: failure.status,
    message: failure.details.message,
    retryAfterMs: retryAfterMs(failure.headers),
  });
}
