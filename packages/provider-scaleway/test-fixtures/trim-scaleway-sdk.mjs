// Writes scaleway-instance-v1.trimmed.json: an OpenAPI 3.0 document (structure only) of the
// Instance API v1 operations the fake serves, derived from Scaleway's generated JavaScript SDK,
// which Scaleway generates from its API description:
//   packages_generated/instance/src/v1/api.gen.ts         paths, methods, query parameters
//   packages_generated/instance/src/v1/api.utils.ts       setServerUserData (text/plain)
//   packages_generated/instance/src/v1/marshalling.gen.ts wire names of bodies and answers
//   packages_generated/instance/src/v1/types.gen.ts       field types, enums, optional fields
// Usage: node trim-scaleway-sdk.mjs <checkout of scaleway/scaleway-sdk-js>
// Status codes are not in the SDK (it takes any 2xx); they are the API reference's (SOURCE.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: node trim-scaleway-sdk.mjs <scaleway-sdk-js checkout>');
const dir = join(root, 'packages_generated/instance/src/v1');
const api = readFileSync(join(dir, 'api.gen.ts'), 'utf8') + readFileSync(join(dir, 'api.utils.ts'), 'utf8');
const marshalling = readFileSync(join(dir, 'marshalling.gen.ts'), 'utf8');
const types = readFileSync(join(dir, 'types.gen.ts'), 'utf8');

/** SDK method -> what the fake answers with, and which statuses the API reference gives. */
const OPERATIONS = {
  listServers: { status: 200, response: 'ListServersResponse' },
  createServer: {
    sdk: '_createServer',
    status: 201,
    response: 'CreateServerResponse',
    body: 'CreateServerRequest',
  },
  getServer: { status: 200, response: 'GetServerResponse' },
  updateServer: {
    sdk: '_updateServer',
    status: 200,
    response: 'UpdateServerResponse',
    body: 'UpdateServerRequest',
  },
  deleteServer: { status: 204 },
  serverAction: { status: 202, response: 'ServerActionResponse', body: 'ServerActionRequest' },
  listServerUserData: { status: 200, response: 'ListServerUserDataResponse' },
  setServerUserData: { status: 204, text: true },
  listSecurityGroups: {
    sdk: 'pageOfListSecurityGroups',
    status: 200,
    response: 'ListSecurityGroupsResponse',
  },
  createSecurityGroup: {
    status: 201,
    response: 'CreateSecurityGroupResponse',
    body: 'CreateSecurityGroupRequest',
  },
  getSecurityGroup: { status: 200, response: 'GetSecurityGroupResponse' },
  updateSecurityGroup: {
    status: 200,
    response: 'UpdateSecurityGroupResponse',
    body: 'UpdateSecurityGroupRequest',
  },
  deleteSecurityGroup: { status: 204 },
  listSecurityGroupRules: {
    sdk: 'pageOfListSecurityGroupRules',
    status: 200,
    response: 'ListSecurityGroupRulesResponse',
  },
  setSecurityGroupRules: {
    status: 200,
    response: 'SetSecurityGroupRulesResponse',
    body: 'SetSecurityGroupRulesRequest',
  },
  listVolumes: { sdk: 'pageOfListVolumes', status: 200, response: 'ListVolumesResponse' },
  deleteVolume: { status: 204 },
  listIps: { sdk: 'pageOfListIps', status: 200, response: 'ListIpsResponse' },
  getDashboard: { status: 200, response: 'GetDashboardResponse' },
  listServersTypes: { status: 200, response: 'ListServersTypesResponse' },
};
OPERATIONS.listServers.sdk = 'pageOfListServers';

const snake = (name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The `{ ... }` block that starts at `start` (the index of its opening brace). */
function block(text, start) {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    if (text[at] === '{' || text[at] === '(') depth++;
    if (text[at] === '}' || text[at] === ')') depth--;
    if (depth === 0) return text.slice(start, at + 1);
  }
  throw new Error(`unbalanced block at ${start}`);
}

