import type { CallOptions } from '@provision/core';
import { createOrphanScanner } from '@provision/provider-utils';
import type { Firewall } from './gcp-api.js';
import type { GcpApi } from './gcp-client.js';
import { removeRule } from './gcp-firewall.js';
import { listFirewalls, listInstances } from './gcp-listing.js';
import { firewallNames, managedFilter, readFirewallDescription } from './gcp-names.js';

/** Names of the per-host rules: `provision-<identity>` and `provision-<identity>-deny`. */
const RULE_NAME = /^provision-[a-z2-7]{26}(-deny)?$/;

/**
 * Orphans on Compute Engine are per-host firewall rules whose instance is gone: it was deleted
 * outside provision, a rollback could not finish, an insert failed after it was accepted, or a
 * delete was not repeated until done. Two requests: the rules by name (`firewalls.list` with an
 * RE2 filter), then the managed instances that still carry their network tags. A rule made less
 * than `ORPHAN_MIN_AGE_MS` ago (its `creationTimestamp`) is never one: a provision makes it a
 * moment before the instance that carries its tag.
 * https://cloud.google.com/compute/docs/reference/rest/v1/firewalls/list
 */
export function gcpOrphans(api: GcpApi) {
  const { orphans, deleteOrphan } = createOrphanScanner({
    provider: 'gcp',
    kind: 'firewall',
    idPattern: RULE_NAME,
    list: (_filter, options?: CallOptions) =>
      listFirewalls(
        api.client,
        api.project(),
        'name eq "provision-[a-z2-7]{26}(-deny)?"',
        'orphans',
        options,
      ),
    inUse: async (rules: readonly Firewall[], options?: CallOptions) => {
      const instances = await listInstances(api.client, api.project(), managedFilter(), 'orphans', options);
      const carried = new Set(instances.flatMap((instance) => instance.tags?.items ?? []));
      return new Set(rules.filter((rule) => (rule.targetTags ?? []).some((tag) => carried.has(tag))));
    },
    describe: (rule: Firewall) => {
      const described = readFirewallDescription(rule.description);
      const tag = rule.targetTags?.[0];
      if (!RULE_NAME.test(rule.name) || described === undefined || firewallNames.parse(tag) === undefined)
        return undefined;
      return { id: rule.name, name: rule.name, owner: described.owner };
    },
    remove: (orphan, options) => removeRule(api.client, api.project(), orphan.id, 'orphans', options),
    createdAt: (rule: Firewall) => rule.creationTimestamp,
  });
  return { orphans, deleteOrphan };
}
