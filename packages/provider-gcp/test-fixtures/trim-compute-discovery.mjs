// Trims the Compute Engine v1 discovery document to the methods the plugin and its fake use, and
// rewrites it as OpenAPI 3 (structure only: paths, parameters, schemas with types, enums and
// patterns; no descriptions), so `@provision/testkit/openapi` can check answers and requests.
// With `--discovery` it writes the trimmed discovery document itself instead (same methods and
// schemas, descriptions dropped), which Google's generated clients build from
// (`build_from_document` in google-api-python-client).
// Usage: node trim-compute-discovery.mjs <compute-v1.json> [--discovery] > <output>
import { readFileSync } from 'node:fs';

const METHODS = {
  instances: ['insert', 'get', 'delete', 'aggregatedList', 'start', 'stop', 'reset'],
  firewalls: ['insert', 'get', 'delete', 'list', 'patch'],
  zoneOperations: ['get', 'list'],
  globalOperations: ['get'],
  machineTypes: ['get', 'list'],
  zones: ['get', 'list'],
  regions: ['get'],
  images: ['get', 'getFromFamily'],
};

const discovery = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const wanted = new Set();

function schemaOf(source) {
  if (source.$ref !== undefined) {
    wanted.add(source.$ref);
    return ref(source.$ref);
  }
  const out = {};
  if (source.type !== undefined && source.type !== 'any') out.type = source.type;
  if (source.enum !== undefined) out.enum = source.enum;
  if (source.pattern !== undefined) out.pattern = source.pattern;
  if (source.items !== undefined) out.items = schemaOf(source.items);
  if (source.properties !== undefined) {
    out.properties = Object.fromEntries(
      Object.entries(source.properties).map(([key, value]) => [key, schemaOf(value)]),
    );
    // Answers hold only the fields the document names.
    if (source.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (source.additionalProperties !== undefined)
    out.additionalProperties = schemaOf(source.additionalProperties);
  return out;
}

const paths = {};
for (const [resource, methods] of Object.entries(METHODS)) {
  for (const name of methods) {
    const method = discovery.resources[resource].methods[name];
    const path = `/${method.path}`;
    const parameters = Object.entries(method.parameters ?? {}).map(([parameter, spec]) => ({
      name: parameter,
      in: spec.location,
      ...(spec.required ? { required: true } : {}),
      schema: {
        type: spec.type,
        ...(spec.pattern === undefined ? {} : { pattern: `^(?:${spec.pattern})$` }),
        ...(spec.enum === undefined ? {} : { enum: spec.enum }),
      },
    }));
    paths[path] ??= {};
    paths[path][method.httpMethod.toLowerCase()] = {
      operationId: method.id,
      parameters,
      ...(method.request === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(method.request) } },
            },
          }),
      responses: {
        200: { description: '', content: { 'application/json': { schema: schemaOf(method.response) } } },
        default: { description: '', content: { 'application/json': { schema: ref('GoogleError') } } },
      },
    };
  }
}

const schemas = {};
const pending = [...wanted];
while (pending.length > 0) {
  const name = pending.pop();
  if (schemas[name] !== undefined) continue;
  const before = new Set(wanted);
  schemas[name] = schemaOf(discovery.schemas[name]);
  for (const added of wanted) if (!before.has(added)) pending.push(added);
}
// Not in the discovery document: the error body every Google REST API answers
// (https://cloud.google.com/apis/design/errors#http_mapping, and "Handling API errors" for Compute).
schemas.GoogleError = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'integer' },
        message: { type: 'string' },
        status: { type: 'string' },
        errors: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              message: { type: 'string' },
              domain: { type: 'string' },
              reason: { type: 'string' },
            },
          },
        },
      },
    },
  },
};

if (process.argv.includes('--discovery')) {
  const strip = (value) => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'description' && key !== 'enumDescriptions' && key !== 'enumDeprecated')
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  const resources = Object.fromEntries(
    Object.entries(METHODS).map(([resource, methods]) => [
      resource,
      {
        methods: Object.fromEntries(
          methods.map((name) => [name, strip(discovery.resources[resource].methods[name])]),
        ),
      },
    ]),
  );
  const kept = Object.fromEntries([...wanted].sort().map((name) => [name, strip(discovery.schemas[name])]));
  const head = [
    'kind',
    'discoveryVersion',
    'id',
    'name',
    'version',
    'revision',
    'title',
    'rootUrl',
    'servicePath',
    'basePath',
    'baseUrl',
    'batchPath',
    'protocol',
  ];
  const trimmed = {
    ...Object.fromEntries(head.map((key) => [key, discovery[key]])),
    parameters: strip(discovery.parameters),
    auth: {
      oauth2: {
        scopes: Object.fromEntries(Object.keys(discovery.auth.oauth2.scopes).map((scope) => [scope, {}])),
      },
    },
    resources,
    schemas: kept,
  };
  process.stdout.write(`${JSON.stringify(trimmed, null, 1)}\n`);
  process.exit(0);
}

const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
const document = {
  openapi: '3.0.3',
  info: {
    title: discovery.title,
    version: `${discovery.version} (discovery revision ${discovery.revision})`,
  },
  servers: [{ url: `${discovery.rootUrl}${discovery.servicePath}`.replace(/\/+$/, '') }],
  paths,
  components: { schemas: sorted },
};
process.stdout.write(`${JSON.stringify(document, null, 1)}\n`);
