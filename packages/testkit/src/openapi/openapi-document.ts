/**
 * The parts of an OpenAPI 3.0/3.1 document the validator reads: structure only (paths, methods,
 * parameters, bodies, responses, schemas), as kept in a provider's trimmed test fixture.
 */

/** JSON types a schema may name. */
export type OpenApiType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** A schema node (OpenAPI 3.0 with `nullable`, or 3.1 with `type: [..., 'null']`). */
export interface OpenApiSchema {
  $ref?: string;
  type?: OpenApiType | OpenApiType[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
  /** `false` closes the object; a schema checks the extra properties. Default: open. */
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  readOnly?: boolean;
  writeOnly?: boolean;
}

/** One parameter of an operation, or a reference to one (`{ $ref: '#/components/parameters/page' }`). */
export type OpenApiParameter =
  | {
      $ref?: undefined;
      name: string;
      in: 'path' | 'query' | 'header' | 'cookie';
      required?: boolean;
      schema?: OpenApiSchema;
      /** How an array or object value is spelled; only `form` (the default for a query) is read. */
      style?: string;
      /** With `style: form`, an array as repeated parameters (the default) or comma-separated (`false`). */
      explode?: boolean;
    }
  | { $ref: string; name?: undefined; in?: undefined; required?: undefined; schema?: undefined };

/** A media type entry (`content['application/json']`). */
export interface OpenApiMediaType {
  schema?: OpenApiSchema;
}

/** One response of an operation. */
export interface OpenApiResponse {
  $ref?: string;
  headers?: Record<string, { schema: OpenApiSchema; required?: boolean }>;
  content?: Record<string, OpenApiMediaType>;
}

/** One operation (a method of a path). */
export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse>;
}

/** A path item: its operations by lower-case method, and parameters shared by them. */
export type OpenApiPathItem = { parameters?: OpenApiParameter[] } & Partial<
  Record<'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options', OpenApiOperation>
>;

/** The document as a whole. */
export interface OpenApiDocument {
  servers?: Array<{ url: string }>;
  paths: Record<string, OpenApiPathItem>;
  components?: {
    schemas?: Record<string, OpenApiSchema>;
    parameters?: Record<string, OpenApiParameter>;
    responses?: Record<string, OpenApiResponse>;
  };
}

/** Follows a local `$ref` (`#/components/schemas/droplet`); throws for one the document lacks. */
export function resolveRef<T>(document: OpenApiDocument | undefined, ref: string): T {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, not ${ref}.`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node === undefined) throw new Error(`The document has no ${ref}.`);
  return node as T;
}

/** `value`, or what its `$ref` points at (repeatedly). */
export function deref<T extends { $ref?: string }>(document: OpenApiDocument | undefined, value: T): T {
  let current = value;
  for (let depth = 0; current.$ref !== undefined; depth += 1) {
    if (depth > 32) throw new Error(`$ref cycle at ${current.$ref}.`);
    current = resolveRef<T>(document, current.$ref);
  }
  return current;
}
