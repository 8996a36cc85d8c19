import type { FaultKind } from './faults.js';

/** One request that reached a fake cloud. */
export interface RequestLogEntry {
  /** Increases by one per request, never reused (not even after `reset()`), so `mark()` stays valid. */
  seq: number;
  /** The route's operation name, or `'unmatched'`. */
  operation: string;
  method: string;
  /** Path relative to the cloud's base path, with the query string. */
  path: string;
  /** What the client saw. */
  status: number | 'network-error';
  /** The injected fault that broke it, if any. */
  fault?: FaultKind;
  /** The request body as sent, when there was one. */
  body?: string;
}

/** Every request a fake cloud answered, in order. */
export class RequestLog {
  #entries: RequestLogEntry[] = [];
  #seq = 0;

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    this.#seq += 1;
    const logged: RequestLogEntry = { seq: this.#seq, ...entry };
    this.#entries.push(logged);
    return logged;
  }

  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  count(operation?: string): number {
    if (operation === undefined) return this.#entries.length;
    return this.#entries.filter((entry) => entry.operation === operation).length;
  }

  /** The seq of the last request so far; pass it to `since()`. */
  mark(): number {
    return this.#seq;
  }

  since(seq: number): RequestLogEntry[] {
    return this.#entries.filter((entry) => entry.seq > seq);
  }

  clear(): void {
    this.#entries = [];
  }
}
