import { type Wire, withFakes } from '../msw.ts';
import { runPool } from '../pool.ts';
import { CURSOR_PAGED, type InstalledProvider, interceptedBaseUrl, provisionerFor } from '../providers.ts';
import { describeError } from '../results.ts';
import { measure, withPeakRss } from '../stats.ts';
import { type ListAtScale, measureListAtScale } from './list-at-scale.ts';
import { LIBCLOUD_CLOUDS, type ListBesideLibcloud, measureListBesideLibcloud } from './list-libcloud.ts';

/** `list()` of 1,000 managed hosts. */
export type ListResult =
  | { readonly provider: string; readonly skipped: string }
  | {
      readonly provider: string;
      readonly hosts: number;
      readonly requests: number;
      /** Requests per fake operation name. */
      readonly operations: Readonly<Record<string, number>>;
      readonly wallMs: number;
      readonly cpuMs: number;
      readonly baselineRssBytes: number;
      readonly peakRssBytes: number;
      /** How long filling the fake with the hosts took (not part of the figure). */
      readonly populateMs: number;
      /** The same fake filled further and listed at scale, or why that failed. */
      readonly atScale?: ListAtScale | { readonly error: string };
      /** Clouds of `LIBCLOUD_CLOUDS` only: our list and Libcloud's of as many hosts from the emulator, or why not. */
      readonly besideLibcloud?: ListBesideLibcloud | { readonly error: string };
    };

export const LIST_HOSTS = 1000;

function tally(operations: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const operation of operations) counts[operation] = (counts[operation] ?? 0) + 1;
  return counts;
}

/**
 * Fills a fake (limits raised, no rate limit) with 1,000 managed hosts through `provision()`, then
 * lists them once: requests, time, CPU and peak resident memory of the list call. Memory and CPU
 * include the in-process fake and msw, which answer the requests.
 */
export async function measureList(
  provider: InstalledProvider,
  scale?: { readonly hosts: number; readonly runs: number },
): Promise<ListResult> {
  if (provider.manifest.capabilities.list !== true) {
    return { provider: provider.id, skipped: 'the plugin does not declare the list capability' };
  }
  const baseUrl = interceptedBaseUrl(provider.id);
  const fake = provider.tunedFake({ baseUrl });
  if (fake === undefined) {
    return {
      provider: provider.id,
      skipped: 'its ./testing exports no fake class whose limits can be raised',
    };
  }
  const provisioner = provisionerFor(provider, baseUrl);
  const list = provisioner.list;
  if (list === undefined) return { provider: provider.id, skipped: 'the provisioner has no list()' };
  const wire: Wire = { latencyMs: 0 };
  const measured = await withFakes(
    [fake],
    async () => {
      const populateStart = performance.now();
      const names = Array.from({ length: LIST_HOSTS }, (_, index) => `list-${index + 1}`);
      const created = await runPool(names, 20, (name) => provisioner.provision({ name, owner: 'bench' }));
      const failed = created.find((result) => !result.ok);
      if (failed !== undefined && !failed.ok) {
        throw new Error(`filling the fake failed: ${(failed.error as Error).message}`);
      }
      const populateMs = performance.now() - populateStart;
      const mark = fake.mark();
      const { value, baselineRss, peakRss } = await withPeakRss(() => measure(() => list.call(provisioner)));
      const entries = fake.since(mark);
      return {
        provider: provider.id,
        hosts: value.value.length,
        requests: entries.length,
        operations: tally(entries.map((entry) => entry.operation)),
        wallMs: value.wallMs,
        cpuMs: value.cpuMs,
        baselineRssBytes: baselineRss,
        peakRssBytes: peakRss,
        populateMs,
        ...(scale === undefined
          ? {}
          : {
              atScale: await measureListAtScale(
                fake,
                provisioner,
                wire,
                scale.hosts,
                scale.runs,
                LIST_HOSTS,
                CURSOR_PAGED[provider.id],
                provider.seedHosts,
              ).catch((error: unknown) => ({ error: describeError(error) })),
            }),
      };
    },
    wire,
  );
  // Over real HTTP to the emulator, so after msw has stopped intercepting.
  if (scale === undefined || LIBCLOUD_CLOUDS[provider.id] === undefined) return measured;
  const besideLibcloud = await measureListBesideLibcloud(provider, scale.hosts, scale.runs).catch(
    (error: unknown) => ({ error: describeError(error) }),
  );
  return { ...measured, besideLibcloud };
}
