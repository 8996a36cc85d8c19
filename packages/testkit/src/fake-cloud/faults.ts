/**
 * How a fault breaks a request.
 * - `http-500`: answers 500 with the cloud's error body; nothing is committed.
 * - `rate-limit`: answers 429 with `Retry-After`; nothing is committed.
 * - `connection-reset`: the connection drops before the cloud sees the request; nothing is committed.
 * - `lost-response`: the cloud commits the change (the route handler runs), then the connection
 *   drops, so the client never sees the answer (a timeout after commit).
 * - `non-cloud-200`: a 200 that is not the cloud's format (a proxy's HTML page, or an empty body,
 *   per `page`); nothing is committed. A client must take it as an error, never as success.
 * - `echo-error`: the cloud's 400 error whose message echoes the request body and its
 *   `Authorization` header, as some clouds and proxies do; nothing is committed.
 * - `refused`: the cloud's 403 error, a refusal that no retry changes; nothing is committed.
 */
export type FaultKind =
  | 'http-500'
  | 'rate-limit'
  | 'connection-reset'
  | 'lost-response'
  | 'non-cloud-200'
  | 'echo-error'
  | 'refused';

/** A fault to inject into the next matching request(s). */
export interface FaultSpec {
  kind: FaultKind;
  /** Only requests of this operation (the route's operation name) count. Default: any request. */
  operation?: string;
  /** Let this many matching requests through first. Default 0: the next one fails. */
  after?: number;
  /** How many matching requests to fail. Default 1. */
  times?: number;
  /** For `rate-limit`: the `Retry-After` value in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** For `non-cloud-200`: an HTML page (default) or an empty body. */
  page?: 'html' | 'empty';
}

/**
 * A fault that belongs to one request: decided by whoever serves the fake (the emulator's fault
 * dice) and handed to `FakeCloud.handle(request, { fault })`, so no other request in flight can
 * take it.
 */
export interface RequestFault {
  kind: FaultKind;
  /** For `rate-limit`: the `Retry-After` value in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** For `non-cloud-200`: an HTML page (default) or an empty body. */
  page?: 'html' | 'empty';
}

interface ActiveFault {
  spec: FaultSpec;
  /** Matching requests still to let through. */
  skip: number;
  /** Matching requests still to fail. */
  remaining: number;
}

/** The faults waiting for requests, in the order they were injected. */
export class FaultPlan {
  #faults: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    const after = spec.after ?? 0;
    const times = spec.times ?? 1;
    if (!Number.isInteger(after) || after < 0)
      throw new TypeError('FaultSpec.after must be a whole number >= 0.');
    if (!Number.isInteger(times) || times < 1)
      throw new TypeError('FaultSpec.times must be a whole number >= 1.');
    this.#faults.push({ spec: { ...spec }, skip: after, remaining: times });
  }

  clear(): void {
    this.#faults = [];
  }

  /** Faults not yet used up. */
  get pending(): readonly FaultSpec[] {
    return this.#faults.map((fault) => fault.spec);
  }

  /**
   * Sees one request of `operation`: returns the fault that fails it, if any. Every matching
   * fault counts the request towards its `after` until one fires; a fault that fired for its
   * last time is dropped.
   */
  take(operation: string): FaultSpec | undefined {
    for (const fault of this.#faults) {
      if (fault.spec.operation !== undefined && fault.spec.operation !== operation) continue;
      if (fault.skip > 0) {
        fault.skip -= 1;
        continue;
      }
      fault.remaining -= 1;
      if (fault.remaining === 0) this.#faults = this.#faults.filter((other) => other !== fault);
      return fault.spec;
    }
    return undefined;
  }
}
