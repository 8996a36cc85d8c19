import { compareText } from './compare-text.js';
import type { PortRule } from './spec/v1/port-rule.js';
import type { ResolvedHostSpec } from './validate-host-spec.js';

/** One inbound rule as a cloud holds it, normalised: ports `from`-`to` (0-65535 is every port). */
export interface ExistingInboundRule {
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
}

/**
 * What a host that `provision()` found by name is, as its cloud holds it. A field left out is
 * not compared (the cloud does not say, or the plugin did not read it).
 */
export interface ExistingHostFacts {
  readonly region?: string | undefined;
  readonly plan?: string | undefined;
  /** The cloud's image id, compared with the spec's resolved `image`. */
  readonly image?: string | undefined;
  /**
   * The OS in the spec's words (a catalog key): compared with the spec's `os` when `image` is not
   * given, and shown in place of the image id when it is.
   */
  readonly os?: string | undefined;
  /**
   * `'none'`: no firewall of its own (the cloud's default networking). `'own'`: a firewall of its
   * own whose rules were not read. A list: that firewall's inbound rules.
   */
  readonly inbound?: 'none' | 'own' | readonly ExistingInboundRule[] | undefined;
  /** The host's user tags (the reserved ones removed). */
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

const NONE = 'none (the default networking)';

function isEveryPort(rule: ExistingInboundRule): boolean {
  return (rule.from === 0 || rule.from === 1) && rule.to === 65535;
}

/** Inbound rules in a few words: `none (the default networking)`, `all`, or `22/tcp, 8000-9000/udp`. */
export function describeInbound(
  inbound: ResolvedHostSpec['inbound'] | readonly (ExistingInboundRule | Required<PortRule>)[],
): string {
  if (inbound === undefined) return NONE;
  if (inbound === 'all') return 'all';
  const rules = inbound.map((rule) => ({ ...rule, to: rule.to ?? rule.from }));
  // Every TCP and every UDP port, however the cloud spells it, is what `'all'` asks for.
  const everywhere = (protocol: string) =>
    rules.some((rule) => rule.protocol === protocol && isEveryPort(rule));
  if (everywhere('tcp') && everywhere('udp') && rules.every((rule) => isEveryPort(rule))) return 'all';
  const words = rules
    .map((rule) => `${rule.from === rule.to ? rule.from : `${rule.from}-${rule.to}`}/${rule.protocol}`)
    .sort();
  return words.length === 0 ? 'none' : words.join(', ');
}

function describeTags(tags: Readonly<Record<string, string>>): string {
  const entries = Object.entries(tags).sort(([a], [b]) => compareText(a, b));
  return entries.length === 0 ? '{}' : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * How an existing host differs from the spec a repeated `provision()` was given: one entry per
 * field that differs, as `field: what the host has (asked: what the spec says)`, for
 * `Host.specMismatch`. User-data and `ttl` are never compared (no cloud reads them back).
 */
export function specMismatch(existing: ExistingHostFacts, spec: ResolvedHostSpec): string[] {
  const differences: string[] = [];
  const differ = (field: string, has: string, asked: string) =>
    differences.push(`${field}: ${has} (asked: ${asked})`);
  if (existing.region !== undefined && existing.region !== spec.region)
    differ('region', existing.region, spec.region);
  if (existing.plan !== undefined && existing.plan !== spec.plan) differ('plan', existing.plan, spec.plan);
  const osDiffers =
    existing.image !== undefined
      ? existing.image !== spec.image
      : existing.os !== undefined && existing.os !== spec.os;
  if (osDiffers) differ('os', existing.os ?? (existing.image as string), spec.os);
  const inbound = existing.inbound;
  if (inbound === 'none') {
    if (spec.inbound !== undefined) differ('inbound', NONE, describeInbound(spec.inbound));
  } else if (inbound === 'own') {
    if (spec.inbound === undefined) differ('inbound', 'its own firewall', NONE);
  } else if (inbound !== undefined) {
    const has = describeInbound(inbound);
    const asked = describeInbound(spec.inbound);
    if (has !== asked) differ('inbound', has, asked);
  }
  if (existing.tags !== undefined && !sameTags(existing.tags, spec.tags))
    differ('tags', describeTags(existing.tags), describeTags(spec.tags));
  return differences;
}
