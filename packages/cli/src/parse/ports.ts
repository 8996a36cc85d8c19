import type { PortRule } from '@provision/core';
import { UsageError } from '../usage-error.js';

const PORT_RULE = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp))?$/i;

function port(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new UsageError(`${text} is not a port (ports are 1 to 65535).`);
  }
  return value;
}

/**
 * Reads one `--port` value: `80`, `8000-9000`, with an optional `/tcp` or `/udp` suffix
 * (default tcp), into a rule with `from`, `to` and `protocol` all set.
 * @throws UsageError naming the value at fault.
 */
export function parsePortRule(text: string): Required<PortRule> {
  const match = PORT_RULE.exec(text.trim());
  if (match === null) {
    throw new UsageError(
      `"${text}" is not a port rule.`,
      'Write a port (80), a range (8000-9000), optionally with /tcp or /udp (53/udp).',
    );
  }
  const from = port(match[1] as string);
  const to = match[2] === undefined ? from : port(match[2]);
  if (to < from) throw new UsageError(`The range ${text} ends before it starts.`);
  const protocol = (match[3]?.toLowerCase() ?? 'tcp') as 'tcp' | 'udp';
  return { from, to, protocol };
}

/** The `--port` collector: each occurrence adds a rule. */
export function collectPortRule(
  text: string,
  previous: readonly Required<PortRule>[] = [],
): Required<PortRule>[] {
  return [...previous, parsePortRule(text)];
}

/** Writes a rule back in the `--port` syntax: `80/tcp`, `8000-9000/udp`. */
export function formatPortRule(rule: PortRule): string {
  const to = rule.to ?? rule.from;
  return `${rule.from}${to === rule.from ? '' : `-${to}`}/${rule.protocol ?? 'tcp'}`;
}
