// `@provision/core/plugin`: what a plugin's manifest module needs, and nothing more. Discovery
// imports every installed manifest before the CLI prints anything, so a manifest that imports
// from here (a handful of small modules) keeps every command's start-up short; the main entry
// (errors, validation, waiting) is for the implementation and for programs.
export { type CommonSettings, commonSettings } from '../common-settings.js';
export type { Plan } from '../spec/v1/plan.js';
export type { KnownPrice, Price, UnknownPrice } from '../spec/v1/price.js';
export type { Region } from '../spec/v1/region.js';
export type { ResolvedHostSpec } from '../validate-host-spec.js';
export {
  type CredentialFile,
  type CredentialSources,
  type CredentialVariables,
  declaredCredentials,
} from './credential-sources.js';
export { definePlugin } from './define-plugin.js';
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
} from './manifest.js';
export { getPlugin, registerPlugin } from './registry.js';
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
} from './settings-schema.js';
