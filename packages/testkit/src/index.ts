export * from './contract/index.js';
export * from './fake-cloud/index.js';
