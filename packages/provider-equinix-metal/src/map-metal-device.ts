import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import { createMachineHosts } from '@provision/provider-utils';
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

/** The first public IPv4 (`ip_addresses` with `public: true`) outside the reserved ranges. */
function publicIpv4(device: Device): string | undefined {
  return (
    device.ip_addresses?.find(
      (address) =>
        address.public === true &&
        address.address_family === 4 &&
        /^\d{1,3}(\.\d{1,3}){3}$/.test(address.address ?? '') &&
        nonPublicRange(address.address ?? '') === undefined,
    )?.address ?? undefined
  );
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
    publicIpv4: publicIpv4(device),
    ipv6:
      device.ip_addresses?.find((address) => address.public === true && address.address_family === 6)
        ?.address ?? undefined,
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
