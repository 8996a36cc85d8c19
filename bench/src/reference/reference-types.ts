/** The shapes of the reference tables: every figure is the length of a list of requests. */

/** One request the reference library sends, and where in its code it is sent. */
export interface ReferenceRequest {
  /** What goes on the wire: an API action (`DescribeImages`) or a method and path (`POST /v2/droplets`). */
  readonly request: string;
  /**
   * Where the library sends it: file and function at the commit in `REFERENCE_LIBRARY`, then the
   * call inside the cloud's SDK when the request is made there (those are marked "not read" when
   * the count rests on the SDK's documentation rather than its code).
   */
  readonly source: string;
  /** Why this request may go out more than once (a waiter's polls, one per volume); the figure counts it once. */
  readonly repeats?: string;
}

/** The requests of one operation on the clean path, in the order the library sends them. */
export interface ReferenceOperation {
  readonly requests: readonly ReferenceRequest[];
  /**
   * Sent once more per inbound port the caller asks for; absent when the library cannot open the
   * caller's ports at all.
   */
  readonly perPort?: ReferenceRequest;
  /** What the listed requests leave out or assume, in a few words. */
  readonly note?: string;
}

/** How the reference lists hosts: one request per page. */
export interface ReferenceList {
  readonly page: ReferenceRequest;
  /** Hosts per page, or `'all'` when one request returns every host. */
  readonly pageSize: number | 'all';
  readonly note?: string;
}

/** The reference library's requests for one cloud. */
export interface ReferenceProvider {
  /** The library's file for this cloud, e.g. `provision/ec2.go`. */
  readonly file: string;
  readonly provision: ReferenceOperation;
  readonly status: ReferenceOperation;
  readonly delete: ReferenceOperation;
  readonly list?: ReferenceList;
}
