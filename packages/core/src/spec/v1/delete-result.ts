/** What one `delete()` call achieved. */
export interface DeleteResult {
  /** `true` once the host and every secondary resource (firewall, address, disk...) are gone. Call again until then. */
  readonly done: boolean;
  /** The id of the host the call worked on (useful after delete by IP), when known. */
  readonly id?: string;
  /** What still exists, in the cloud's words (e.g. `['droplet 123', 'firewall fw-1']`), when `done` is false. */
  readonly remaining?: readonly string[];
  /**
   * Whether this call found anything of the host (the machine or one of its secondary resources)
   * to delete: `false` for an id or IP that names nothing managed (a typo, or a host deleted
   * long ago). Stateless plugins answer for this call only, so a caller repeating `delete()`
   * until `done` reads it from the first call. Absent when the plugin does not say.
   */
  readonly found?: boolean;
}
