/**
 * A secondary resource this project created whose host is gone: a firewall or security group
 * whose machine was deleted behind the plugin's back, or one a failed rollback left. Found by
 * `orphans()`, removed by `deleteOrphan()` (what `provision gc` does).
 */
export interface Orphan {
  /** What it is, in the cloud's words: `'firewall'`, `'security-group'`, `'address'`... */
  readonly kind: string;
  /** The cloud's id, enough for `deleteOrphan()`. */
  readonly id: string;
  /** Its name. */
  readonly name: string;
  /** Owner namespace of the host it belonged to, when known. */
  readonly owner?: string;
  /** Region or zone, where the cloud scopes the resource. */
  readonly region?: string;
}
