// The fake-cloud core: no msw, no vitest, so the emulator and `./testing` subpaths can use it at
// run time (`@provision/testkit/fake-cloud`). The test-only adapters are exported from the package root.

export type { EmulatedCloud } from './emulated-cloud.js';
export {
  type CapacitySelector,
  FakeCloud,
  type FakeCloudOptions,
  type Leftover,
  UNMATCHED_OPERATION,
} from './fake-cloud.js';
export type { FaultKind, FaultSpec } from './faults.js';
export { NETWORK_ERROR, type NetworkError } from './network-error.js';
export type { RateLimitOptions } from './rate-limiter.js';
export type { RequestLogEntry } from './request-log.js';
export { ResourceStore } from './resource-store.js';
export { type RouteContext, type RouteHandler, RouteResponse } from './route-context.js';
export type { OperationName } from './router.js';
