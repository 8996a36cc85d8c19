import { setTimeout as sleep } from 'node:timers/promises';
import { type HostSpec, RateLimitError } from '@provision/core';
import type { FakeCloud } from '@provision/testkit/fake-cloud';
import { withFakes } from '../msw.ts';
import { runPool } from '../pool.ts';
import { hostNamesIn, type InstalledProvider, interceptedBaseUrl, provisionerFor } from '../providers.ts';
import { withPeakRss } from '../stats.ts';

/** The fake's throttle: DigitalOcean-like bursts are far above this; it makes the limit bite. */
export const FLEET_RATE = { requestsPerSecond: 10, retryAfterSeconds: 1 } as const;
export const FLEET_CONCURRENCY = 10;
/**
 * Providers whose fleets run at once, each in its own process against its own fakes and
 * throttle. A fleet waits on its throttle (about 4 % of one core for 200 hosts), so four at a
 * time leave the machine idle enough for the timings, and the section takes about a quarter of
 * the time one after another would.
 */
export const FLEET_PARALLEL = 4;

/** One phase of the fleet run (provision all, status all, delete all). */
export interface FleetPhase {
  /** Requests the fake served (not throttled). */
  readonly requests: number;
  /**
   * Requests the fake throttled, each retried by the client or by the bench: 429, or 503 where
   * the cloud throttles that way (EC2's `RequestLimitExceeded`).
   */
  readonly rateLimited: number;
  /** Calls the bench repeated after the client gave up with RateLimitError. */
  readonly callRetries: number;
  readonly wallMs: number;
  /** The time the throttle alone imposes: the requests beyond the bucket's burst / requestsPerSecond. */
  readonly idealMs: number;
  readonly baselineRssBytes: number;
  readonly peakRssBytes: number;
  /** V8 heap in use after the phase and a garbage collection: what it keeps, not what it churned. */
  readonly heapAfterGcBytes?: number;
  /** Calls that failed for good (should be none). */
  readonly failures: readonly string[];
}

export type FleetResult =
  | { readonly provider: string; readonly skipped: string }
  | {
      readonly provider: string;
      readonly hosts: number;
      /** Hosts given `inbound` (every fourth, when supported): their firewalls must go too. */
      readonly hostsWithInbound: number;
      readonly provision: FleetPhase;
      readonly status: FleetPhase;
      readonly delete: FleetPhase;
      /** Hosts of one name beyond the first, counted in the fake after provisioning. */
      readonly duplicates: number;
      /** Names with no host in the fake after provisioning. */
      readonly missing: number;
      /** Hosts in the fake after provisioning, of its host kind. */
      readonly hostsInFake: number;
      /** Everything the fake still holds after every delete answered done. */
      readonly leftovers: readonly string[];
    };

const MAX_CALL_RETRIES = 30;
const MAX_DELETE_CALLS = 100;

async function patiently<T>(call: () => Promise<T>, counter: { retries: number }): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!RateLimitError.isInstance(error) || attempt >= MAX_CALL_RETRIES) throw error;
      counter.retries += 1;
      await sleep(error.retryAfterMs ?? 1000);
    }
  }
}

async function phase(
  fake: FakeCloud,
  run: (counter: { retries: number }) => Promise<string[]>,
): Promise<FleetPhase> {
  // Let the bucket fill up, so every phase starts from the same state.
  await sleep((1000 * FLEET_RATE.requestsPerSecond) / FLEET_RATE.requestsPerSecond + 100);
  const counter = { retries: 0 };
  const mark = fake.mark();
  const start = performance.now();
  const { value: failures, baselineRss, peakRss, heapAfterGc } = await withPeakRss(() => run(counter), 20);
  const wallMs = performance.now() - start;
  const entries = fake.since(mark);
  const rateLimited = entries.filter((entry) => entry.status === 429 || entry.status === 503).length;
  const requests = entries.length - rateLimited;
  return {
    requests,
    rateLimited,
    callRetries: counter.retries,
    wallMs,
    idealMs: (Math.max(0, requests - FLEET_RATE.requestsPerSecond) / FLEET_RATE.requestsPerSecond) * 1000,
    baselineRssBytes: baselineRss,
    peakRssBytes: peakRss,
    ...(heapAfterGc === undefined ? {} : { heapAfterGcBytes: heapAfterGc }),
    failures,
  };
}

