import {
  deref,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiResponse,
  type OpenApiSchema,
} from './openapi-document.js';
import { requiredProperties, schemaErrors } from './schema-errors.js';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';

/** The operation for a method and a path template (`/v2/droplets/{droplet_id}`); throws when the document lacks it. */
export function findOperation(
  document: OpenApiDocument,
  method: string,
  pathTemplate: string,
): OpenApiOperation {
  const operation = document.paths[pathTemplate]?.[method.toLowerCase() as Method];
  if (operation === undefined)
    throw new Error(`The description has no ${method.toUpperCase()} ${pathTemplate}.`);
  return operation;
}

/** The response entry for a status, falling back to `4XX`-style ranges and `default`, as OpenAPI does. */
export function responseFor(
  operation: OpenApiOperation,
  status: number,
  document?: OpenApiDocument,
): OpenApiResponse {
  const entry =
    operation.responses[String(status)] ??
    operation.responses[`${String(status)[0]}XX`] ??
    operation.responses.default;
  if (entry === undefined)
    throw new Error(`${operation.operationId} describes no ${status} and no default response.`);
  return deref(document, entry);
}

/** A concrete request path matched to the document: its template, operation and path parameters. */
export interface MatchedOperation {
  readonly template: string;
  readonly operation: OpenApiOperation;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly parameters: readonly OpenApiParameter[];
}

/**
 * Finds the operation a concrete path (`/v2/droplets/123`, no query) answers; literal segments
 * win over `{param}` ones, as OpenAPI says. `undefined` when no path of the document matches.
 */
export function matchOperation(
  document: OpenApiDocument,
  method: string,
  path: string,
): MatchedOperation | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  const candidates = Object.entries(document.paths)
    .map(([template, item]) => ({ template, item, parts: template.split('/').filter((part) => part !== '') }))
    .filter(({ parts }) => parts.length === segments.length)
    .sort((a, b) => countParams(a.parts) - countParams(b.parts));
  for (const { template, item, parts } of candidates) {
    const params: Record<string, string> = {};
    const fits = parts.every((part, index) => {
      const segment = segments[index] as string;
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      params[name] = decodeURIComponent(segment);
      return true;
    });
    const operation = item[method.toLowerCase() as Method];
    if (fits && operation !== undefined) {
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        deref(document, parameter),
      );
      return { template, operation, pathParams: params, parameters };
    }
  }
  return undefined;
}

function countParams(parts: readonly string[]): number {
  return parts.filter((part) => part.startsWith('{')).length;
}

