export * from './fake-cloud/index.js';
