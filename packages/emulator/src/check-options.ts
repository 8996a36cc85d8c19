import type { EmulatedCloud } from '@provision/testkit/fake-cloud';
import type { EmulatorOptions } from './emulator-options.js';

const LOOPBACK = '127.0.0.1';
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]*$/;
const BASE_NAME = /^[a-z0-9][a-z0-9-]*$/;

function checkPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`${what} must be a whole number from 0 to 65535 (got ${port}).`);
}

/** Refuses options that make no sense, before anything listens. */
export function checkOptions(options: EmulatorOptions): void {
  const { port = 0, host = LOOPBACK, latencyMs = 0, faultRate = 0, seed } = options;
  if (host !== LOOPBACK && host !== 'localhost') {
    throw new TypeError(
      `The emulator listens on ${LOOPBACK} only (got host "${host}"): it has no authentication, so it is never exposed beyond this machine.`,
    );
  }
  checkPort(port, 'port');
  if (!Number.isFinite(latencyMs) || latencyMs < 0)
    throw new TypeError(`latencyMs must be a number of milliseconds >= 0 (got ${latencyMs}).`);
  if (!Number.isFinite(faultRate) || faultRate < 0 || faultRate > 1)
    throw new TypeError(`faultRate must be a probability from 0 to 1 (got ${faultRate}).`);
  if (seed !== undefined && !Number.isFinite(seed))
    throw new TypeError(`seed must be a number (got ${seed}).`);
  if (typeof options.cloudPorts === 'object')
    for (const [name, value] of Object.entries(options.cloudPorts)) checkPort(value, `cloudPorts["${name}"]`);
}

/** Refuses malformed or duplicate provider ids; returns the clouds sorted by provider. */
export function checkClouds(clouds: readonly EmulatedCloud[]): EmulatedCloud[] {
  const seen = new Set<string>();
  for (const cloud of clouds) {
    if (!PROVIDER_ID.test(cloud.provider))
      throw new TypeError(
        `Cannot serve provider "${cloud.provider}": a provider id is lower-case letters, digits and dashes.`,
      );
    if (seen.has(cloud.provider))
      throw new TypeError(`Two emulated clouds claim provider "${cloud.provider}".`);
    for (const base of cloud.bases ?? [])
      if (!BASE_NAME.test(base) || base === 'main')
        throw new TypeError(
          `Cloud "${cloud.provider}" declares a base named "${base}": use lower-case letters, digits and dashes, not "main".`,
        );
    seen.add(cloud.provider);
  }
  return [...clouds].sort((a, b) => a.provider.localeCompare(b.provider));
}

/** Each cloud's limits: its defaults, overridden by `options.limits`. @throws TypeError for an unknown provider, name or a bad value. */
export function resolveLimits(
  clouds: readonly EmulatedCloud[],
  given: EmulatorOptions['limits'] = {},
): Map<string, Record<string, number>> {
  const resolved = new Map<string, Record<string, number>>();
  for (const cloud of clouds)
    resolved.set(
      cloud.provider,
      Object.fromEntries(Object.entries(cloud.limits ?? {}).map(([name, limit]) => [name, limit.default])),
    );
  for (const [provider, values] of Object.entries(given)) {
    const limits = resolved.get(provider);
    if (limits === undefined)
      throw new TypeError(
        `limits names provider "${provider}", which this emulator does not serve (it serves: ${[...resolved.keys()].join(', ') || 'none'}).`,
      );
    for (const [name, value] of Object.entries(values)) {
      if (!(name in limits))
        throw new TypeError(
          `${provider} has no limit "${name}" (its limits: ${Object.keys(limits).join(', ') || 'none'}).`,
        );
      if (!Number.isInteger(value) || value < 0)
        throw new TypeError(`limits.${provider}.${name} must be a whole number >= 0 (got ${value}).`);
      limits[name] = value;
    }
  }
  return resolved;
}

/** The port a base of a cloud asks for in `cloudPorts`, or undefined when it shares the main port. */
export function portFor(
  cloudPorts: EmulatorOptions['cloudPorts'],
  provider: string,
  base: string,
): number | undefined {
  if (cloudPorts === undefined || cloudPorts === false) return undefined;
  if (cloudPorts === true) return 0;
  return cloudPorts[base === 'main' ? provider : `${provider}.${base}`];
}
