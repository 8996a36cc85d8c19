/** A server as the example cloud stores it. `user_data` is kept but never sent back. */
export interface ExampleServerRecord {
  id: string;
  name: string;
  region: string;
  plan: string;
  image: string;
  user_data: string | null;
  tags: Record<string, string>;
  state: 'starting' | 'running' | 'deleting' | 'failed' | ExamplePowerState;
  ipv4: string | null;
  /** The server's address in its private network, once running. */
  private_ipv4: string | null;
  /** Which addresses the server gets once running (`setAddressing`); never sent back. */
  addressing: 'public' | 'none' | 'private-only';
  failure_reason: string | null;
  /** Firewalls attached at creation (and not deleted since). */
  firewall_ids: string[];
  created_at: string;
}

/** States of a power action in progress, or its end (`stopped`). */
export type ExamplePowerState = 'stopping' | 'stopped' | 'powering_on' | 'rebooting';

/** A power action: from which state it is allowed, the state while it runs, and where it ends. */
export const EXAMPLE_POWER_ACTIONS = {
  stop: { from: 'running', during: 'stopping', to: 'stopped' },
  start: { from: 'stopped', during: 'powering_on', to: 'running' },
  reboot: { from: 'running', during: 'rebooting', to: 'running' },
} as const;

/** One firewall rule on the wire: an inclusive port range for one protocol. */
export interface ExampleFirewallRule {
  protocol: 'tcp' | 'udp';
  from_port: number;
  to_port: number;
}

/** A firewall as the example cloud stores it. */
export interface ExampleFirewallRecord {
  id: string;
  name: string;
  rules: ExampleFirewallRule[];
  created_at: string;
}

/** What the example cloud sells (its own list: the fake does not read the plugin's catalog). */
export const EXAMPLE_CLOUD_OFFER = {
  regions: ['east-1', 'west-1'],
  plans: ['nano', 'micro', 'small'],
  images: ['ubuntu-24-04'],
} as const;

/** Checks a server creation body; returns a problem, or undefined when it is acceptable. */
export function serverBodyProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 63)
    return 'name must be 1-63 characters';
  const offer: Record<string, readonly string[]> = EXAMPLE_CLOUD_OFFER;
  for (const [field, known] of [
    ['region', offer.regions],
    ['plan', offer.plans],
    ['image', offer.images],
  ] as const) {
    if (typeof body[field] !== 'string' || !known?.includes(body[field] as string)) return `unknown ${field}`;
  }
  if (body.user_data !== undefined && typeof body.user_data !== 'string') return 'user_data must be a string';
  const tags = body.tags ?? {};
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return 'tags must be an object';
  if (Object.values(tags).some((value) => typeof value !== 'string')) return 'tag values must be strings';
  const firewallIds = body.firewall_ids ?? [];
  if (!Array.isArray(firewallIds) || firewallIds.some((id) => typeof id !== 'string'))
    return 'firewall_ids must be a list of ids';
  return undefined;
}

/** Checks firewall rules; returns a problem, or undefined when they are acceptable. */
export function rulesProblem(rules: unknown): string | undefined {
  if (!Array.isArray(rules) || rules.length === 0) return 'rules must be a non-empty list';
  for (const rule of rules as Array<Partial<ExampleFirewallRule>>) {
    if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return 'protocol must be tcp or udp';
    const { from_port: from, to_port: to } = rule;
    if (
      !Number.isInteger(from) ||
      !Number.isInteger(to) ||
      (from as number) < 1 ||
      (to as number) > 65535 ||
      (to as number) < (from as number)
    ) {
      return 'ports must be 1-65535 with from_port <= to_port';
    }
  }
  return undefined;
}
