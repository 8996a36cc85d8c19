#!/usr/bin/env node
// Regenerates digitalocean-openapi.trimmed.json from a checkout of github.com/digitalocean/openapi:
//   node trim-digitalocean-openapi.mjs <checkout> <commit> <commit-date> > digitalocean-openapi.trimmed.json
// Keeps structure only (paths, verbs, parameters, schemas: types, required, enums, patterns,
// limits) for the operations the provider and its fake use; drops prose and examples and
// resolves every $ref inline, so a test can walk it without a resolver.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

// Every operation the fake serves; the conformance test checks that the two agree.
const OPERATIONS = [
  ['/v2/account', 'get'],
  ['/v2/account/keys', 'get'],
  ['/v2/account/keys', 'post'],
  ['/v2/account/keys/{ssh_key_identifier}', 'get'],
  ['/v2/account/keys/{ssh_key_identifier}', 'put'],
  ['/v2/account/keys/{ssh_key_identifier}', 'delete'],
  ['/v2/actions', 'get'],
  ['/v2/actions/{action_id}', 'get'],
  ['/v2/droplets', 'get'],
  ['/v2/droplets', 'post'],
  ['/v2/droplets', 'delete'],
  ['/v2/droplets/{droplet_id}', 'get'],
  ['/v2/droplets/{droplet_id}', 'delete'],
  ['/v2/droplets/{droplet_id}/actions', 'post'],
  ['/v2/firewalls', 'get'],
  ['/v2/firewalls', 'post'],
  ['/v2/firewalls/{firewall_id}', 'get'],
  ['/v2/firewalls/{firewall_id}', 'put'],
  ['/v2/firewalls/{firewall_id}', 'delete'],
  ['/v2/images', 'get'],
  ['/v2/images/{image_id}', 'get'],
  ['/v2/regions', 'get'],
  ['/v2/sizes', 'get'],
  ['/v2/tags', 'post'],
  ['/v2/tags/{tag_id}/resources', 'delete'],
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
  'multipleOf',
  'default',
  'readOnly',
  'maxItems',
  'minItems',
];

const [checkout, commit, commitDate] = process.argv.slice(2);
if (!checkout || !commit || !commitDate) {
  process.stderr.write('usage: trim-digitalocean-openapi.mjs <checkout> <commit> <commit-date>\n');
  process.exit(2);
}
const mainFile = resolve(checkout, 'specification/DigitalOcean-public.v2.yaml');
const documents = new Map();

function load(file) {
  if (!documents.has(file)) documents.set(file, parse(readFileSync(file, 'utf8')));
  return documents.get(file);
}

/** Follows a $ref (file and/or JSON pointer) relative to `file`; returns the node and the file it lives in. */
function follow(reference, file) {
  const [target, pointer = ''] = reference.split('#');
  const targetFile = target ? resolve(dirname(file), target) : file;
  let node = load(targetFile);
  for (const part of pointer.split('/').filter(Boolean)) {
    node = node[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    if (node === undefined) throw new Error(`Unresolvable $ref ${reference} from ${file}`);
  }
  return { node, file: targetFile };
}

/** Resolves a node that may be a $ref, merging sibling keys over the target. */
function deref(node, file) {
  let current = { node, file };
  while (current.node && typeof current.node === 'object' && '$ref' in current.node) {
    const { $ref, ...siblings } = current.node;
    const next = follow($ref, current.file);
    current = { node: { ...next.node, ...siblings }, file: next.file };
  }
  return current;
}

function schema(input, file) {
  const { node, file: home } = deref(input, file);
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const key of SCHEMA_FACTS) if (key in node) out[key] = node[key];
  if (Array.isArray(node.required)) out.required = node.required;
  if (node.properties) {
    out.properties = {};
    for (const [name, property] of Object.entries(node.properties))
      out.properties[name] = schema(property, home);
  }
  if (node.items) out.items = schema(node.items, home);
  if (node.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof node.additionalProperties === 'object'
        ? schema(node.additionalProperties, home)
        : node.additionalProperties;
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    if (!Array.isArray(node[combinator])) continue;
    let members = node[combinator].map((member) => schema(member, home));
    // An allOf member that only carried prose constrains nothing.
    if (combinator === 'allOf') members = members.filter((member) => Object.keys(member).length > 0);
    if (members.length > 0) out[combinator] = members;
  }
  return out;
}

function parameter(input, file) {
  const { node, file: home } = deref(input, file);
  return {
    name: node.name,
    in: node.in,
    required: node.required === true,
    schema: schema(node.schema, home),
  };
}

function response(input, file) {
  const { node, file: home } = deref(input, file);
  const out = {};
  if (node.headers) {
    out.headers = {};
    for (const [name, header] of Object.entries(node.headers)) {
      const resolved = deref(header, home);
      out.headers[name] = { schema: schema(resolved.node.schema, resolved.file) };
    }
  }
  const json = node.content?.['application/json'];
  if (json?.schema) out.content = { 'application/json': { schema: schema(json.schema, home) } };
  return out;
}

function operation(input, file) {
  const { node, file: home } = deref(input, file);
  const out = { operationId: node.operationId };
  if (node.parameters) out.parameters = node.parameters.map((entry) => parameter(entry, home));
  const body = node.requestBody?.content?.['application/json'];
  if (body?.schema)
    out.requestBody = { content: { 'application/json': { schema: schema(body.schema, home) } } };
  out.responses = {};
  for (const [code, entry] of Object.entries(node.responses)) out.responses[code] = response(entry, home);
  return out;
}

const main = load(mainFile);
const paths = {};
for (const [path, verb] of OPERATIONS) {
  const item = main.paths[path]?.[verb];
  if (!item) throw new Error(`No ${verb.toUpperCase()} ${path} in the description`);
  paths[path] ??= {};
  paths[path][verb] = operation(item, mainFile);
}

const trimmed = {
  openapi: main.openapi,
  info: { title: main.info.title, version: main.info.version, license: main.info.license?.name },
  'x-source': {
    repository: 'https://github.com/digitalocean/openapi',
    file: 'specification/DigitalOcean-public.v2.yaml',
    commit,
    commitDate,
  },
  servers: main.servers.map((server) => ({ url: server.url })),
  paths,
};
process.stdout.write(`${JSON.stringify(trimmed, null, 2)}\n`);
