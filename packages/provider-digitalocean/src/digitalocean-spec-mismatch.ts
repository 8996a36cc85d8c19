import {
  specMismatch as describeMismatch,
  type ExistingInboundRule,
  type ResolvedHostSpec,
} from '@provision/core';
import type { Droplet, Firewall } from './digitalocean-api.js';
import { digitaloceanCatalog } from './digitalocean-catalog.js';

/** A firewall rule's `ports` ("22", "8000-9000", or "0" for every port) as a range. */
function ruleOf(rule: { protocol: string; ports?: string | null | undefined }): ExistingInboundRule {
  const [from = 0, to = from] = (rule.ports ?? '0').split('-').map(Number);
  return from === 0 ? { from: 0, to: 65535, protocol: rule.protocol } : { from, to, protocol: rule.protocol };
}

/** The OS id of a droplet's image slug, in the spec's words where the catalog knows it. */
function osOf(slug: string): string | undefined {
  return Object.entries(digitaloceanCatalog.images).find(([, image]) => image === slug)?.[0];
}

/**
 * How a droplet `provision()` found by name differs from the spec it was given (core's
 * `specMismatch`): region, plan, image, the firewall's inbound rules and the user tags.
 * `firewall` is the host's firewall when it has one; `userTags` the droplet's own tags.
 */
export function specMismatch(
  droplet: Droplet,
  firewall: Firewall | undefined,
  userTags: Readonly<Record<string, string>>,
  spec: ResolvedHostSpec,
): string[] {
  const image = droplet.image?.slug ?? undefined;
  return describeMismatch(
    {
      region: droplet.region?.slug ?? undefined,
      plan: droplet.size_slug ?? undefined,
      image,
      os: image === undefined ? undefined : osOf(image),
      inbound: firewall === undefined ? 'none' : (firewall.inbound_rules ?? []).map(ruleOf),
      tags: userTags,
    },
    spec,
  );
}
