#!/usr/bin/env node
// Regenerates linode-openapi.trimmed.json from Linode's OpenAPI description (openapi.yaml of
// github.com/linode/linode-api-docs):
//   node trim-linode-openapi.mjs <openapi.yaml> <commit> <commit-date> > linode-openapi.trimmed.json
// Keeps structure only (paths, verbs, parameters, schemas: types, required, enums, patterns,
// limits) for the operations the fake serves, drops prose and examples, resolves every $ref
// inline, and writes `/{apiVersion}/...` as `/v4/...` (the version the provider calls).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// Every operation the fake serves; the conformance test checks that the two agree.
const OPERATIONS = [
  ['/linode/instances', 'get'],
  ['/linode/instances', 'post'],
  ['/linode/instances/{linodeId}', 'get'],
  ['/linode/instances/{linodeId}', 'delete'],
  ['/linode/instances/{linodeId}/boot', 'post'],
  ['/linode/instances/{linodeId}/shutdown', 'post'],
  ['/linode/instances/{linodeId}/reboot', 'post'],
  ['/linode/instances/{linodeId}/firewalls', 'get'],
  ['/networking/firewalls', 'get'],
  ['/networking/firewalls', 'post'],
  ['/networking/firewalls/{firewallId}', 'get'],
  ['/networking/firewalls/{firewallId}', 'put'],
  ['/networking/firewalls/{firewallId}', 'delete'],
  ['/networking/firewalls/{firewallId}/devices', 'get'],
  ['/networking/firewalls/{firewallId}/rules', 'put'],
  ['/linode/types', 'get'],
  ['/regions', 'get'],
  ['/images', 'get'],
  ['/account/events', 'get'],
  ['/profile', 'get'],
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
  'writeOnly',
  'maxItems',
  'minItems',
];

const [file, commit, commitDate] = process.argv.slice(2);
if (!file || !commit || !commitDate) {
  process.stderr.write('usage: trim-linode-openapi.mjs <openapi.yaml> <commit> <commit-date>\n');
  process.exit(2);
}
const document = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });

function deref(node) {
  let current = node;
  while (current && typeof current === 'object' && '$ref' in current) {
    const { $ref, ...siblings } = current;
    let target = document;
    for (const part of $ref.slice(2).split('/'))
      target = target[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (target === undefined) throw new Error(`Unresolvable $ref ${$ref}`);
    current = { ...target, ...siblings };
  }
  return current;
}

// Linode writes date-times without a zone ("2018-01-01T00:01:01", as the description's own
// examples do), which `format: date-time` (RFC 3339) would refuse: the fixture checks that form.
const LINODE_DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$';

/** Deep union of two object schemas: properties merged, `required` joined, closed if either is. */
function merge(a, b) {
  const out = { ...a, ...b };
  if (a.properties || b.properties) {
    out.properties = { ...a.properties };
    for (const [name, property] of Object.entries(b.properties ?? {}))
      out.properties[name] = out.properties[name] ? merge(out.properties[name], property) : property;
  }
  if (a.items && b.items) out.items = merge(a.items, b.items);
  const required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  if (required.length > 0) out.required = required;
  if (a.additionalProperties === false || b.additionalProperties === false) out.additionalProperties = false;
  return out;
}

function schema(input) {
  let node = deref(input);
  if (typeof node !== 'object' || node === null) return node;
  // The description builds request and response bodies as `allOf` of members that each say
  // `additionalProperties: false`, which read strictly would refuse every other member's fields;
  // the members (and the sibling keys) are one object, so they are merged into one.
  if (
    Array.isArray(node.allOf) &&
    node.allOf.every((member) => (deref(member).type ?? 'object') === 'object')
  ) {
    const { allOf, ...rest } = node;
    node = allOf.map((member) => deref(member)).reduce(merge, rest);
  }
  const out = {};
  for (const key of SCHEMA_FACTS) if (key in node) out[key] = node[key];
  if (out.format === 'date-time') {
    delete out.format;
    out.pattern = LINODE_DATE_TIME;
  }
  if (Array.isArray(node.required)) out.required = node.required;
  if (node.properties) {
    out.properties = {};
    for (const [name, property] of Object.entries(node.properties)) out.properties[name] = schema(property);
  }
  if (node.items) out.items = schema(node.items);
  if (node.additionalProperties !== undefined)
    out.additionalProperties =
      typeof node.additionalProperties === 'object'
        ? schema(node.additionalProperties)
        : node.additionalProperties;
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    if (!Array.isArray(node[combinator])) continue;
    const members = node[combinator].map(schema).filter((member) => Object.keys(member).length > 0);
    if (members.length > 0) out[combinator] = members;
  }
  return out;
}

function parameters(list = []) {
  return list
    .map(deref)
    .filter((parameter) => parameter.name !== 'apiVersion')
    .map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required === true,
      schema: schema(parameter.schema),
    }));
}

function operation(item, shared) {
  const out = {
    operationId: item.operationId,
    parameters: [...parameters(shared), ...parameters(item.parameters)],
  };
  const body = item.requestBody?.content?.['application/json'];
  if (body?.schema) out.requestBody = { content: { 'application/json': { schema: schema(body.schema) } } };
  out.responses = {};
  for (const [code, entry] of Object.entries(item.responses)) {
    const json = deref(entry).content?.['application/json'];
    out.responses[code] = json?.schema
      ? { content: { 'application/json': { schema: schema(json.schema) } } }
      : {};
  }
  return out;
}

const paths = {};
for (const [path, verb] of OPERATIONS) {
  const pathItem = document.paths[`/{apiVersion}${path}`];
  const item = pathItem?.[verb];
  if (!item) throw new Error(`No ${verb.toUpperCase()} ${path} in the description`);
  paths[`/v4${path}`] ??= {};
  paths[`/v4${path}`][verb] = operation(item, pathItem.parameters);
}

const trimmed = {
  openapi: document.openapi,
  info: { title: document.info.title, version: document.info.version, license: document.info.license?.name },
  'x-source': {
    repository: 'https://github.com/linode/linode-api-docs',
    file: 'openapi.yaml',
    commit,
    commitDate,
  },
  servers: document.servers.map((server) => ({ url: server.url })),
  paths,
};
process.stdout.write(`${JSON.stringify(trimmed, null, 2)}\n`);
