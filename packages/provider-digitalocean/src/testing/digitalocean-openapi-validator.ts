/**
 * Checks JSON values against the subset of OpenAPI 3.0 schema kept in
 * `test-fixtures/digitalocean-openapi.trimmed.json`: type (object, array, string, integer, number,
 * boolean), enum, required, properties, items, allOf, anyOf, oneOf, nullable, pattern, maxLength,
 * minLength, minimum, maximum and the date-time format. Used by tests to hold the fake's answers and
 * our requests to DigitalOcean's published description.
 */

/** A schema node of the trimmed description. */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  readOnly?: boolean;
}

/** One operation of the trimmed description. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: OpenApiSchema }>;
  requestBody?: { content: { 'application/json': { schema: OpenApiSchema } } };
  responses: Record<
    string,
    {
      headers?: Record<string, { schema: OpenApiSchema }>;
      content?: { 'application/json': { schema: OpenApiSchema } };
    }
  >;
}

/** The trimmed description as a whole. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: NonNullable<OpenApiSchema['type']>): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/**
 * Every way `value` breaks `schema`, as `<path>: <problem>` lines; empty when it conforms.
 * Properties the schema does not list are allowed (the description never closes its objects).
 */
export function schemaErrors(value: unknown, schema: OpenApiSchema, path = '$'): string[] {
  const errors: string[] = [];
  if (value === undefined) return [`${path}: missing`];
  if (value === null) {
    if (schema.type !== undefined && schema.nullable !== true) return [`${path}: null but not nullable`];
  } else if (schema.type !== undefined && !matchesType(value, schema.type)) {
    return [`${path}: expected ${schema.type}, got ${typeOf(value)}`];
  }
  if (value !== null && schema.enum !== undefined && !schema.enum.includes(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
      errors.push(`${path}: does not match ${schema.pattern}`);
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) errors.push(`${path}: not a date-time`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: above ${schema.maximum}`);
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (record[key] === undefined) errors.push(`${path}.${key}: required but missing`);
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (record[key] !== undefined) errors.push(...schemaErrors(record[key], property, `${path}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, index) => {
      errors.push(...schemaErrors(item, schema.items as OpenApiSchema, `${path}[${index}]`));
    });
  }
  for (const member of schema.allOf ?? []) errors.push(...schemaErrors(value, member, path));
  if (
    schema.anyOf !== undefined &&
    !schema.anyOf.some((member) => schemaErrors(value, member, path).length === 0)
  ) {
    const details = schema.anyOf.map((member) => schemaErrors(value, member, path).join('; '));
    errors.push(`${path}: matches none of anyOf (${details.join(' | ')})`);
  }
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter((member) => schemaErrors(value, member, path).length === 0).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf, expected exactly 1`);
  }
  return errors;
}

/** The operation for a method and a path template (`/v2/droplets/{droplet_id}`); throws when the fixture lacks it. */
export function findOperation(
  document: OpenApiDocument,
  method: string,
  pathTemplate: string,
): OpenApiOperation {
  const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
  if (operation === undefined) throw new Error(`The trimmed description has no ${method} ${pathTemplate}.`);
  return operation;
}

/** The response entry for a status, falling back to `default` as OpenAPI does. */
export function responseFor(
  operation: OpenApiOperation,
  status: number,
): OpenApiOperation['responses'][string] {
  const entry = operation.responses[String(status)] ?? operation.responses.default;
  if (entry === undefined)
    throw new Error(`${operation.operationId} describes no ${status} and no default response.`);
  return entry;
}

/** Property names a request body schema requires, through `allOf` (for `oneOf`, the first branch). */
export function requiredProperties(schema: OpenApiSchema): string[] {
  const own = schema.required ?? [];
  const nested = [
    ...(schema.allOf ?? []),
    ...(schema.oneOf === undefined ? [] : [schema.oneOf[0] as OpenApiSchema]),
  ];
  return [...new Set([...own, ...nested.flatMap(requiredProperties)])];
}
