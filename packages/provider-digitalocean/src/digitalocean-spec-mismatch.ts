import type { ResolvedHostSpec } from '@provision/core';
import type { Droplet, Firewall } from './digitalocean-api.js';
import { digitaloceanCatalog } from './digitalocean-catalog.js';
import { firewallBody } from './digitalocean-firewall-rules.js';

function describeTags(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '{}' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

type Rule = { protocol: string; ports?: string | null | undefined };

function describeRules(rules: readonly Rule[]): string {
  const words = rules.map((rule) => `${rule.ports === '0' ? 'all' : rule.ports}/${rule.protocol}`).sort();
  return words.length === 0 ? 'none' : words.join(', ');
}

/** The OS id of a droplet's image slug, in the spec's words where the catalog knows it. */
function osOf(slug: string): string {
  return Object.entries(digitaloceanCatalog.images).find(([, image]) => image === slug)?.[0] ?? slug;
}

/**
 * How a droplet `provision()` found by name differs from the spec it was given, one entry per
 * field (`region`, `plan`, `os`, `inbound`, `tags`), as `field: existing (asked: spec)`.
 * `firewall` is the host's firewall when it has one; `userTags` the droplet's own tags.
 */
export function specMismatch(
  droplet: Droplet,
  firewall: Firewall | undefined,
  userTags: Readonly<Record<string, string>>,
  spec: ResolvedHostSpec,
): string[] {
  const differences: string[] = [];
  const region = droplet.region?.slug;
  if (region && region !== spec.region) differences.push(`region: ${region} (asked: ${spec.region})`);
  const plan = droplet.size_slug;
  if (plan && plan !== spec.plan) differences.push(`plan: ${plan} (asked: ${spec.plan})`);
  const image = droplet.image?.slug;
  if (image && image !== spec.image) differences.push(`os: ${osOf(image)} (asked: ${spec.os})`);
  const asked =
    spec.inbound === undefined
      ? 'none (the default networking)'
      : describeRules(firewallBody('', 0, spec.inbound).inbound_rules);
  const has =
    firewall === undefined ? 'none (the default networking)' : describeRules(firewall.inbound_rules ?? []);
  if (has !== asked) differences.push(`inbound: ${has} (asked: ${asked})`);
  if (!sameTags(userTags, spec.tags))
    differences.push(`tags: ${describeTags(userTags)} (asked: ${describeTags(spec.tags)})`);
  return differences;
}
