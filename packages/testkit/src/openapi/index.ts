// The OpenAPI-description validator: plain functions, no msw and no vitest, so any test runner
// (and a fake's own checks) can use it (`@provision/testkit/openapi`).

export {
  type ConformanceCheck,
  type ConformanceExchange,
  createFakeConformance,
  type DescriptionValidator,
  type FakeConformanceOptions,
} from './fake-conformance.js';
export {
  deref,
  type OpenApiDocument,
  type OpenApiMediaType,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiPathItem,
  type OpenApiResponse,
  type OpenApiSchema,
  type OpenApiType,
  resolveRef,
} from './openapi-document.js';
export {
  findOperation,
  type MatchedOperation,
  matchOperation,
  type RequestToCheck,
  type ResponseToCheck,
  requestErrors,
  responseErrors,
  responseFor,
} from './openapi-validator.js';
export { readDescription } from './read-description.js';
export { requiredProperties, type SchemaCheckOptions, schemaErrors } from './schema-errors.js';
