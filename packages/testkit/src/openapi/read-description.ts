import { readFileSync } from 'node:fs';
import type { OpenApiDocument } from './openapi-document.js';

/**
 * Reads a trimmed API description kept as JSON in a package's test fixtures, e.g.
 * `readDescription(new URL('../../test-fixtures/hetzner-openapi.trimmed.json', import.meta.url))`.
 * The type parameter names another format's shape (OVH's schema); default an OpenAPI document.
 */
export function readDescription<Description = OpenApiDocument & { servers: Array<{ url: string }> }>(
  file: URL,
): Description {
  return JSON.parse(readFileSync(file, 'utf8')) as Description;
}
