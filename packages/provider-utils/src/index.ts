export { type CachedValue, createCachedValue, type Expiring } from './cached-value.js';
export { homeFile, readTopLevelYaml } from './cli-config-file.js';
export {
  CLOUD_ERROR_CLASSES,
  type CloudAnswer,
  type CloudErrorClass,
  type CloudErrorCode,
  type CloudErrorMessageRule,
  type CloudErrorTable,
  type CloudErrorTableOptions,
  type CloudFailure,
  type CloudNoAnswer,
  type CloudPacedOut,
  cloudErrorClass,
  cloudSays,
  DEFAULT_STATUS_CLASSES,
  defineCloudErrors,
} from './cloud-errors.js';
export { type CollectPagesOptions, collectPages, type Page } from './collect-pages.js';
export {
  createByUniqueName,
  type UniqueNameCreation,
  type UniqueNameOutcome,
} from './create-by-unique-name.js';
export {
  createHostOnce,
  type HostCreation,
  type HostCreationSteps,
  type RaceOrder,
  raceOrder,
  type SettledMachine,
} from './create-host-once.js';
export {
  type CredentialConfigFile,
  type CredentialDeclaration,
  type DeclaredCredential,
  declareCredential,
  tokenShape,
  topLevelYamlFile,
} from './declared-credential.js';
export { type DeleteResourceRequest, deleteResource } from './delete-resource.js';
export {
  checkEndpoint,
  type EndpointRules,
  type ResolveEndpointInput,
  resolveEndpoint,
} from './endpoint.js';
export { type ErrorFields, parseErrorFields } from './error-fields.js';
export { createFlatTagCodec, type FlatTagCodec, type FlatTagCodecOptions } from './flat-tag-codec.js';
export { type FoundRequest, getIfFound } from './get-if-found.js';
export { hasProviderCode } from './has-provider-code.js';
export {
  createHostDeletion,
  type FoundHost,
  type HostDeletion,
  type HostDeletionParts,
  type ReleasedHost,
  type SecondaryRef,
} from './host-deletion.js';
export {
  createHostMapper,
  type HostFields,
  type HostMapper,
  type HostMappingOptions,
  type HostTags,
  type ReadHostTagsOptions,
  readHostTags,
} from './host-mapping.js';
export { createHttpClient, USER_AGENT_PREFIX } from './http-client.js';
export type {
  FormFields,
  HttpAnswer,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  RequestBody,
  RequestCommon,
  SigningInput,
} from './http-client-options.js';
export {
  createIdTemplate,
  type IdPlaceholders,
  type IdRecord,
  type IdTemplate,
  type IdTemplateOptions,
} from './id-template.js';
export {
  createJsonClient,
  type JsonClient,
  type JsonClientOptions,
  type JsonResponse,
  type RequestOptions,
} from './json-client.js';
export {
  listNumberedPages,
  type NumberedListing,
  type NumberedPage,
} from './list-numbered-pages.js';
export { createLiveCatalog, type LiveCatalog, type LiveCatalogDefinition } from './live-catalog.js';
export { type LoadCredentialInput, loadCredential, loadDeclaredCredential } from './load-credential.js';
export {
  createMachineHosts,
  type MachineHosts,
  type MachineHostsOptions,
  type MachineParts,
} from './machine-hosts.js';
export { createManagedFlatTags, type ManagedFlatTags } from './managed-flat-tags.js';
export { createManagedNames, type ManagedNames, type ManagedNamesOptions } from './managed-names.js';
export { type ApiErrorDetails, type HttpFailure, mapHttpError } from './map-http-error.js';
export { headersOf } from './node-http-transport.js';
export {
  afterPowerAction,
  type PowerActionInput,
  type PowerOperation,
  powerAction,
} from './power-action.js';
export { provisionerFactory } from './provisioner-factory.js';
export { firstPublicIpv4 } from './public-address.js';
export { type RateLimitCounters, rateLimitHeaders, rateLimitKey } from './rate-limit-headers.js';
export {
  type AcquireOptions,
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimiterState,
  RateLimitWaitTooLong,
  sharedRateLimiter,
} from './rate-limiter.js';
export { type ReadCloudError, readCloudError } from './read-cloud-error.js';
export { REDACTED, redactSent } from './redact-sent.js';
export { type RequestPowerActionInput, requestPowerAction } from './request-power-action.js';
export type { ResponseSchema } from './response-schema.js';
export {
  type ConnectionSettings,
  createRestConnection,
  type RestConnectionOptions,
} from './rest-connection.js';
export {
  type MachineQuery,
  type MachineRequests,
  machineRequests,
  type PowerRequest,
  type RestProvisionerDefinition,
} from './rest-definition.js';
export {
  dropMadeFirewall,
  type EnsuredFirewall,
  firewallDeletionParts,
  firewallsOf,
  type Readied,
  type RestHostFirewall,
} from './rest-firewall.js';
export {
  defineRestPlugin,
  PRINTABLE_TAG_KEY,
  PRINTABLE_TAG_VALUE,
  REST_CAPABILITIES,
  type RestPluginDefinition,
} from './rest-plugin.js';
export { createRestProvisioner, type RestProvisioner } from './rest-provisioner.js';
export {
  backoffMs,
  DEFAULT_RETRY,
  type ResolvedRetryOptions,
  type RetryOptions,
  retryAfterMs,
  throttledRetryWait,
} from './retry.js';
export {
  decideRetry,
  type RetryDecision,
  type RetryDecisionInput,
  type RetryFailure,
} from './retry-decision.js';
export {
  cloudTimeMs,
  createOrphanScanner,
  type EnsuredResource,
  ensureSecondaryResource,
  ORPHAN_MIN_AGE_MS,
  type OrphanScan,
  type OrphanScanner,
  outcomeUnknown,
  type RemovalOutcome,
  removeSecondaryResource,
  type SecondaryCreation,
} from './secondary-resources.js';
export {
  isStillBeingDeleted,
  STILL_BEING_DELETED,
  type StillBeingDeletedInput,
  stillBeingDeleted,
} from './still-being-deleted.js';
