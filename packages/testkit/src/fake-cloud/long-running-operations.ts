/**
 * Long-running operations as clouds expose them: a create or delete answers at once with an
 * operation resource, which the client reads until it is done. The fake advances an operation one
 * step per read (never by time), so tests stay deterministic.
 *
 * Two wire styles are built on it: Azure's (`Azure-AsyncOperation` / `Location` headers and an
 * operation status body) and Compute Engine's (an `Operation` resource with `PENDING`, `RUNNING`,
 * `DONE` and `error.errors`).
 */

/** Where an operation is. */
export type OperationState = 'running' | 'succeeded' | 'failed';

/** One long-running operation as the fake keeps it. */
export interface OperationRecord {
  readonly id: string;
  /** What it does, in the cloud's words (`'insert'`, `'Microsoft.Compute/virtualMachines/write'`). */
  readonly kind: string;
  /** The resource it works on, e.g. an instance's name or resource id. */
  readonly target: string | undefined;
  state: OperationState;
  /** Reads so far. */
  reads: number;
  /** With `failed`: the cloud's error. */
  error: { readonly code: string; readonly message: string } | undefined;
  /** ISO time of the start and, once done, of the end (from the store's clock). */
  readonly startedAt: string;
  endedAt: string | undefined;
}

/** What `start` takes. */
export interface StartOperation {
  readonly kind: string;
  readonly target?: string;
  /** Ends the operation `failed` with this error instead of `succeeded`. */
  readonly fail?: { readonly code: string; readonly message: string };
  /** Runs once when the operation succeeds (e.g. the VM becomes `running`). */
  readonly onSucceeded?: () => void;
  /** Runs once when the operation fails (e.g. the half-made VM is removed). */
  readonly onFailed?: () => void;
}

/** Options of `LongRunningOperations`. */
export interface LongRunningOperationsOptions {
  /** An operation is done on this read (1: the first read sees it done). Default 2. */
  readonly readsUntilDone?: number;
  /** Operation ids are this prefix and a counter. Default `'operation-'`. */
  readonly idPrefix?: string;
  /** Clock for `startedAt` / `endedAt`. Default: the real clock. */
  readonly now?: () => Date;
}

/** The operations of one fake cloud. */
export class LongRunningOperations {
  readonly #operations = new Map<string, OperationRecord>();
  readonly #hooks = new Map<string, Pick<StartOperation, 'onSucceeded' | 'onFailed'>>();
  readonly #failures = new Map<string, { code: string; message: string }>();
  readonly #readsUntilDone: number;
  readonly #idPrefix: string;
  readonly #now: () => Date;
  #counter = 0;

  constructor(options: LongRunningOperationsOptions = {}) {
    const reads = options.readsUntilDone ?? 2;
    if (!Number.isInteger(reads) || reads < 1)
      throw new TypeError('readsUntilDone must be a whole number >= 1.');
    this.#readsUntilDone = reads;
    this.#idPrefix = options.idPrefix ?? 'operation-';
    this.#now = options.now ?? (() => new Date());
  }

  /** Starts an operation; it is `running` until read `readsUntilDone` times. */
  start(input: StartOperation): OperationRecord {
    this.#counter += 1;
    const record: OperationRecord = {
      id: `${this.#idPrefix}${this.#counter}`,
      kind: input.kind,
      target: input.target,
      state: 'running',
      reads: 0,
      error: undefined,
      startedAt: this.#now().toISOString(),
      endedAt: undefined,
    };
    this.#operations.set(record.id, record);
    this.#hooks.set(record.id, { onSucceeded: input.onSucceeded, onFailed: input.onFailed });
    if (input.fail !== undefined) this.#failures.set(record.id, input.fail);
    return record;
  }

  /** Reads an operation as a client's poll does, moving it one step; `undefined` for an unknown id. */
  read(id: string): OperationRecord | undefined {
    const record = this.#operations.get(id);
    if (record === undefined) return undefined;
    record.reads += 1;
    if (record.state === 'running' && record.reads >= this.#readsUntilDone) this.#finish(record);
    return record;
  }

  /** The operation without counting a read. */
  peek(id: string): OperationRecord | undefined {
    return this.#operations.get(id);
  }

  /** Every operation, oldest first. */
  values(): OperationRecord[] {
    return [...this.#operations.values()];
  }

  /** Operations still running (what a test may want to see drained). */
  running(): OperationRecord[] {
    return this.values().filter((record) => record.state === 'running');
  }

  clear(): void {
    this.#operations.clear();
    this.#hooks.clear();
    this.#failures.clear();
    this.#counter = 0;
  }

  #finish(record: OperationRecord): void {
    const failure = this.#failures.get(record.id);
    record.state = failure === undefined ? 'succeeded' : 'failed';
    record.error = failure;
    record.endedAt = this.#now().toISOString();
    const hooks = this.#hooks.get(record.id);
    if (failure === undefined) hooks?.onSucceeded?.();
    else hooks?.onFailed?.();
    this.#hooks.delete(record.id);
  }
}

const AZURE_STATUS: Record<OperationState, string> = {
  running: 'InProgress',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/**
 * Headers of an Azure answer that started an operation (201/202): `Azure-AsyncOperation` (the
 * status URL), `Location` (the final-result URL, where given) and `Retry-After` (seconds, default 0:
 * tests poll at once). https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations
 */
export function azureAsyncHeaders(
  operationUrl: string,
  options: { readonly location?: string; readonly retryAfterSeconds?: number } = {},
): Record<string, string> {
  return {
    'azure-asyncoperation': operationUrl,
    ...(options.location === undefined ? {} : { location: options.location }),
    'retry-after': String(options.retryAfterSeconds ?? 0),
  };
}

/** Azure's operation status body: `{ id, name, status, startTime, endTime?, error? }`. */
export function azureOperationBody(record: OperationRecord, operationUrl: string): Record<string, unknown> {
  return {
    id: operationUrl,
    name: record.id,
    status: AZURE_STATUS[record.state],
    startTime: record.startedAt,
    ...(record.endedAt === undefined ? {} : { endTime: record.endedAt }),
    ...(record.error === undefined
      ? {}
      : { error: { code: record.error.code, message: record.error.message } }),
  };
}

/**
 * Compute Engine's `Operation` resource (`compute#operation`): `status` PENDING on no read yet,
 * RUNNING, then DONE; a failure is `error.errors[]` on a DONE operation, as the API reports it.
 * https://cloud.google.com/compute/docs/reference/rest/v1/zoneOperations
 */
export function gceOperationBody(
  record: OperationRecord,
  links: { readonly selfLink: string; readonly targetLink?: string; readonly zone?: string },
): Record<string, unknown> {
  const status = record.state !== 'running' ? 'DONE' : record.reads === 0 ? 'PENDING' : 'RUNNING';
  return {
    kind: 'compute#operation',
    id: String(1_000_000 + Number(record.id.replace(/\D/g, '') || 0)),
    name: record.id,
    operationType: record.kind,
    status,
    progress: status === 'DONE' ? 100 : 0,
    insertTime: record.startedAt,
    startTime: record.startedAt,
    ...(record.endedAt === undefined ? {} : { endTime: record.endedAt }),
    selfLink: links.selfLink,
    ...(links.targetLink === undefined ? {} : { targetLink: links.targetLink }),
    ...(links.zone === undefined ? {} : { zone: links.zone }),
    ...(record.error === undefined
      ? {}
      : {
          error: { errors: [{ code: record.error.code, message: record.error.message }] },
          httpErrorStatusCode: 400,
        }),
  };
}
