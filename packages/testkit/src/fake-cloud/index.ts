export {
  type CapacitySelector,
  FakeCloud,
  type FakeCloudOptions,
  type Leftover,
  UNMATCHED_OPERATION,
} from './fake-cloud.js';
export type { FaultKind, FaultSpec } from './faults.js';
export { toMswHandlers } from './msw-adapter.js';
export { NETWORK_ERROR, type NetworkError } from './network-error.js';
export type { RateLimitOptions } from './rate-limiter.js';
export type { RequestLogEntry } from './request-log.js';
export { ResourceStore } from './resource-store.js';
export { type RouteContext, type RouteHandler, RouteResponse } from './route-context.js';
export type { OperationName } from './router.js';
export { type FakeServer, setupFakeServer } from './setup-fake-server.js';
