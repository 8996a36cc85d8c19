import { defaultNetworkRules } from './gcp-fake-firewalls.js';
import type { GcpFakeFirewall, GcpFakeInstance } from './gcp-fake-records.js';

type Range = [from: number, to: number];
type Protocol = 'tcp' | 'udp';

const EVERY_PORT: Range = [1, 65535];

function portsOf(entry: { IPProtocol: string; ports?: string[] }, protocol: Protocol): Range[] {
  if (entry.IPProtocol !== protocol && entry.IPProtocol !== 'all') return [];
  if (entry.ports === undefined || entry.ports.length === 0) return [EVERY_PORT];
  return entry.ports.map((port) => {
    const [from = 0, to = from] = port.split('-').map(Number);
    return [Math.max(1, from), to] as Range;
  });
}

function subtract(ranges: Range[], cut: Range[]): Range[] {
  return cut.reduce(
    (left, [cutFrom, cutTo]) =>
      left.flatMap(([from, to]): Range[] => {
        if (cutTo < from || cutFrom > to) return [[from, to]];
        return [
          ...(from < cutFrom ? [[from, cutFrom - 1] as Range] : []),
          ...(to > cutTo ? [[cutTo + 1, to] as Range] : []),
        ];
      }),
    ranges,
  );
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * The tcp and udp ports of an instance open to the whole internet, as Compute Engine evaluates
 * ingress rules: of the rules that apply to it (its network tags, or no target), the one of the
 * highest precedence (lowest priority number; deny before allow at equal priority) decides each
 * port. The default network's own rules (`default-allow-ssh` and the others) count too.
 * https://cloud.google.com/firewall/docs/firewalls#priority_order_for_firewall_rules
 */
export function openPorts(
  instance: Pick<GcpFakeInstance, 'tags' | 'project'>,
  rules: readonly GcpFakeFirewall[],
): { from: number; to: number; protocol: Protocol }[] {
  const applying = [...defaultNetworkRules(instance.project), ...rules]
    .filter((rule) => rule.direction === 'INGRESS' && rule.sourceRanges.includes('0.0.0.0/0'))
    .filter(
      (rule) => rule.targetTags === undefined || rule.targetTags.some((tag) => instance.tags.includes(tag)),
    )
    .sort((a, b) => a.priority - b.priority || (a.denied ? -1 : 0) - (b.denied ? -1 : 0));
  return (['tcp', 'udp'] as const).flatMap((protocol) => {
    let decided: Range[] = [];
    let open: Range[] = [];
    for (const rule of applying) {
      const ranges = (rule.allowed ?? rule.denied ?? []).flatMap((entry) => portsOf(entry, protocol));
      const fresh = merge(ranges).flatMap((range) => subtract([range], decided));
      if (rule.allowed !== undefined) open = merge([...open, ...fresh]);
      decided = merge([...decided, ...fresh]);
    }
    return open.map(([from, to]) => ({ from, to, protocol }));
  });
}
