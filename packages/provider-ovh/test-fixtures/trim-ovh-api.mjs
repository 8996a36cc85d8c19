#!/usr/bin/env node
// Regenerates ovh-cloud-api.trimmed.json from OVHcloud's published API schemas (its own format:
// `apis[].operations[]` and `models`), `https://eu.api.ovh.com/1.0/cloud.json`, `.../auth.json`
// and `.../order.json`:
//   node trim-ovh-api.mjs <cloud.json> <auth.json> <order.json> <source> <date> > ovh-cloud-api.trimmed.json
// Keeps structure only (paths, verbs, parameters, response types, models with their property
// types, nullability, required flags and enums) for the operations the fake serves, and every
// model they reach; drops descriptions and API status notes.
import { readFileSync } from 'node:fs';

// Every operation the fake serves; the conformance test checks that the two agree.
const OPERATIONS = [
  ['/auth/time', 'GET'],
  ['/cloud/project/{serviceName}', 'GET'],
  ['/cloud/project/{serviceName}/flavor', 'GET'],
  ['/cloud/project/{serviceName}/image', 'GET'],
  ['/cloud/project/{serviceName}/instance', 'GET'],
  ['/cloud/project/{serviceName}/instance', 'POST'],
  ['/cloud/project/{serviceName}/instance/{instanceId}', 'GET'],
  ['/cloud/project/{serviceName}/instance/{instanceId}', 'DELETE'],
  ['/cloud/project/{serviceName}/instance/{instanceId}/reboot', 'POST'],
  ['/cloud/project/{serviceName}/instance/{instanceId}/start', 'POST'],
  ['/cloud/project/{serviceName}/instance/{instanceId}/stop', 'POST'],
  ['/cloud/project/{serviceName}/quota', 'GET'],
  ['/cloud/project/{serviceName}/region', 'GET'],
  ['/order/catalog/public/cloud', 'GET'],
];

const [cloudFile, authFile, orderFile, source, date] = process.argv.slice(2);
if (!cloudFile || !authFile || !orderFile || !source || !date) {
  process.stderr.write('usage: trim-ovh-api.mjs <cloud.json> <auth.json> <order.json> <source> <date>\n');
  process.exit(2);
}
const documents = [cloudFile, authFile, orderFile].map((file) => JSON.parse(readFileSync(file, 'utf8')));
const models = Object.assign({}, ...documents.map((document) => document.models));
const PRIMITIVES = new Set([
  'string',
  'text',
  'password',
  'ip',
  'ipBlock',
  'uuid',
  'datetime',
  'date',
  'long',
  'double',
  'int',
  'boolean',
  'void',
  'map[string]string',
]);

const keptModels = {};
function keep(type) {
  const name = type.replace(/\[\]$/, '');
  if (PRIMITIVES.has(name) || keptModels[name] !== undefined || models[name] === undefined) return;
  const model = models[name];
  keptModels[name] = model.enum
    ? { enum: model.enum, enumType: model.enumType }
    : {
        properties: Object.fromEntries(
          Object.entries(model.properties ?? {}).map(([property, facts]) => [
            property,
            {
              type: facts.type,
              canBeNull: facts.canBeNull,
              readOnly: facts.readOnly,
              required: facts.required,
            },
          ]),
        ),
      };
  for (const facts of Object.values(model.properties ?? {})) keep(facts.type);
}

const apis = [];
for (const [path, method] of OPERATIONS) {
  const api = documents.flatMap((document) => document.apis).find((entry) => entry.path === path);
  const operation = api?.operations.find((entry) => entry.httpMethod === method);
  if (operation === undefined) throw new Error(`${method} ${path} is not in the schema`);
  keep(operation.responseType);
  for (const parameter of operation.parameters) keep(parameter.dataType);
  apis.push({
    path,
    httpMethod: method,
    noAuthentication: operation.noAuthentication,
    parameters: operation.parameters.map((parameter) => ({
      ...(parameter.name === undefined ? {} : { name: parameter.name }),
      dataType: parameter.dataType,
      paramType: parameter.paramType,
      required: parameter.required,
    })),
    responseType: operation.responseType,
  });
}

const sorted = Object.fromEntries(Object.entries(keptModels).sort(([a], [b]) => a.localeCompare(b)));
process.stdout.write(
  `${JSON.stringify({ 'x-source': { source, read: date, licence: 'see ovh-cloud-api.SOURCE.md' }, basePath: documents[0].basePath, apis, models: sorted }, null, 2)}\n`,
);
