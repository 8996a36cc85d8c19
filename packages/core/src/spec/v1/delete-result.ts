/** What one `delete()` call achieved. */
export interface DeleteResult {
  /** `true` once the host and every secondary resource (firewall, address, disk...) are gone. Call again until then. */
  readonly done: boolean;
  /** The id of the host the call worked on (useful after delete by IP), when known. */
  readonly id?: string;
  /** What still exists, in the cloud's words (e.g. `['droplet 123', 'firewall fw-1']`), when `done` is false. */
  readonly remaining?: readonly string[];
}
