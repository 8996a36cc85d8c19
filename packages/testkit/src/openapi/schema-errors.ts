import { deref, type OpenApiDocument, type OpenApiSchema, type OpenApiType } from './openapi-document.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const FORMATS: Record<string, RegExp> = {
  'date-time': DATE_TIME,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  ipv4: /^(\d{1,3}\.){3}\d{1,3}$/,
};

function typeOf(value: unknown): OpenApiType | 'undefined' | 'other' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object')
    return typeof value as OpenApiType;
  return value === undefined ? 'undefined' : 'other';
}

function allowedTypes(schema: OpenApiSchema): OpenApiType[] | undefined {
  if (schema.type === undefined) return undefined;
  const types = Array.isArray(schema.type) ? [...schema.type] : [schema.type];
  if (schema.nullable === true) types.push('null');
  return types;
}

function matches(actual: ReturnType<typeof typeOf>, allowed: readonly OpenApiType[]): boolean {
  return allowed.includes(actual as OpenApiType) || (actual === 'integer' && allowed.includes('number'));
}

/**
 * A schema's `pattern` as a RegExp: Unicode-aware where it parses so, else as plain ECMA-262,
 * which allows identity escapes such as `\:` that published descriptions use (DigitalOcean's tag
 * names) and the `u` flag refuses.
 */
function patternOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

/** Options of `schemaErrors`. */
export interface SchemaCheckOptions {
  /** Resolves `$ref`s; needed when the schema has any. */
  readonly document?: OpenApiDocument;
  /** `'request'` ignores `readOnly` properties, `'response'` `writeOnly` ones. Default: neither. */
  readonly direction?: 'request' | 'response';
}

/**
 * Every way `value` breaks `schema`, as `<path>: <problem>` lines; empty when it conforms. Knows
 * type (one or a list), nullable, enum, const, required, properties, additionalProperties, items,
 * allOf/anyOf/oneOf, $ref, pattern, lengths, bounds and common formats.
 */
export function schemaErrors(
  value: unknown,
  raw: OpenApiSchema,
  path = '$',
  options: SchemaCheckOptions = {},
): string[] {
  const schema = deref(options.document, raw);
  if (value === undefined) return [`${path}: missing`];
  const actual = typeOf(value);
  const types = allowedTypes(schema);
  if (value === null) {
    if (types !== undefined && !types.includes('null')) return [`${path}: null but not nullable`];
  } else if (types !== undefined && !matches(actual, types)) {
    return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
  }
  const errors: string[] = [];
  if (value !== null && schema.enum !== undefined && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.const !== undefined && value !== schema.const)
    errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value))
      errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength)
      errors.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && [...value].length < schema.minLength)
      errors.push(`${path}: shorter than ${schema.minLength}`);
    const format = schema.format === undefined ? undefined : FORMATS[schema.format];
    if (format !== undefined && !format.test(value)) errors.push(`${path}: not a ${schema.format}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${path}: above ${schema.maximum}`);
  }
  if (actual === 'object')
    errors.push(...objectErrors(value as Record<string, unknown>, schema, path, options));
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items !== undefined) {
      const items = schema.items;
      for (const [index, item] of value.entries())
        errors.push(...schemaErrors(item, items, `${path}[${index}]`, options));
    }
  }
  for (const member of schema.allOf ?? []) errors.push(...schemaErrors(value, member, path, options));
  if (
    schema.anyOf !== undefined &&
    !schema.anyOf.some((member) => schemaErrors(value, member, path, options).length === 0)
  ) {
    const details = schema.anyOf.map((member) => schemaErrors(value, member, path, options).join('; '));
    errors.push(`${path}: matches none of anyOf (${details.join(' | ')})`);
  }
  if (schema.oneOf !== undefined) {
    const matching = schema.oneOf.filter(
      (member) => schemaErrors(value, member, path, options).length === 0,
    ).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf, expected exactly 1`);
  }
  return errors;
}

function objectErrors(
  record: Record<string, unknown>,
  schema: OpenApiSchema,
  path: string,
  options: SchemaCheckOptions,
): string[] {
  const errors: string[] = [];
  const properties = schema.properties ?? {};
  const skipped = (property: OpenApiSchema | undefined) => {
    const resolved = property === undefined ? undefined : deref(options.document, property);
    return (
      (options.direction === 'request' && resolved?.readOnly === true) ||
      (options.direction === 'response' && resolved?.writeOnly === true)
    );
  };
  for (const key of schema.required ?? [])
    if (record[key] === undefined && !skipped(properties[key]))
      errors.push(`${path}.${key}: required but missing`);
  for (const [key, property] of Object.entries(properties)) {
    if (record[key] !== undefined)
      errors.push(...schemaErrors(record[key], property, `${path}.${key}`, options));
  }
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== true) {
    for (const key of Object.keys(record).filter((name) => !(name in properties))) {
      if (extra === false) errors.push(`${path}.${key}: not allowed (additionalProperties is false)`);
      else errors.push(...schemaErrors(record[key], extra, `${path}.${key}`, options));
    }
  }
  return errors;
}

/**
 * Property names a body schema requires, through `$ref`, `allOf` and the first `oneOf` branch
 * (`anyOf` branches are alternatives, so none of theirs is required on its own).
 */
export function requiredProperties(raw: OpenApiSchema, document?: OpenApiDocument): string[] {
  const schema = deref(document, raw);
  const own = schema.required ?? [];
  const firstBranch = schema.oneOf?.[0];
  const nested = [...(schema.allOf ?? []), ...(firstBranch === undefined ? [] : [firstBranch])];
  return [...new Set([...own, ...nested.flatMap((member) => requiredProperties(member, document))])];
}
