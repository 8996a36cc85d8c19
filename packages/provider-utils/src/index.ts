export { collectPages, type Page } from './collect-pages.js';
export { createFlatTagCodec, type FlatTagCodec, type FlatTagCodecOptions } from './flat-tag-codec.js';
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
  USER_AGENT_PREFIX,
} from './json-client.js';
export { type LoadCredentialInput, loadCredential } from './load-credential.js';
export { type ApiErrorDetails, type HttpFailure, mapHttpError } from './map-http-error.js';
export { backoffMs, type RetryOptions, retryAfterMs } from './retry.js';
