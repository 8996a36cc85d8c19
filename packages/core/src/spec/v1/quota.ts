/** How many more hosts the account may create. */
export interface Quota {
  /** Hosts (or instances) the account may have at once; `undefined` when the cloud does not say. */
  readonly hostLimit?: number;
  /** Hosts existing now, where known. */
  readonly hostsInUse?: number;
  /** vCPU limit, where the cloud counts vCPUs instead. */
  readonly cpuLimit?: number;
}