/** A parameter's string value read as its schema's type, so the schema can check it. */
function parameterValue(raw: string, schema: OpenApiSchema | undefined, document: OpenApiDocument): unknown {
  const type = schema === undefined ? undefined : deref(document, schema).type;
  const single = Array.isArray(type) ? type.find((candidate) => candidate !== 'null') : type;
  if ((single === 'integer' || single === 'number') && raw.trim() !== '' && Number.isFinite(Number(raw)))
    return Number(raw);
  if (single === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/**
 * A query parameter's values as sent: an array schema with `style: form` reads every repeated
 * parameter (`explode`, the default) or one comma-separated value (`explode: false`), each read as
 * the items' type; anything else is its first value. Undefined when the parameter is absent.
 * https://spec.openapis.org/oas/v3.1.0#style-values
 */
function queryValue(
  url: URL,
  parameter: { name: string; schema?: OpenApiSchema; style?: string; explode?: boolean },
  document: OpenApiDocument,
): unknown {
  const raws = url.searchParams.getAll(parameter.name);
  if (raws.length === 0) return undefined;
  const schema = parameter.schema === undefined ? undefined : deref(document, parameter.schema);
  if (schema?.type !== 'array' || (parameter.style ?? 'form') !== 'form')
    return parameterValue(raws[0] as string, parameter.schema, document);
  const values = parameter.explode === false ? (raws[0] as string).split(',') : raws;
  return values.map((raw) => parameterValue(raw, schema.items, document));
}

/** A request as sent: method, path with query, headers and the JSON body (if any). */
export interface RequestToCheck {
  readonly method: string;
  /** Path relative to the server URL, with the query string (`/v2/droplets?page=2`). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * Every way a request breaks the description: unknown path or method, path/query/header
 * parameters (required ones present, values of their schema), a required body, its required
 * fields and its schema. Empty when it conforms.
 */
export function requestErrors(document: OpenApiDocument, request: RequestToCheck): string[] {
  const url = new URL(request.path, 'http://request.test');
  const matched = matchOperation(document, request.method, url.pathname);
  if (matched === undefined)
    return [`${request.method.toUpperCase()} ${url.pathname}: no such operation in the description`];
  const errors: string[] = [];
  const id = matched.operation.operationId;
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  for (const parameter of matched.parameters) {
    const raw =
      parameter.in === 'path'
        ? matched.pathParams[parameter.name]
        : parameter.in === 'header'
          ? headers[parameter.name.toLowerCase()]
          : undefined;
    const value =
      parameter.in === 'query'
        ? queryValue(url, parameter, document)
        : raw === undefined
          ? undefined
          : parameterValue(raw, parameter.schema, document);
    if (value === undefined) {
      if (parameter.required === true || parameter.in === 'path')
        errors.push(`${id}: ${parameter.in} parameter ${parameter.name} is required`);
      continue;
    }
    if (parameter.schema !== undefined)
      errors.push(
        ...schemaErrors(value, parameter.schema, `${id} ${parameter.in} ${parameter.name}`, {
          document,
        }),
      );
  }
  const query = new Set(
    matched.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name),
  );
  for (const name of new Set(url.searchParams.keys()))
    if (!query.has(name)) errors.push(`${id}: query parameter ${name} is not in the description`);
  const bodySchema = matched.operation.requestBody?.content['application/json']?.schema;
  if (request.body === undefined) {
    if (matched.operation.requestBody?.required === true) errors.push(`${id}: a request body is required`);
  } else if (bodySchema === undefined) {
    errors.push(`${id}: takes no JSON body`);
  } else {
    for (const key of requiredProperties(bodySchema, document)) {
      if (typeof request.body === 'object' && request.body !== null && !(key in request.body))
        errors.push(`${id} body.${key}: required but missing`);
    }
    errors.push(...schemaErrors(request.body, bodySchema, `${id} body`, { document, direction: 'request' }));
  }
  return [...new Set(errors)];
}

/** A response as received. */
export interface ResponseToCheck {
  readonly method: string;
  /** Path of the request it answers, relative to the server URL (a query is ignored). */
  readonly path: string;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The parsed JSON body, or `undefined` for none. */
  readonly body?: unknown;
}

/**
 * Every way a response breaks the description: a status the operation does not describe (a 2xx
 * must be listed; others may fall to `default`), missing required headers, a body where none is
 * described (or none where one is), and the body's schema. Empty when it conforms.
 */
export function responseErrors(document: OpenApiDocument, response: ResponseToCheck): string[] {
  const pathname = new URL(response.path, 'http://request.test').pathname;
  const matched = matchOperation(document, response.method, pathname);
  if (matched === undefined)
    return [`${response.method.toUpperCase()} ${pathname}: no such operation in the description`];
  const id = matched.operation.operationId;
  if (response.status < 300 && matched.operation.responses[String(response.status)] === undefined)
    return [`${id}: status ${response.status} is not described`];
  let entry: OpenApiResponse;
  try {
    entry = responseFor(matched.operation, response.status, document);
  } catch (error) {
    return [(error as Error).message];
  }
  const errors: string[] = [];
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  for (const [name, header] of Object.entries(entry.headers ?? {})) {
    const value = headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required === true) errors.push(`${id} ${response.status}: header ${name} is required`);
      continue;
    }
    errors.push(
      ...schemaErrors(parameterValue(value, header.schema, document), header.schema, `${id} header ${name}`, {
        document,
      }),
    );
  }
  const schema = entry.content?.['application/json']?.schema;
  if (schema === undefined) {
    if (response.body !== undefined)
      errors.push(`${id} ${response.status}: a body where the description has none`);
  } else if (response.body === undefined) {
    errors.push(`${id} ${response.status}: no body where the description has one`);
  } else {
    errors.push(
      ...schemaErrors(response.body, schema, `${id} ${response.status}`, { document, direction: 'response' }),
    );
  }
  return errors;
}
