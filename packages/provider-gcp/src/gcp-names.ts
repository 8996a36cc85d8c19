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

// Labels: keys start with a lowercase letter, keys and values are lowercase letters, digits, `_`
// and `-`, at most 63 characters, values may be empty; at most 64 per resource.
// https://cloud.google.com/compute/docs/labeling-resources#requirements
const LABEL_KEY = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;

/** How Compute Engine stores labels, for the manifest's `limits.tags.storage`. */
export const GCP_LABEL_STORAGE: TagStorage = {
  kind: 'key-value',
  maxKeyLength: 63,
  maxValueLength: 63,
  keyPattern: LABEL_KEY,
  valuePattern: LABEL_VALUE,
  maxCount: 64,
};

/** Host names: RFC 1035 labels without `--`, which separates the owner in the instance name. */
export const HOST_NAME_RULE = {
  pattern: /^[a-z](?:-?[a-z0-9]){0,62}$/,
  maxLength: 63,
  description:
    'lowercase letters, digits and single hyphens, starting with a letter (a Compute Engine instance name)',
};

/** The longest instance name. https://cloud.google.com/compute/docs/naming-resources */
export const MAX_INSTANCE_NAME = 63;

/**
 * The instance name of the host `(owner, name)`: unique per zone, as Compute Engine requires, so
 * it holds the owner too: `<name>` for the default owner, `<name>--<owner>` otherwise. Host names
 * never hold `--`, so no two hosts share an instance name, and the name gives the host back.
 */
export function instanceName(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>): string {
  return spec.owner === DEFAULT_OWNER ? spec.name : `${spec.name}--${spec.owner}`;
}

/** The `(owner, name)` an instance name holds (the inverse of `instanceName`). */
export function hostOfInstanceName(instance: string): { owner: string; name: string } {
  const split = instance.indexOf('--');
  return split < 0
    ? { owner: DEFAULT_OWNER, name: instance }
    : { owner: instance.slice(split + 2), name: instance.slice(0, split) };
}

/** Every label a new instance gets: the manifest's `hostTags`, so validation checks exactly what is sent. */
export function instanceLabels(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>,
  now: Date = new Date(),
): Record<string, string> {
  return encodeManagedTags(spec, now);
}

/** The filter of managed instances (`instances.aggregatedList`), of one owner when given. */
export function managedFilter(owner?: string): string {
  const terms = [`(labels.${MANAGED_TAG_KEYS.managedBy} = "${MANAGED_BY_VALUE}")`];
  if (owner !== undefined) terms.push(`(labels.${MANAGED_TAG_KEYS.owner} = "${owner}")`);
  return terms.join(' ');
}

/**
 * Per-host firewall rules and the network tag they target: `provision-<identity>`, unique per
 * project as firewall names must be, and within the 63 characters of a name and a network tag
 * (the owner and name go in the rule's description, as firewall rules carry no labels).
 */
export const firewallNames = createManagedNames({
  provider: 'gcp',
  template: 'provision-{identity}',
  parts: { identity: /[a-z2-7]{26}/ },
  partLengths: { identity: 26 },
  maxLength: 63,
});

/** The firewall rule (and network tag) name of the host an instance name holds. */
export function firewallNameOf(instance: string): string {
  const { owner, name } = hostOfInstanceName(instance);
  return firewallNames.encode({ identity: hostIdentity(owner, name) });
}

/** What a per-host firewall rule's description holds: who it is for. */
export interface FirewallDescription {
  readonly managedBy: typeof MANAGED_BY_VALUE;
  readonly owner: string;
  readonly name: string;
  /** The instance's path, `projects/p/zones/z/instances/n`. */
  readonly instance: string;
  /** The instance's external IPv4, written by `delete({ ip })` before the instance goes, so later calls find the rules. */
  readonly ipv4?: string;
}

/** The description of a per-host rule: JSON, so `gc` can read its owner back. */
export function firewallDescription(owner: string, name: string, instance: string, ipv4?: string): string {
  const description: FirewallDescription = {
    managedBy: MANAGED_BY_VALUE,
    owner,
    name,
    instance,
    ...(ipv4 === undefined ? {} : { ipv4 }),
  };
  return JSON.stringify(description);
}

/**
 * The `firewalls.list` filter of the rules `delete({ ip })` marked with `ip`: an RE2 pattern over the
 * description (`.` stands for its quotes; `[.]` for a dot; the digit after the address is excluded).
 */
export function markedRulesFilter(ip: string): string {
  return `description eq .*ipv4.:.${ip.replaceAll('.', '[.]')}[^0-9].*`;
}

/** A rule's description read back, or undefined when it is not one of ours. */
export function readFirewallDescription(text: string | null | undefined): FirewallDescription | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<FirewallDescription>;
    return parsed.managedBy === MANAGED_BY_VALUE &&
      typeof parsed.owner === 'string' &&
      typeof parsed.name === 'string' &&
      typeof parsed.instance === 'string'
      ? (parsed as FirewallDescription)
      : undefined;
  } catch {
    return undefined;
  }
}
