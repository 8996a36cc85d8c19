import { type Host, type HostStatus, nonPublicRange } from '@provision/core';
import type { Device } from './metal-api.js';
import { metalCatalog } from './metal-catalog.js';
import { readMetalTags } from './metal-tags.js';

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

/** The public IPv4 and IPv6 of a device (`ip_addresses` with `public: true`). */
function publicAddresses(device: Device): { ipv4?: string; ipv6?: string } {
  const addresses = (device.ip_addresses ?? []).filter((address) => address.public === true);
  const ipv4 = addresses.find(
    (address) =>
      address.address_family === 4 &&
      /^\d{1,3}(\.\d{1,3}){3}$/.test(address.address ?? '') &&
      nonPublicRange(address.address ?? '') === undefined,
  )?.address;
  const ipv6 = addresses.find((address) => address.address_family === 6)?.address;
  return { ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}) };
}

/** The host status of a device (unknown states read as `provisioning`, never `active`). */
export function mapDeviceState(device: Device, hasPublicIpv4: boolean): HostStatus {
  const status = DEVICE_STATES[device.state ?? ''] ?? 'provisioning';
  return status === 'active' && !hasPublicIpv4 ? 'provisioning' : status;
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

/** Whether provision made the device (its tags name it). */
export function isManaged(device: Device): boolean {
  return readMetalTags(device.tags ?? []).managed !== undefined;
}

/**
 * A device as a `Host`. Bare metal has no cloud firewall: a device is never `firewalled`.
 * `tags`: its tags already read (a listing reads them once, to filter, and passes them on).
 */
export function deviceToHost(device: Device, tags = readMetalTags(device.tags ?? [])): Host {
  const { managed, userTags } = tags;
  const { ipv4, ipv6 } = publicAddresses(device);
  const status = mapDeviceState(device, ipv4 !== undefined);
  const planId = device.plan?.slug ?? '';
  const price = metalCatalog.plans.find((plan) => plan.id === planId)?.price;
  return {
    id: device.id,
    provider: 'equinix-metal',
    name: managed?.name ?? device.hostname ?? device.id,
    owner: managed?.owner ?? 'default',
    status,
    nativeStatus: device.state ?? '',
    ...(ipv4 === undefined ? {} : { ipv4 }),
    ...(ipv6 === undefined ? {} : { ipv6 }),
    region: device.metro?.code ?? '',
    plan: planId,
    tags: userTags,
    ...(device.created_at && !Number.isNaN(Date.parse(device.created_at))
      ? { createdAt: new Date(device.created_at) }
      : {}),
    ...(managed?.expiresAt ? { expiresAt: managed.expiresAt } : {}),
    ...(price === undefined ? {} : { price }),
    ...(status === 'error' ? { error: failureReason(device) } : {}),
    firewalled: false,
  };
}
