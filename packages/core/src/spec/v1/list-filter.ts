/** Narrows `list()`. Only hosts this project manages are ever listed. */
export interface ListFilter {
  /** Only hosts of this owner namespace. */
  readonly owner?: string;
  /** Only hosts carrying every one of these tags. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Only hosts in this region. */
  readonly region?: string;
}
