import type { Host, Price } from '@provision/core';
import { formatHostReference } from '../parse/host-reference.js';
import { renderFields, renderTable } from './table.js';

/** A host as printed in JSON: the host plus `ref`, the `<provider>:<id>` form other commands accept. */
export interface HostView extends Host {
  readonly ref: string;
}

/** Adds `ref` to a host, first so it reads first. */
export function hostView(host: Host): HostView {
  return { ref: formatHostReference(host.provider, host.id), ...host };
}

/** A monthly price as `4.00 USD/month`. */
export function formatPrice(price: Price | undefined): string | undefined {
  if (price === undefined) return undefined;
  return `${price.monthly.toFixed(2)} ${price.currency}/month`;
}

function formatDate(date: Date | undefined): string | undefined {
  if (date === undefined) return undefined;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function formatTags(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** One host, field by field. */
export function renderHost(host: Host): string {
  return renderFields([
    ['ref', formatHostReference(host.provider, host.id)],
    ['name', host.name],
    ['owner', host.owner],
    ['status', host.status === 'error' ? `error: ${host.error ?? host.nativeStatus}` : host.status],
    ['cloud status', host.nativeStatus],
    ['ipv4', host.ipv4],
    ['ipv6', host.ipv6],
    ['region', host.region],
    ['plan', host.plan],
    ['price', formatPrice(host.price)],
    ['firewall', host.firewalled ? 'per-host firewall' : 'cloud default networking'],
    ['tags', formatTags(host.tags) || undefined],
    ['created', formatDate(host.createdAt)],
    ['expires', formatDate(host.expiresAt)],
  ]);
}

/** Hosts, one per line. */
export function renderHostTable(hosts: readonly Host[]): string {
  return renderTable(
    ['ref', 'name', 'owner', 'status', 'ipv4', 'region', 'plan', 'expires'],
    hosts.map((host) => [
      formatHostReference(host.provider, host.id),
      host.name,
      host.owner,
      host.status,
      host.ipv4,
      host.region,
      host.plan,
      formatDate(host.expiresAt),
    ]),
  );
}
