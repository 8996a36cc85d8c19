import type { Host, HostStatus, PortRule } from '@provision/core';
import { formatHostReference } from '../parse/host-reference.js';
import { formatPortRule } from '../parse/ports.js';
import { formatPrice, type PriceView, priceView } from './prices.js';
import { type Cell, renderFields, renderTable } from './table.js';

/** Fields a provider may add to a host beyond the v1 spec; read when present. */
type HostExtras = {
  readonly inbound?: readonly PortRule[] | 'all';
  readonly specMismatch?: readonly string[];
};

/**
 * A host as printed in JSON: every field present (`null` when unknown), in a fixed order, plus
 * `ref`, the `<provider>:<id>` form other commands accept. Documented in the README.
 */
export interface HostView {
  readonly ref: string;
  readonly id: string;
  readonly provider: string;
  readonly name: string;
  readonly owner: string;
  readonly status: HostStatus;
  readonly nativeStatus: string;
  readonly ipv4: string | null;
  readonly ipv6: string | null;
  readonly region: string;
  readonly plan: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: Date | null;
  readonly expiresAt: Date | null;
  readonly price: PriceView | null;
  readonly firewalled: boolean;
  /** The inbound rules, when the provider reports them (`'all'`, or port rules). */
  readonly inbound: readonly Required<PortRule>[] | 'all' | null;
  readonly error: string | null;
}

/** The inbound rules a provider reported on the host, if it did. */
export function inboundOf(host: Host): readonly PortRule[] | 'all' | undefined {
  return (host as Host & HostExtras).inbound;
}

/** The fields of a returned host that differ from what `create` asked for (the provider's words). */
export function specMismatchOf(host: Host): readonly string[] {
  const found = (host as Host & HostExtras).specMismatch;
  return Array.isArray(found) ? found.filter((field): field is string => typeof field === 'string') : [];
}

/** The host in its stable JSON shape (see `HostView`). */
export function hostView(host: Host): HostView {
  const inbound = inboundOf(host);
  return {
    ref: formatHostReference(host.provider, host.id),
    id: host.id,
    provider: host.provider,
    name: host.name,
    owner: host.owner,
    status: host.status,
    nativeStatus: host.nativeStatus,
    ipv4: host.ipv4 ?? null,
    ipv6: host.ipv6 ?? null,
    region: host.region,
    plan: host.plan,
    tags: host.tags,
    createdAt: host.createdAt ?? null,
    expiresAt: host.expiresAt ?? null,
    price: host.price === undefined ? null : priceView(host.price),
    firewalled: host.firewalled,
    inbound:
      inbound === undefined
        ? null
        : inbound === 'all'
          ? 'all'
          : inbound.map((rule) => ({
              from: rule.from,
              to: rule.to ?? rule.from,
              protocol: rule.protocol ?? 'tcp',
            })),
    error: host.error ?? null,
  };
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

/** `80/tcp, 443/tcp`, `all ports`, or undefined when the provider does not report the rules. */
export function formatInbound(inbound: readonly PortRule[] | 'all' | undefined): string | undefined {
  if (inbound === undefined) return undefined;
  if (inbound === 'all') return 'all ports';
  return inbound.length === 0 ? 'none' : inbound.map(formatPortRule).join(', ');
}

/** One host, field by field; `extra` fields follow the firewall's. */
export function renderHost(
  host: Host,
  extra: readonly (readonly [label: string, value: Cell])[] = [],
): string {
  const inbound = formatInbound(inboundOf(host));
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
    ['firewalled', host.firewalled ? 'yes (per-host firewall)' : 'no (cloud default networking)'],
    ...(inbound === undefined ? [] : [['inbound', inbound] as const]),
    ...extra,
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
