import type { Instance } from '@aws-sdk/client-ec2';
import type { ResolvedHostSpec } from '@provision/core';
import { OS_TAG_KEY } from './aws-launch.js';
import { readTags, tagMap } from './aws-tags.js';
import { hostGroupOf } from './map-aws-instance.js';

type Inbound = ResolvedHostSpec['inbound'];

/** `inbound` in a few words: `none`, `all`, or `22/tcp, 8000-9000/udp`. */
export function describeInbound(inbound: Inbound): string {
  if (inbound === undefined) return 'none (the default networking)';
  if (inbound === 'all') return 'all';
  return inbound
    .map((rule) => `${rule.from === rule.to ? rule.from : `${rule.from}-${rule.to}`}/${rule.protocol}`)
    .join(', ');
}

function describeTags(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '{}' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * How an instance `provision()` found by name differs from the spec it was given, one entry per
 * field: `plan`, `os` (from the tag written at launch; AMI ids change with each image release),
 * `inbound` (whether the host has its own security group) and `tags`. The region never differs:
 * the lookup is in the spec's region.
 */
export function specMismatch(instance: Instance, spec: ResolvedHostSpec): string[] {
  const differences: string[] = [];
  if (instance.InstanceType !== undefined && instance.InstanceType !== spec.plan)
    differences.push(`plan: ${instance.InstanceType} (asked: ${spec.plan})`);
  const os = tagMap(instance.Tags)[OS_TAG_KEY];
  if (os !== undefined && os !== spec.os) differences.push(`os: ${os} (asked: ${spec.os})`);
  const guarded = hostGroupOf(instance) !== undefined;
  if (guarded !== (spec.inbound !== undefined)) {
    const has = guarded ? 'its own security group' : 'none (the default networking)';
    differences.push(`inbound: ${has} (asked: ${describeInbound(spec.inbound)})`);
  }
  const { userTags } = readTags(instance.Tags);
  if (!sameTags(userTags, spec.tags))
    differences.push(`tags: ${describeTags(userTags)} (asked: ${describeTags(spec.tags)})`);
  return differences;
}
