import {
  DEFAULT_OWNER,
  encodeManagedTags,
  hostIdentity,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type ResolvedHostSpec,
  type TagStorage,
} from '@provision/core';
import { createManagedNames } from '@provision/provider-utils';

// Label keys and values: at most 63 characters, alphanumeric at both ends, `-`, `_` and `.`
// inside; values may be empty. (Keys may carry a DNS prefix `example.com/`; ours never do.)
// https://docs.hetzner.cloud/reference/cloud#labels
const LABEL = /^([a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?)$/;

/** How Hetzner stores labels, for the manifest's `limits.tags.storage`. */
export const HETZNER_LABEL_STORAGE: TagStorage = {
  kind: 'key-value',
  maxKeyLength: 63,
  maxValueLength: 63,
  keyPattern: LABEL,
  valuePattern: /^$|^([a-z0-9A-Z]([a-z0-9A-Z._-]{0,61}[a-z0-9A-Z])?)$/,
};

/** Marks a server created with a per-host firewall, so a listing knows its id names one. */
export const FIREWALL_LABEL = 'provision-firewall';

/** On a per-host firewall: the public IPv4 of its server, so `delete({ ip })` finds it once the server is gone. */
export const IPV4_LABEL = 'provision-ipv4';

/** Every label a new server gets: the manifest's `hostTags`, so validation checks exactly what is sent. */
export function serverLabels(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags' | 'inbound'>,
  now: Date = new Date(),
): Record<string, string> {
  const labels = encodeManagedTags(spec, now);
  if (spec.inbound !== undefined) labels[FIREWALL_LABEL] = 'yes';
  return labels;
}

/**
 * The server's name: unique per project, as Hetzner requires, so it holds the owner too:
 * `<name>` for the default owner, `<name>.<owner>` otherwise (a valid hostname; names never
 * contain a dot, so no two hosts share one).
 */
export function serverName(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>): string {
  return spec.owner === DEFAULT_OWNER ? spec.name : `${spec.name}.${spec.owner}`;
}

/** `key=value` terms joined as a label selector (`,` is AND). */
export function labelSelector(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** The selector of every managed resource, or of one owner's. */
export function managedSelector(owner?: string): string {
  return labelSelector({
    [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
    ...(owner === undefined ? {} : { [MANAGED_TAG_KEYS.owner]: owner }),
  });
}

/**
 * Per-host firewall names: `provision-<identity>`, unique per project as Hetzner requires of
 * firewall names, and short (the owner and name live in its labels).
 */
export const firewallNames = createManagedNames({
  provider: 'hetzner',
  template: 'provision-{identity}',
  parts: { identity: /[a-z2-7]{26}/ },
  partLengths: { identity: 26 },
  maxLength: 63,
});

/** The firewall name and labels of the host `(owner, name)`. */
export function firewallFor(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>, ipv4: string | undefined) {
  const identity = hostIdentity(spec.owner, spec.name);
  return {
    name: firewallNames.encode({ identity }),
    labels: {
      [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE,
      [MANAGED_TAG_KEYS.name]: spec.name,
      [MANAGED_TAG_KEYS.owner]: spec.owner,
      [MANAGED_TAG_KEYS.identity]: identity,
      ...(ipv4 === undefined ? {} : { [IPV4_LABEL]: ipv4 }),
    },
  };
}
