export { cheapestPlan, filterPlans } from './cheapest-plan.js';
export { type CommonSettings, commonSettings } from './common-settings.js';
export { compareText } from './compare-text.js';
export {
  AuthenticationError,
  CapacityError,
  HostNotFoundError,
  InvalidRequestError,
  MissingCredentialsError,
  ProviderApiError,
  QuotaExceededError,
  RateLimitError,
  UnsupportedError,
  WaitTimeoutError,
} from './errors/errors.js';
export { type Operation, ProvisionError, type ProvisionErrorOptions } from './errors/provision-error.js';
export { type FailedCreation, failedCreationHost } from './failed-creation.js';
export { DEFAULT_ID_RULE, type IdRule } from './id-rules.js';
export { ANYWHERE, firewallInbound, type ReadInboundRule } from './inbound-rules.js';
export { type CreateProvisionerOptions, createProvisioner } from './plugin/create-provisioner.js';
export {
  type CredentialFile,
  type CredentialSources,
  type CredentialVariables,
  declaredCredentials,
} from './plugin/credential-sources.js';
export { definePlugin } from './plugin/define-plugin.js';
export { type Logger, silentLogger } from './plugin/logger.js';
export type {
  AnyPluginManifest,
  CallBudget,
  Catalog,
  PluginCapabilities,
  PluginImplementation,
  PluginLimits,
  PluginManifest,
  ProvisionerContext,
  ProvisionerImplementationV1,
  TagStorage,
} from './plugin/manifest.js';
export { nonPublicRange } from './plugin/non-public-ipv4.js';
export {
  getPlugin,
  listPlugins,
  type RegistryConflict,
  registerPlugin,
  registryConflicts,
  unregisterPlugin,
} from './plugin/registry.js';
export {
  type RequiredSettingField,
  type Schema,
  type SchemaIssue,
  type SchemaResult,
  type SettingField,
  type SettingsOf,
  type SettingsShape,
  setting,
  settingsSchema,
} from './plugin/settings-schema.js';
export { sha256, sha256Hex } from './sha256.js';
export { sleep } from './sleep.js';
export * from './spec/v1/index.js';
export {
  describeInbound,
  type ExistingHostFacts,
  type ExistingInboundRule,
  specMismatch,
} from './spec-mismatch.js';
export { checkStoredTags, hostTagsOf } from './stored-tags.js';
export {
  DEFAULT_OWNER,
  decodeManagedTags,
  encodeManagedTags,
  HOST_IDENTITY_LENGTH,
  hostIdentity,
  isExpired,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type ManagedTagInfo,
  RESERVED_TAG_PREFIX,
} from './tags.js';
export { DEFAULT_NAME_RULE, type ResolvedHostSpec, validateHostSpec } from './validate-host-spec.js';
export { VERSION } from './version.js';
export { type WaitForHostOptions, waitForHost } from './wait-for-host.js';
