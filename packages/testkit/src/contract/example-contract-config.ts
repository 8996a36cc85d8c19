import {
  type ExampleCloudFake,
  ExampleContractFake,
  type ExampleSettings,
  examplePlugin,
} from '../example/index.js';
import type { ContractConfig } from './contract-config.js';

/** A token of the right form that the fake does not accept. */
const WRONG_TOKEN = 'ex_wrongtoken00000000000000000002';

/**
 * The contract suite's configuration for the example plugin and its fake: what the suite's own
 * tests run, and a model for plugin authors.
 */
export const exampleContractConfig: ContractConfig<ExampleSettings, ExampleCloudFake> = {
  plugin: examplePlugin,
  createFake: (options) => new ExampleContractFake(options),
  settings: (fake) => ({ token: fake.token, endpoint: fake.baseUrl }),
  wrongCredentialSettings: (fake) => ({ token: WRONG_TOKEN, endpoint: fake.baseUrl }),
  badCredentials: [
    { name: 'missing', settings: (fake) => ({ endpoint: fake.baseUrl }) },
    { name: 'empty', settings: (fake) => ({ token: '', endpoint: fake.baseUrl }) },
    { name: 'malformed', settings: (fake) => ({ token: 'not-an-example-token', endpoint: fake.baseUrl }) },
    {
      name: 'with a trailing newline',
      settings: (fake) => ({ token: `${fake.token}\n`, endpoint: fake.baseUrl }),
    },
    {
      name: 'malformed in EXAMPLE_TOKEN',
      settings: (fake) => ({ endpoint: fake.baseUrl }),
      env: { EXAMPLE_TOKEN: 'ex_short' },
    },
  ],
  malformedIds: ['abc', '12/34', '12/fw-3/4', '/fw-3', '12/'],
};