// A RateLimitError keeps its name in front, so the report can count those that reached a caller.
function failuresOf(results: ReadonlyArray<{ ok: boolean; error?: unknown }>): string[] {
  return results.flatMap((result) => {
    if (result.ok) return [];
    const message = String((result.error as Error)?.message ?? result.error);
    return [RateLimitError.isInstance(result.error) ? `RateLimitError: ${message}` : message];
  });
}

// A name in a description such as `droplet fleet-7 (1007)`, not matching `fleet-70`.
function mentions(description: string, name: string): boolean {
  return new RegExp(`(^|[^a-z0-9-])${name}([^a-z0-9-]|$)`).test(description);
}

/** Hosts per name in the fake's own state: from its inspection methods, else from `leftovers()`. */
function countByName(provider: string, fake: FakeCloud, names: readonly string[]) {
  const inFake =
    hostNamesIn(provider, fake) ??
    fake.leftovers().flatMap((item) => names.filter((name) => mentions(item.description, name)));
  const perName = new Map<string, number>();
  for (const name of inFake) perName.set(name, (perName.get(name) ?? 0) + 1);
  const counts = names.map((name) => perName.get(name) ?? 0);
  return {
    hostsInFake: inFake.length,
    duplicates: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    missing: counts.filter((count) => count === 0).length,
  };
}

/**
 * Provisions `hosts` hosts, at most 10 at a time, against a fake throttled to 10 requests/s that
 * answers 429 with `Retry-After`; checks the fake holds exactly one host per name; reads the
 * status of all; deletes all until done and checks the fake holds nothing.
 */
export async function measureFleet(provider: InstalledProvider, hosts: number): Promise<FleetResult> {
  const baseUrl = interceptedBaseUrl(provider.id);
  const fake = provider.tunedFake({ baseUrl, rateLimit: FLEET_RATE });
  if (fake === undefined) {
    return { provider: provider.id, skipped: 'its ./testing exports no fake class that takes a rate limit' };
  }
  const provisioner = provisionerFor(provider, baseUrl);
  const inbound = provider.manifest.capabilities.inbound === true;
  const specs: HostSpec[] = Array.from({ length: hosts }, (_, index) => ({
    name: `fleet-${index + 1}`,
    owner: 'bench',
    ...(inbound && index % 4 === 3 ? { inbound: [{ from: 443 }] } : {}),
  }));
  const names = specs.map((spec) => spec.name);
  return withFakes([fake], async () => {
    const ids: string[] = [];
    const provision = await phase(fake, async (counter) => {
      const results = await runPool(specs, FLEET_CONCURRENCY, async (spec, index) => {
        const host = await patiently(() => provisioner.provision(spec), counter);
        ids[index] = host.id;
      });
      return failuresOf(results);
    });
    const census = countByName(provider.id, fake, names);
    const liveIds = ids.filter((id) => id !== undefined);
    const status = await phase(fake, async (counter) =>
      failuresOf(
        await runPool(liveIds, FLEET_CONCURRENCY, (id) => patiently(() => provisioner.status(id), counter)),
      ),
    );
    const deletion = await phase(fake, async (counter) =>
      failuresOf(
        await runPool(liveIds, FLEET_CONCURRENCY, async (id) => {
          for (let call = 0; call < MAX_DELETE_CALLS; call += 1) {
            if ((await patiently(() => provisioner.delete({ id }), counter)).done) return;
          }
          throw new Error(`delete of ${id} was not done after ${MAX_DELETE_CALLS} calls`);
        }),
      ),
    );
    return {
      provider: provider.id,
      hosts,
      hostsWithInbound: specs.filter((spec) => spec.inbound !== undefined).length,
      provision,
      status,
      delete: deletion,
      ...census,
      leftovers: fake.leftovers().map((item) => item.description),
    };
  });
}
