/**
 * Checks requests and answers against OVH's own API schema format (`apis[].operations[]` with
 * typed parameters and a `responseType`, and `models` of typed properties or enums), as trimmed in
 * `test-fixtures/ovh-cloud-api.trimmed.json`. OVH does not publish OpenAPI for API v1, so this is
 * the small reader the conformance test needs: types, nullability, required body fields, enums,
 * and no property the schema does not declare.
 */

/** One model: properties with their facts, or an enum. */
export interface OvhModel {
  readonly properties?: Readonly<
    Record<string, { type: string; canBeNull: boolean; readOnly: boolean; required: boolean }>
  >;
  readonly enum?: readonly string[];
}

/** One operation of the trimmed schema. */
export interface OvhOperation {
  readonly path: string;
  readonly httpMethod: string;
  readonly noAuthentication: boolean;
  readonly parameters: ReadonlyArray<{
    name?: string;
    dataType: string;
    paramType: string;
    required: boolean;
  }>;
  readonly responseType: string;
}

/** The trimmed schema. */
export interface OvhSchema {
  readonly apis: readonly OvhOperation[];
  readonly models: Readonly<Record<string, OvhModel>>;
}

/** The operation for a method and a path relative to `/1.0` (query ignored), if the schema has one. */
export function operationFor(schema: OvhSchema, method: string, path: string): OvhOperation | undefined {
  const segments = path.split('?')[0]?.split('/') ?? [];
  return schema.apis.find((operation) => {
    if (operation.httpMethod !== method) return false;
    const pattern = operation.path.split('/');
    return (
      pattern.length === segments.length &&
      pattern.every((part, index) => part.startsWith('{') || part === segments[index])
    );
  });
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Problems of `value` as the schema's `type`, each prefixed with `where`. */
export function valueErrors(schema: OvhSchema, type: string, value: unknown, where: string): string[] {
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [`${where}: expected an array`];
    return value.flatMap((item, index) => valueErrors(schema, type.slice(0, -2), item, `${where}[${index}]`));
  }
  switch (type) {
    case 'void':
      return value === null || value === undefined ? [] : [`${where}: expected null`];
    case 'string':
    case 'text':
    case 'password':
    case 'ip':
    case 'uuid':
      return typeof value === 'string' ? [] : [`${where}: expected ${type}`];
    case 'duration':
      return typeof value === 'string' ? [] : [`${where}: expected a duration`];
    case 'datetime':
      return typeof value === 'string' && ISO.test(value) ? [] : [`${where}: expected a datetime`];
    case 'long':
    case 'int':
      return Number.isInteger(value) ? [] : [`${where}: expected ${type}`];
    case 'double':
      return typeof value === 'number' ? [] : [`${where}: expected double`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${where}: expected boolean`];
  }
  const model = schema.models[type];
  if (model === undefined) return [`${where}: type ${type} is not in the fixture`];
  if (model.enum !== undefined)
    return typeof value === 'string' && model.enum.includes(value)
      ? []
      : [`${where}: ${JSON.stringify(value)} is not in ${type}`];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${where}: expected ${type}`];
  const record = value as Record<string, unknown>;
  const properties = model.properties ?? {};
  const problems = Object.keys(record)
    .filter((key) => properties[key] === undefined)
    .map((key) => `${where}.${key}: not a property of ${type}`);
  for (const [key, facts] of Object.entries(properties)) {
    const field = record[key];
    if (field === undefined || field === null) {
      if (field === null && !facts.canBeNull)
        problems.push(`${where}.${key}: null, but ${type}.${key} cannot be`);
      continue;
    }
    problems.push(...valueErrors(schema, facts.type, field, `${where}.${key}`));
  }
  return problems;
}

/** Problems of a request: an operation the schema lacks, unknown query parameters, a body that breaks its model. */
export function requestErrors(
  schema: OvhSchema,
  request: { method: string; path: string; body?: unknown },
): string[] {
  const operation = operationFor(schema, request.method, request.path);
  if (operation === undefined) return [`${request.method} ${request.path}: not in the schema`];
  const where = `${request.method} ${operation.path}`;
  const query = new URLSearchParams(request.path.split('?')[1] ?? '');
  const declared = new Set(
    operation.parameters.filter((entry) => entry.paramType === 'query').map((entry) => entry.name),
  );
  const problems = [...query.keys()]
    .filter((key) => !declared.has(key))
    .map((key) => `${where} query ${key}: not a parameter`);
  const body = operation.parameters.find((entry) => entry.paramType === 'body');
  if (body === undefined) return problems;
  if (request.body === undefined) return body.required ? [...problems, `${where}: body required`] : problems;
  problems.push(...valueErrors(schema, body.dataType, request.body, `${where} body`));
  const properties = schema.models[body.dataType]?.properties ?? {};
  for (const [key, facts] of Object.entries(properties))
    if (facts.required && (request.body as Record<string, unknown>)[key] === undefined)
      problems.push(`${where} body.${key}: required but missing`);
  return problems;
}

/** Problems of a success answer against the operation's `responseType`; every declared property must be there. */
export function responseErrors(
  schema: OvhSchema,
  answer: { method: string; path: string; body: unknown },
): string[] {
  const operation = operationFor(schema, answer.method, answer.path);
  if (operation === undefined) return [`${answer.method} ${answer.path}: not in the schema`];
  const where = `${answer.method} ${operation.path} answer`;
  const problems = valueErrors(schema, operation.responseType, answer.body, where);
  const item = operation.responseType.replace(/\[\]$/, '');
  const properties = schema.models[item]?.properties;
  const items = Array.isArray(answer.body) ? answer.body : [answer.body];
  if (properties !== undefined)
    for (const entry of items)
      for (const key of Object.keys(properties))
        if (!(key in (entry as Record<string, unknown>)))
          problems.push(`${where}.${key}: missing (OVH answers every property)`);
  return problems;
}
