/** A region or zone. */
export interface Region {
  /** The cloud's id, e.g. `'nyc3'`. */
  readonly id: string;
  /** Human name, e.g. `'New York 3'`. */
  readonly name: string;
  /** Whether new hosts can be created there now. */
  readonly available: boolean;
}