/** One SDK method: verb, path template, query names. */
function operation(method) {
  const at = api.search(new RegExp(`\\n  (?:protected )?${method} = \\(`));
  if (at === -1) throw new Error(`no SDK method ${method}`);
  const text = block(api, api.indexOf('fetch', at) + api.slice(api.indexOf('fetch', at)).indexOf('('));
  const verb = /method: '(\w+)'/.exec(text)[1];
  const rawPath = /path: `([^`]+)`/.exec(text)[1];
  const path = rawPath.replace(
    /\$\{validatePathParam\(\s*'(\w+)',[^}]*\)\}/g,
    (_, name) => `{${snake(name)}}`,
  );
  const query = [...text.matchAll(/\['(\w+)', request\./g)].map((match) => match[1]);
  return { verb: verb.toLowerCase(), path, query };
}

const enums = new Map();
for (const match of types.matchAll(/export type (\w+) =\s*((?:\s*\|\s*'[^']*')+)/g))
  enums.set(
    match[1],
    [...match[2].matchAll(/'([^']*)'/g)].map((value) => value[1]),
  );

/** The fields of an SDK interface or request type: name -> { type, optional }. */
function fieldsOf(name) {
  const start = types.search(new RegExp(`export (?:interface ${name} \\{|type ${name} = \\{)`));
  if (start === -1) throw new Error(`no type ${name}`);
  const text = block(types, types.indexOf('{', start));
  const fields = new Map();
  let depth = 0;
  for (const line of text.split('\n').slice(1)) {
    if (depth === 0) {
      const match = /^ {2}(\w+)(\??): (.+)$/.exec(line);
      if (match) fields.set(match[1], { type: match[3].trim(), optional: match[2] === '?' });
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
  }
  return fields;
}

const components = {};

function typeSchema(type) {
  const union = type.split('|').map((part) => part.trim());
  const nullable = union.includes('undefined') || union.includes('null');
  const core = union.filter((part) => part !== 'undefined' && part !== 'null');
  let schema;
  const [only] = core;
  if (core.length !== 1) schema = {};
  else if (only === 'string' || only === 'ScwZone' || only === 'ScwRegion') schema = { type: 'string' };
  else if (only === 'number') schema = { type: 'number' };
  else if (only === 'boolean') schema = { type: 'boolean' };
  else if (only === 'Date') schema = { type: 'string', format: 'date-time' };
  else if (only.endsWith('[]')) schema = { type: 'array', items: typeSchema(only.slice(0, -2)) };
  else if (/^Record<string, /.test(only))
    schema = { type: 'object', additionalProperties: typeSchema(only.slice(15, -1)) };
  else if (enums.has(only)) schema = { type: 'string', enum: enums.get(only) };
  else if (components[only] !== undefined || hasUnmarshaller(only)) schema = { $ref: ref(only) };
  else schema = {};
  return nullable ? { ...schema, nullable: true } : schema;
}

const hasUnmarshaller = (name) => new RegExp(`const unmarshal${name} = `).test(marshalling);

function ref(name) {
  if (components[name] === undefined) {
    components[name] = {};
    components[name] = answerSchema(name);
  }
  return `#/components/schemas/${name}`;
}

/** An answer's schema from its unmarshaller (wire names) and its type (field types). */
function answerSchema(name) {
  const start = marshalling.search(new RegExp(`const unmarshal${name} = `));
  const text = block(marshalling, marshalling.indexOf('return {', start) + 7);
  const fields = fieldsOf(name);
  const properties = {};
  const required = [];
  for (const [, camel, expression] of text.matchAll(/^\s+(\w+): (.+),$/gm)) {
    const wire = /data\.(\w+)/.exec(expression)?.[1];
    const field = fields.get(camel);
    if (wire === undefined || field === undefined) continue;
    const nested =
      /unmarshal(?:ArrayOfObject|MapOfObject)?\(?(?:data\.\w+, )?unmarshal(\w+)\)|unmarshal(\w+)\(data\./.exec(
        expression,
      );
    const target = nested?.[1] ?? nested?.[2];
    let schema;
    if (/unmarshalArrayOfObject/.test(expression)) schema = { type: 'array', items: { $ref: ref(target) } };
    else if (/unmarshalMapOfObject/.test(expression))
      schema = { type: 'object', additionalProperties: { $ref: ref(target) } };
    else if (/unmarshalDate/.test(expression))
      schema = { type: 'string', format: 'date-time', nullable: true };
    else if (target !== undefined && target !== 'Date')
      schema = { anyOf: [{ $ref: ref(target) }, { type: 'null' }] };
    else schema = typeSchema(field.type);
    properties[wire] = field.optional && schema.anyOf === undefined ? { ...schema, nullable: true } : schema;
    // The Instance API answers a listing's total in the X-Total-Count header, not in the body: the
    // SDK fills `totalCount` from the header (`fixLegacyTotalCount` in packages/client).
    if (wire === 'total_count') delete properties[wire];
    else if (!field.optional) required.push(wire);
  }
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties };
}

/** A request body's schema from its marshaller (wire names) and its request type. */
function bodySchema(name) {
  const start = marshalling.search(new RegExp(`const marshal${name} = `));
  const text = block(marshalling, marshalling.indexOf('({', start) + 1);
  const fields = fieldsOf(name);
  const properties = {};
  const required = [];
  for (const [, wire, camel, rest] of text.matchAll(/^\s+(\w+): \(*(?:request\.(\w+))?(.*),\s*$/gm)) {
    if (['value', 'default', 'param'].includes(wire)) continue;
    const field = fields.get(camel ?? /request\.(\w+)/.exec(rest)?.[1] ?? '');
    if (field === undefined) continue;
    const nested = /marshal(\w+)\(/.exec(rest)?.[1];
    let schema = typeSchema(field.type.replace(/ \| undefined$/, ''));
    if (nested !== undefined && /\.map\(/.test(rest)) schema = { type: 'array', items: bodySchema(nested) };
    else if (nested !== undefined && /Object\.entries/.test(rest))
      schema = { type: 'object', additionalProperties: bodySchema(nested) };
    else if (nested !== undefined) schema = bodySchema(nested);
    properties[wire] = schema;
    // Proto3 booleans default to false: the SDK's types make them non-optional, the API does not.
    if (!field.optional && !/\|\|/.test(rest) && schema.type !== 'boolean') required.push(wire);
  }
  for (const [, param] of text.matchAll(/param: '(\w+)'/g))
    properties[param] = { type: param.endsWith('default') ? 'boolean' : 'string' };
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties };
}

const paths = {};
const PAGE = {
  per_page: { type: 'integer', minimum: 1, maximum: 100 },
  page: { type: 'integer', minimum: 1 },
};
for (const [id, spec] of Object.entries(OPERATIONS)) {
  const { verb, path, query } = operation(spec.sdk ?? id);
  const parameters = [
    ...[...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...query.map((name) => ({ name, in: 'query', schema: PAGE[name] ?? { type: 'string' } })),
  ];
  const response =
    spec.response === undefined
      ? { description: '' }
      : {
          description: '',
          ...(spec.response.startsWith('List') && query.includes('per_page')
            ? { headers: { 'X-Total-Count': { schema: { type: 'integer' } } } }
            : {}),
          content: { 'application/json': { schema: { $ref: ref(spec.response) } } },
        };
  const body = spec.text
    ? { required: true, content: { 'text/plain': { schema: { type: 'string' } } } }
    : spec.body === undefined
      ? undefined
      : { required: true, content: { 'application/json': { schema: bodySchema(spec.body) } } };
  paths[path] ??= {};
  paths[path][verb] = {
    operationId: id,
    parameters,
    ...(body === undefined ? {} : { requestBody: body }),
    responses: {
      [spec.status]: response,
      default: {
        description: '',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
}
// The error body every API answers with (the SDK's `parseScalewayError` reads `type` and `message`).
components.Error = {
  type: 'object',
  required: ['message', 'type'],
  properties: { message: { type: 'string' }, type: { type: 'string' } },
};

const document = {
  openapi: '3.1.0',
  info: { title: 'Scaleway Instance API v1 (trimmed, from scaleway-sdk-js)', version: 'v1' },
  servers: [{ url: 'https://api.scaleway.com' }],
  paths,
  components: {
    schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
  },
};
writeFileSync(
  new URL('./scaleway-instance-v1.trimmed.json', import.meta.url),
  `${JSON.stringify(document, null, 2)}\n`,
);
