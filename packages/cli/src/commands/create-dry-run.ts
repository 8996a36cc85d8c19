import type { AnyPluginManifest, Price, ResolvedHostSpec } from '@provision/core';
import { formatPrice, priceView } from '../output/prices.js';
import { renderFields } from '../output/table.js';
import { formatDuration } from '../parse/duration.js';
import { formatPortRule } from '../parse/ports.js';

// Ubuntu's names for the architectures, as image name patterns in catalogs spell them.
const ARCH_NAMES: Readonly<Record<string, string>> = { x86_64: 'amd64', arm64: 'arm64' };

/**
 * The image a catalog names, with its `{arch}` placeholder filled in for the plan's CPU
 * architecture; a name with wildcards is a pattern the provider resolves at creation.
 */
export function describeImage(image: string, architecture: string | undefined): string {
  const filled = image.replaceAll('{arch}', ARCH_NAMES[architecture ?? 'x86_64'] ?? architecture ?? 'amd64');
  if (/\{[^}]*\}/.test(filled)) return `${filled.replace(/\{[^}]*\}/g, '*')} (resolved when created)`;
  return filled;
}

/**
 * The price of a plan in a region, and why it has no figure when it has none: the catalog cannot
 * say (`price` null), or the cloud publishes no price (`source: 'unknown'`, its reason).
 */
export function regionalPrice(
  manifest: AnyPluginManifest,
  planId: string,
  region: string,
): { price: Price | null; priceNote: string | null } {
  const plan = manifest.catalog.plans.find((item) => item.id === planId);
  const checked = `the catalog checked ${manifest.catalog.checkedAt}`;
  if (plan === undefined) return { price: null, priceNote: `plan ${planId} is not in ${checked}` };
  if (plan.regions !== undefined && !plan.regions.includes(region))
    return { price: null, priceNote: `plan ${planId} is not sold in ${region}, per ${checked}` };
  const priced = manifest.catalog.pricedRegions;
  if (priced !== undefined && !priced.includes(region)) {
    return {
      price: null,
      priceNote: `${checked} has prices for ${priced.join(', ')} only (${formatPrice(plan.price)} there); ${region} costs differ`,
    };
  }
  return { price: plan.price, priceNote: plan.price.source === 'unknown' ? plan.price.reason : null };
}

/** The resolved spec as printed by `--dry-run`: the user-data's size, never its text. */
export function dryRunView(manifest: AnyPluginManifest, resolved: ResolvedHostSpec) {
  const plan = manifest.catalog.plans.find((item) => item.id === resolved.plan);
  const { userData, ttlMs } = resolved;
  const { price, priceNote } = regionalPrice(manifest, resolved.plan, resolved.region);
  // Field by field: the JSON shape is documented and stays the same when the spec grows.
  return {
    provider: manifest.id,
    name: resolved.name,
    owner: resolved.owner,
    region: resolved.region,
    plan: resolved.plan,
    os: resolved.os,
    image: describeImage(resolved.image, plan?.architecture),
    tags: resolved.tags,
    inbound: resolved.inbound ?? null,
    options: resolved.options,
    userDataBytes: userData === undefined ? 0 : Buffer.byteLength(userData, 'utf8'),
    ttlMs: ttlMs ?? null,
    expiresAt: ttlMs === undefined ? null : new Date(Date.now() + ttlMs),
    price: price === null ? null : priceView(price),
    priceNote,
    catalogCheckedAt: manifest.catalog.checkedAt,
  };
}

/** The dry run for people. */
export function renderDryRun(view: ReturnType<typeof dryRunView>): string {
  const inbound =
    view.inbound === null
      ? 'cloud default networking'
      : view.inbound === 'all'
        ? 'all ports'
        : view.inbound.map(formatPortRule).join(', ');
  return renderFields([
    ['provider', view.provider],
    ['name', view.name],
    ['owner', view.owner],
    ['region', view.region],
    ['plan', view.plan],
    ['price', view.priceNote === null ? formatPrice(view.price) : `unknown: ${view.priceNote}`],
    ['os', `${view.os} (image ${view.image})`],
    ['inbound', inbound],
    [
      'tags',
      Object.entries(view.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(',') || undefined,
    ],
    ['user-data', view.userDataBytes === 0 ? 'none' : `${view.userDataBytes} bytes`],
    [
      'expires',
      view.ttlMs === null ? 'never' : `in ${formatDuration(view.ttlMs)} (${view.expiresAt?.toISOString()})`,
    ],
  ]);
}
