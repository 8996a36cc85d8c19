#!/usr/bin/env node
// Regenerates vultr-openapi.trimmed.json from Vultr's published OpenAPI 3.0 description
// (`openapi-client/swagger.json` of github.com/vultr/vultr-python-client):
//   node trim-vultr-openapi.mjs <swagger.json> <commit> <commit-date> > vultr-openapi.trimmed.json
// Keeps structure only (paths, verbs, parameters, schemas: types, required, enums, patterns,
// limits) for the operations the fake serves; drops prose and examples and resolves every $ref
// inline, so a test can walk it without a resolver.
import { readFileSync } from 'node:fs';

// Every operation the fake serves; the conformance test checks that the two agree.
const OPERATIONS = [
  ['/account', 'get'],
  ['/firewalls', 'get'],
  ['/firewalls', 'post'],
  ['/firewalls/{firewall-group-id}', 'get'],
  ['/firewalls/{firewall-group-id}', 'put'],
  ['/firewalls/{firewall-group-id}', 'delete'],
  ['/firewalls/{firewall-group-id}/rules', 'get'],
  ['/firewalls/{firewall-group-id}/rules', 'post'],
  ['/firewalls/{firewall-group-id}/rules/{firewall-rule-id}', 'delete'],
  ['/instances', 'get'],
  ['/instances', 'post'],
  ['/instances/{instance-id}', 'get'],
  ['/instances/{instance-id}', 'delete'],
  ['/instances/{instance-id}/start', 'post'],
  ['/instances/{instance-id}/halt', 'post'],
  ['/instances/{instance-id}/reboot', 'post'],
  ['/os', 'get'],
  ['/plans', 'get'],
  ['/regions', 'get'],
];

const SCHEMA_FACTS = [
  'type',
  'format',
  'enum',
  'nullable',
  'pattern',
  'maxLength',
  'minLength',
  'minimum',
  'maximum',
  'default',
  'readOnly',
  'deprecated',
];

const [file, commit, commitDate] = process.argv.slice(2);
if (!file || !commit || !commitDate) {
  process.stderr.write('usage: trim-vultr-openapi.mjs <swagger.json> <commit> <commit-date>\n');
  process.exit(2);
}
const document = JSON.parse(readFileSync(file, 'utf8'));

function follow(reference) {
  let node = document;
  for (const part of reference.replace(/^#\//, '').split('/'))
    node = node[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (node === undefined) throw new Error(`Unresolvable $ref ${reference}`);
  return node;
}

function schema(node) {
  if (node.$ref) return schema(follow(node.$ref));
  const out = {};
  for (const fact of SCHEMA_FACTS) if (node[fact] !== undefined) out[fact] = node[fact];
  if (node.required) out.required = node.required;
  if (node.properties)
    out.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, value]) => [key, schema(value)]),
    );
  if (node.items) out.items = schema(node.items);
  if (node.additionalProperties !== undefined)
    out.additionalProperties =
      typeof node.additionalProperties === 'object'
        ? schema(node.additionalProperties)
        : node.additionalProperties;
  for (const combinator of ['allOf', 'anyOf', 'oneOf'])
    if (node[combinator]) out[combinator] = node[combinator].map(schema);
  return out;
}

function parameter(node) {
  const resolved = node.$ref ? follow(node.$ref) : node;
  return {
    name: resolved.name,
    in: resolved.in,
    ...(resolved.required ? { required: true } : {}),
    schema: schema(resolved.schema ?? {}),
  };
}

function content(node) {
  if (!node?.content) return undefined;
  return Object.fromEntries(
    Object.entries(node.content).map(([type, media]) => [
      type,
      media.schema ? { schema: schema(media.schema) } : {},
    ]),
  );
}

const paths = {};
for (const [path, method] of OPERATIONS) {
  const item = document.paths[path];
  const operation = item?.[method];
  if (!operation) throw new Error(`The description has no ${method} ${path}.`);
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(parameter);
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => {
      const body = content(response.$ref ? follow(response.$ref) : response);
      return [status, body ? { content: body } : {}];
    }),
  );
  paths[path] ??= {};
  paths[path][method] = {
    operationId: operation.operationId,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.requestBody ? { requestBody: { content: content(operation.requestBody) } } : {}),
    responses,
    ...(operation.security ? { security: operation.security } : {}),
  };
}

const trimmed = {
  openapi: document.openapi,
  info: {
    title: document.info.title,
    version: document.info.version,
    'x-source': {
      repository: 'https://github.com/vultr/vultr-python-client',
      path: 'openapi-client/swagger.json',
      commit,
      committed: commitDate,
      licence: 'Apache-2.0',
    },
  },
  servers: document.servers,
  paths,
};
process.stdout.write(`${JSON.stringify(trimmed, null, 2)}\n`);
