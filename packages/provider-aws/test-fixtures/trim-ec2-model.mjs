#!/usr/bin/env node
// Regenerates ec2-model.trimmed.json from the EC2 API description (service-2.json, as published in
// botocore's data directory):
//   node trim-ec2-model.mjs <path to service-2.json or .json.gz> <source note> > ec2-model.trimmed.json
// Keeps structure only (operations, shapes reachable from their input and output: member names,
// XML and query names, types, required, enums, limits) for the operations the provider and its fake
// use; drops documentation and examples.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

// Every operation the fake serves (its ACTIONS table); the conformance test checks that the two agree.
const OPERATIONS = [
  'AuthorizeSecurityGroupIngress',
  'CreateSecurityGroup',
  'CreateTags',
  'DeleteSecurityGroup',
  'DescribeAddresses',
  'DescribeAvailabilityZones',
  'DescribeImages',
  'DescribeInstanceTypes',
  'DescribeInstances',
  'DescribeKeyPairs',
  'DescribeRegions',
  'DescribeSecurityGroups',
  'DescribeTags',
  'RebootInstances',
  'RunInstances',
  'StartInstances',
  'StopInstances',
  'TerminateInstances',
];

const SHAPE_FACTS = ['type', 'required', 'enum', 'min', 'max', 'pattern', 'timestampFormat', 'sensitive'];
const MEMBER_FACTS = ['shape', 'locationName', 'queryName', 'idempotencyToken'];

const [path, source] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: trim-ec2-model.mjs <service-2.json[.gz]> [source note]');
const raw = readFileSync(path);
const model = JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));

const pick = (object, keys) =>
  Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));

const shapes = {};
function keep(name) {
  if (shapes[name] !== undefined) return;
  const shape = model.shapes[name];
  const trimmed = pick(shape, SHAPE_FACTS);
  shapes[name] = trimmed;
  if (shape.type === 'structure') {
    trimmed.members = Object.fromEntries(
      Object.entries(shape.members).map(([member, spec]) => [member, pick(spec, MEMBER_FACTS)]),
    );
    for (const spec of Object.values(shape.members)) keep(spec.shape);
  } else if (shape.type === 'list') {
    trimmed.member = pick(shape.member, MEMBER_FACTS);
    if (shape.locationName !== undefined) trimmed.locationName = shape.locationName;
    keep(shape.member.shape);
  }
}

const operations = {};
for (const name of OPERATIONS) {
  const operation = model.operations[name];
  operations[name] = {
    ...(operation.input ? { input: operation.input.shape } : {}),
    ...(operation.output ? { output: operation.output.shape } : {}),
  };
  if (operation.input) keep(operation.input.shape);
  if (operation.output) keep(operation.output.shape);
}

const sorted = Object.fromEntries(
  Object.keys(shapes)
    .sort()
    .map((name) => [name, shapes[name]]),
);
process.stdout.write(
  `${JSON.stringify({ metadata: pick(model.metadata, ['apiVersion', 'protocol', 'xmlNamespace', 'signatureVersion', 'uid']), source: source ?? null, operations, shapes: sorted }, null, 1)}\n`,
);
