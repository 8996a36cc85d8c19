import {
  encodeManagedTags,
  hostIdentity,
  MANAGED_TAG_KEYS,
  type ResolvedHostSpec,
  type TagStorage,
} from '@provision/core';
import { createManagedNames } from '@provision/provider-utils';

/**
 * Azure tags: names up to 512 characters without `< > % & \ ? /`, values up to 256, 50 a resource;
 * names compare without regard to case.
 * https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 */
export const AZURE_TAG_STORAGE: TagStorage = {
  kind: 'key-value',
  maxKeyLength: 512,
  maxValueLength: 256,
  keyPattern: /^[^<>%&\\?/]+$/,
  valuePattern: /^[\s\S]*$/,
};

/** On a VM created with a network security group of its own (so a listing knows the host is firewalled). */
export const FIREWALL_TAG = 'provision-firewall';

/**
 * On a host's resource group only: when it was made (ISO 8601, UTC, the creating machine's clock).
 * Azure's resource group API gives no creation time, so the orphan scan reads this one to leave a
 * group made moments ago, whose deployment has not started yet, alone.
 */
export const CREATED_AT_TAG = 'provision-created-at';

/**
 * One resource group per host, `provision-<identity>`: the name is the same in every process, so
 * a retry finds the group again, and deleting it takes every resource of the host with it.
 */
export const groupNames = createManagedNames({
  provider: 'azure',
  template: 'provision-{identity}',
  parts: { identity: /[a-z2-7]{26}/ },
  partLengths: { identity: 26 },
  maxLength: 90,
});

/** The resource group of the host `(owner, name)`. */
export function groupName(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>): string {
  return groupNames.encode({ identity: hostIdentity(spec.owner, spec.name) });
}

/** Names of the host's resources inside its own group: fixed, since the group holds one host. */
export const RESOURCE_NAMES = {
  deployment: 'provision-host',
  network: 'vnet',
  subnet: 'default',
  address: 'ip',
  securityGroup: 'nsg',
  nic: 'nic',
  osDisk: 'osdisk',
} as const;

/** Every tag a new host's resources get: the manifest's `hostTags`, so validation checks exactly what is sent. */
export function hostTags(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags' | 'inbound'>,
  now: Date = new Date(),
): Record<string, string> {
  const tags = encodeManagedTags(spec, now);
  if (spec.inbound !== undefined) tags[FIREWALL_TAG] = 'yes';
  return tags;
}

/** Whether tags (as Azure returns them) name the host `(owner, name)`. */
export function isHostOf(
  tags: Readonly<Record<string, string>> | null | undefined,
  spec: Pick<ResolvedHostSpec, 'owner' | 'name'>,
): boolean {
  return tags?.[MANAGED_TAG_KEYS.identity] === hostIdentity(spec.owner, spec.name);
}
