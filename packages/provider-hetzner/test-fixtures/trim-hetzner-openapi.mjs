#!/usr/bin/env node
// Regenerates hetzner-openapi.trimmed.json from the Hetzner Cloud OpenAPI description:
//   node trim-hetzner-openapi.mjs <hcloud.json> <source> <commit> <commit-date> > hetzner-openapi.trimmed.json
// Keeps structure only (paths, verbs, parameters, schemas: types, required, enums, limits) for the
// operations the fake serves; drops prose, examples and code samples, resolves every $ref inline so
// a test walks it without a resolver, and spells response ranges `4XX` as OpenAPI does.
import { readFileSync } from 'node:fs';

// Every operation the fake serves; the conformance test checks that the two agree.
const OPERATIONS = [
  ['/servers', 'get'],
  ['/servers', 'post'],
  ['/servers/{id}', 'get'],
  ['/servers/{id}', 'delete'],
  ['/servers/{id}/actions', 'get'],
  ['/servers/{id}/actions/poweron', 'post'],
  ['/servers/{id}/actions/poweroff', 'post'],
  ['/servers/{id}/actions/reboot', 'post'],
  ['/actions/{id}', 'get'],
  ['/firewalls', 'get'],
  ['/firewalls', 'post'],
  ['/firewalls/{id}', 'get'],
  ['/firewalls/{id}', 'put'],
  ['/firewalls/{id}', 'delete'],
  ['/firewalls/{id}/actions/apply_to_resources', 'post'],
  ['/firewalls/{id}/actions/remove_from_resources', 'post'],
  ['/primary_ips', 'get'],
  ['/server_types', 'get'],
  ['/locations', 'get'],
  ['/images', 'get'],
  ['/pricing', 'get'],
];

const DROPPED = new Set([
  'description',
  'example',
  'examples',
  'x-codeSamples',
  'summary',
  'tags',
  'title',
  'deprecated',
]);

const [file, source, commit, commitDate] = process.argv.slice(2);
if (!file || !source || !commit || !commitDate) {
  process.stderr.write('usage: trim-hetzner-openapi.mjs <hcloud.json> <source> <commit> <commit-date>\n');
  process.exit(2);
}
const document = JSON.parse(readFileSync(file, 'utf8'));

function follow(reference) {
  let node = document;
  for (const part of reference.slice(2).split('/'))
    node = node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (node === undefined) throw new Error(`Unresolvable $ref ${reference}`);
  return node;
}

// `names`: the node is a map of names (`properties`, `headers`), whose keys are kept whatever they are.
const follow$ = (node) => (typeof node?.$ref === 'string' ? follow(node.$ref) : node);

function trim(node, depth = 0, names = false) {
  if (depth > 40) throw new Error('$ref nesting too deep (a cycle?)');
  if (Array.isArray(node)) return node.map((item) => trim(item, depth + 1));
  if (typeof node !== 'object' || node === null) return node;
  if (typeof node.$ref === 'string') return trim(follow(node.$ref), depth + 1, names);
  // `{ allOf: [X], nullable: true }` (how the description makes a reference nullable) becomes X
  // with `nullable`: the same schema, in the form testkit's validator reads.
  if (!names && Array.isArray(node.allOf) && node.allOf.length === 1) {
    const { allOf, ...rest } = node;
    return trim({ ...follow$(allOf[0]), ...rest }, depth + 1);
  }
  // A query parameter of array type is sent repeated (`status=a&status=b`, OpenAPI's default
  // `form` style with `explode`): each occurrence is one item, which is what testkit's validator
  // reads (the first occurrence), so its schema is kept as the item's, marked `x-repeated`.
  if (!names && node.in === 'query' && node.schema?.type === 'array') {
    return trim({ ...node, schema: { ...follow$(node.schema.items), 'x-repeated': true } }, depth + 1);
  }
  const result = {};
  for (const [key, value] of Object.entries(node)) {
    if (!names && DROPPED.has(key)) continue;
    const inner = !names && (key === 'properties' || key === 'headers');
    result[/^\dxx$/.test(key) ? key.toUpperCase() : key] = trim(value, depth + 1, inner);
  }
  return result;
}

const paths = {};
for (const [path, method] of OPERATIONS) {
  const operation = document.paths[path]?.[method];
  if (operation === undefined) throw new Error(`The description has no ${method} ${path}`);
  paths[path] = { ...paths[path], [method]: trim(operation) };
}
const trimmed = {
  openapi: document.openapi,
  info: { title: document.info.title, version: document.info.version },
  'x-source': { repository: source, file: 'openapi/hcloud.json', commit, commitDate },
  servers: [{ url: 'https://api.hetzner.cloud/v1' }],
  paths,
};
process.stdout.write(`${JSON.stringify(trimmed, null, 2)}\n`);
