import type { Host, HostStatus } from '@provision/core';
import { createMachineHosts, firstPublicIpv4 } from '@provision/provider-utils';
import type { Device } from './metal-api.js';
import { metalCatalog } from './metal-catalog.js';
import { metalManagedTags } from './metal-tags.js';

/**
 * Every device state the description lists (Device.state) -> HostStatus. `active` is `active` only
 * once the public IPv4 is there; `reinstalling` is building again; `deleted` is on its way out.
 */
export const DEVICE_STATES: Readonly<Record<string, HostStatus>> = {
  queued: 'provisioning',
  provisioning: 'provisioning',
  reinstalling: 'provisioning',
  active: 'active',
  powering_on: 'starting',
  powering_off: 'stopping',
  inactive: 'stopped',
  deprovisioning: 'deleting',
  deleted: 'deleting',
  failed: 'error',
};

/** When a failed device's events carry no sentence. */
export const FAILED_WITHOUT_REASON =
  'Equinix Metal could not provision the device (state failed) and gave no reason in its events.';

/** Whether Equinix Metal is deprovisioning the device: on its way out, not the host any more. */
export function isDeprovisioning(device: Device): boolean {
  return device.state === 'deprovisioning' || device.state === 'deleted';
}

/** The device's public addresses (`ip_addresses` with `public: true`) of one family. */
function publicAddresses(device: Device, family: 4 | 6) {
  return (device.ip_addresses ?? [])
    .filter((address) => address.public === true && address.address_family === family)
    .map((address) => address.address);
}

/** Why a failed device failed: the last provisioning event's sentence, as Equinix Metal wrote it. */
export function failureReason(device: Device): string {
  const events = device.provisioning_events ?? [];
  for (let index = events.length - 1; index >= 0; index--) {
    const text = events[index]?.interpolated || events[index]?.body;
    if (text) return `Equinix Metal could not provision the device: ${text}`;
  }
  return FAILED_WITHOUT_REASON;
}

/**
 * Devices as hosts: name, owner and expiry from the tags, the price from the catalog (a device
 * carries none). Bare metal has no cloud firewall: a device is never `firewalled`.
 */
export const metalHosts = createMachineHosts<Device>({
  provider: 'equinix-metal',
  statuses: DEVICE_STATES,
  catalog: metalCatalog,
  readTags: (device) => metalManagedTags.read(device.tags),
  partsOf: (device) => ({
    id: device.id,
    fallbackName: device.hostname ?? device.id,
    nativeStatus: device.state ?? '',
    // The first public IPv4 assignment (`public: true`) outside the reserved ranges, and IPv6.
    publicIpv4: firstPublicIpv4(publicAddresses(device, 4)),
    ipv6: publicAddresses(device, 6)[0] ?? undefined,
    region: device.metro?.code ?? '',
    plan: device.plan?.slug ?? '',
    createdAt: device.created_at,
    firewalled: false,
    error: device.state === 'failed' ? failureReason(device) : undefined,
  }),
});

/** A device as a `Host`. */
export function deviceToHost(device: Device): Host {
  return metalHosts.toHost(device);
}
