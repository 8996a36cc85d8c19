import { encodeManagedTags, hostIdentity, MANAGED_TAG_KEYS, type ResolvedHostSpec } from '@provision/core';
import { createIdTemplate, createManagedNames } from '@provision/provider-utils';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Host ids: `<region>/<server id>/<port id>[/fip/<floating IP id>][/sg/<security group id>]`. The
 * region picks the catalog's endpoints; the port, floating IP and security group are made before
 * the server and outlive it, so a fresh provisioner removes them with the id alone once the server
 * is gone. The same ids are in the server's metadata, so `list()` gives every host its one id.
 */
export const openstackIds = createIdTemplate({
  provider: 'openstack',
  template: '{region}/{serverId}/{portId}[/fip/{floatingIpId}][/sg/{securityGroupId}]',
  parts: {
    region: /[A-Za-z0-9][A-Za-z0-9._-]{0,63}/,
    serverId: UUID,
    portId: UUID,
    floatingIpId: UUID,
    securityGroupId: UUID,
  },
});

/** Server metadata keys holding the ids of the host's own Neutron resources. */
export const RESOURCE_KEYS = {
  port: 'provision-port',
  floatingIp: 'provision-floating-ip',
  securityGroup: 'provision-security-group',
} as const;

/**
 * Names of a host's port and security group, and its floating IP's description:
 * `provision <identity> <owner>/<name>`. Neutron keeps names unique nowhere, so lookups match the
 * identity (one per host); owner and name let `orphans()` say whose it was. Neutron allows 255.
 */
export const resourceNames = createManagedNames({
  provider: 'openstack',
  template: 'provision {identity} {owner}/{name}',
  parts: { identity: /[a-z2-7]{26}/, owner: /[a-z0-9-]+/, name: /[a-z0-9-]+/ },
  partLengths: { identity: 26, owner: 32, name: 63 },
  maxLength: 255,
});

/** The managed name of the resources of `(owner, name)`. */
export function resourceName(spec: Pick<ResolvedHostSpec, 'owner' | 'name'>): string {
  return resourceNames.encode({
    identity: hostIdentity(spec.owner, spec.name),
    owner: spec.owner,
    name: spec.name,
  });
}

/** The server's metadata before the resource ids are known: the managed tags and the user's. */
export function serverMetadata(
  spec: Pick<ResolvedHostSpec, 'name' | 'owner' | 'ttlMs' | 'tags'>,
  now: Date = new Date(),
): Record<string, string> {
  return encodeManagedTags(spec, now);
}

/** Whether a server's metadata carries the identity of `(owner, name)`. */
export function hasIdentity(
  metadata: Readonly<Record<string, string>> | null | undefined,
  spec: Pick<ResolvedHostSpec, 'owner' | 'name'>,
): boolean {
  return metadata?.[MANAGED_TAG_KEYS.identity] === hostIdentity(spec.owner, spec.name);
}
