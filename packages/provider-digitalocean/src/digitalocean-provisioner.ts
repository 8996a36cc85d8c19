import type { ExistingInboundRule, ProvisionerContext, ProvisionerImplementationV1 } from '@provision/core';
import { createRestProvisioner, type JsonClient } from '@provision/provider-utils';
import { type Droplet, dropletAnswer } from './digitalocean-api.js';
import { digitaloceanCapabilities } from './digitalocean-capabilities.js';
import { createDigitalOceanClient } from './digitalocean-client.js';
import { findFailedCreation } from './digitalocean-failed-creation.js';
import { type DropletFirewall, digitaloceanHostFirewall } from './digitalocean-host-firewall.js';
import { digitaloceanIds } from './digitalocean-ids.js';
import { digitaloceanInboundRules } from './digitalocean-inbound-rules.js';
import { listDropletsByTag } from './digitalocean-listing.js';
import { digitaloceanOrphans } from './digitalocean-orphans.js';
import type { DigitalOceanSettings } from './digitalocean-settings.js';
import { digitaloceanManagedTags, digitaloceanTags, dropletTagMap } from './digitalocean-tags.js';
import { dropletHosts } from './map-digitalocean-droplet.js';

/** A firewall rule's `ports` ("22", "8000-9000", or "0" for every port) as a range. */
function ruleOf(rule: { protocol: string; ports?: string | null | undefined }): ExistingInboundRule {
  const [from = 0, to = from] = (rule.ports ?? '0').split('-').map(Number);
  return from === 0 ? { from: 0, to: 65535, protocol: rule.protocol } : { from, to, protocol: rule.protocol };
}

/**
 * DigitalOcean, on the Droplets API v2 over `fetch`, through `createRestProvisioner`:
 * - provision: look up the identity tag (1), with `inbound` make the firewall tag (1) and the
 *   firewall that targets it (1, `digitaloceanHostFirewall`), create the droplet with both tags (1), look the
 *   identity tag up again (1). The firewall exists before the droplet, so the droplet is guarded
 *   from its creation; a refused firewall sends no create, and a refused create removes the
 *   firewall this call made. DigitalOcean has no idempotency token, so concurrent callers may each
 *   create a droplet; the second lookup makes them converge on one (`createHostOnce`), and the
 *   racers share the firewall of their identity. A found host gets its firewall read (and made
 *   again if it is gone), and the duplicates a racer left beside it destroyed.
 * - status: one GET; a droplet that answers 404 may have failed its creation (`findFailedCreation`).
 * - list: the managed (or owner's) tag, pages of 200, one host per identity (a racer's droplet
 *   is listed while DigitalOcean destroys it), the firewalls read once when a host has one.
 * - delete: a GET, the identity's listing and a DELETE while the droplet exists (its duplicates
 *   go first); its firewall once it is gone.
 */
function createDroplets(client: JsonClient, context: ProvisionerContext) {
  return createRestProvisioner<Droplet, undefined, DropletFirewall>({
    context,
    machineKind: 'droplet',
    tags: digitaloceanManagedTags,
    hosts: dropletHosts,
    client,
    decodeId: (id, operation) => digitaloceanIds.decode(id, operation).dropletId,
    machineIdOf: (droplet) => String(droplet.id),
    createdAtOf: (droplet) => droplet.created_at,
    machinePath: (dropletId) => `/v2/droplets/${dropletId}`,
    machineSchema: dropletAnswer,
    // DigitalOcean filters by one tag only: the region is matched on each droplet.
    list: ({ tag }, operation, options) => listDropletsByTag(client, tag, operation, options),
    // DigitalOcean shows no deleting state: a repeated DELETE of a droplet being destroyed is harmless.
    isDeleting: () => false,
    oneHostPerIdentity: true,
    firewall: digitaloceanHostFirewall(client),
    // Core has checked every tag against DigitalOcean's 255 characters (the manifest's `hostTags`
    // and `limits.tags.storage`), so none can be refused for its length.
    createRequest: (spec) => ({
      path: '/v2/droplets',
      body: {
        name: spec.name,
        region: spec.region,
        size: spec.plan,
        image: spec.image,
        tags: digitaloceanTags.encode(dropletTagMap(spec)),
        ipv6: true,
        monitoring: false,
        ...(spec.userData === undefined ? {} : { user_data: spec.userData }),
      },
    }),
    factsOf: (droplet, host, firewall) => ({
      region: droplet.region?.slug ?? undefined,
      plan: droplet.size_slug ?? undefined,
      image: droplet.image?.slug ?? undefined,
      inbound: firewall === undefined ? 'none' : (firewall.firewall.inbound_rules ?? []).map(ruleOf),
      tags: host.tags,
    }),
    missing: (id, dropletId, options) => findFailedCreation(client, id, Number(dropletId), options),
  });
}

/** Called by core through the manifest's `load()`. */
export function createProvisioner(
  settings: DigitalOceanSettings,
  context: ProvisionerContext,
): ProvisionerImplementationV1 {
  const client = createDigitalOceanClient(settings, context);
  return Object.assign(
    createDroplets(client, context),
    digitaloceanCapabilities(client),
    digitaloceanOrphans(client),
    digitaloceanInboundRules(client),
  );
}
