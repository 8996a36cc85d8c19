export { type BrokenExampleVariant, brokenExamplePlugins } from './broken/broken-example-plugins.js';
export { exampleCatalog } from './example-catalog.js';
export {
  EXAMPLE_API_URL,
  EXAMPLE_FAKE_TOKEN,
  ExampleCloudFake,
  type ExampleCloudFakeOptions,
  type ExampleInboundRule,
} from './example-cloud-fake.js';
export type {
  ExampleFirewallRecord,
  ExampleFirewallRule,
  ExampleServerRecord,
} from './example-cloud-records.js';
export { ExampleContractFake } from './example-contract-fake.js';
export { createExample, examplePlugin } from './example-plugin.js';
export {
  checkExampleToken,
  EXAMPLE_ENDPOINT_ENV,
  EXAMPLE_TOKEN_ENV,
  type ExampleSettings,
  exampleSettingsSchema,
} from './example-settings.js';
