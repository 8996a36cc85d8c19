export * from './contract/index.js';
export {
  type CredentialCase,
  type CredentialSourcesReport,
  checkCredentialSources,
} from './credential-sources.js';
export * from './fake-cloud/index.js';
export { toMswHandlers } from './fake-cloud/msw-adapter.js';
export { type FakeServer, type HeldRequest, setupFakeServer } from './fake-cloud/setup-fake-server.js';
export {
  type CycledHost,
  type CycleHostOptions,
  cycleHost,
  type DeleteUntilDoneOptions,
  deleteUntilDone,
} from './openapi/host-steps.js';
export * from './openapi/index.js';
export {
  type FakeConformance,
  type UseFakeConformanceOptions,
  useFakeConformance,
} from './openapi/use-fake-conformance.js';
export { describeOrphanAge, type OrphanAgeCase } from './orphan-age.js';
