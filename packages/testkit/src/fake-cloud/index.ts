// The fake-cloud core: no msw, no vitest, so the emulator and `./testing` subpaths can use it at
// run time (`@provision/testkit/fake-cloud`). The test-only adapters are exported from the package root.

export { bearerToken } from './bearer-token.js';
export type { EmulatedAddresses, EmulatedCloud, EmulatedLimit } from './emulated-cloud.js';
export {
  type BaseErrorCode,
  type CloudErrorCode,
  defineErrorCodes,
  type ErrorCodeTable,
  type RenderedError,
} from './error-codes.js';
export {
  type CapacitySelector,
  FakeCloud,
  type FakeCloudOptions,
  type HandleOptions,
  type Leftover,
  type RouteOptions,
  UNMATCHED_OPERATION,
} from './fake-cloud.js';
export type { FaultKind, FaultSpec, RequestFault } from './faults.js';
export {
  azureAsyncHeaders,
  azureOperationBody,
  gceOperationBody,
  LongRunningOperations,
  type LongRunningOperationsOptions,
  type OperationRecord,
  type OperationState,
  type StartOperation,
} from './long-running-operations.js';
export { NETWORK_ERROR, type NetworkError } from './network-error.js';
export type { CountedRateLimitOptions, RateLimitOptions, TimedRateLimitOptions } from './rate-limiter.js';
export type { RequestLogEntry } from './request-log.js';
export { ResourceStore } from './resource-store.js';
export { type RouteContext, type RouteHandler, RouteResponse } from './route-context.js';
export { MAIN_BASE, type OperationName, type RouteInfo } from './router.js';
export { selfDelimited } from './self-delimited.js';
