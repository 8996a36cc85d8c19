import type { ProvisionerV1 } from '@provision/core';
import type { FakeCloud } from '@provision/testkit/fake-cloud';
import type { Wire } from '../msw.ts';
import { runPool } from '../pool.ts';
import type { SeedHosts } from '../providers.ts';
import { measure, median, round, withPeakRss } from '../stats.ts';

/** Added to every request of the timed lists, like a cloud's round trip. */
export const LIST_LATENCY_MS = 50;

/** `list()` of many hosts: CPU with no latency, wall with latency, and the fake's own serving time. */
export interface ListAtScale {
  readonly hosts: number;
  /** Requests of one list. */
  readonly requests: number;
  /** One list with no added latency: our CPU (and the in-process fake's and msw's). */
  readonly cpuMs: number;
  readonly cpuPerHostMs: number;
  readonly baselineRssBytes: number;
  readonly peakRssBytes: number;
  readonly latencyMs: number;
  /** Wall of each list with `latencyMs` added to every request. */
  readonly wallMs: readonly number[];
  /**
   * The transfer: the same requests replayed one after another through the same interception (msw)
   * and transport (node:http) as the list's, bodies read as text and not parsed; what serving and
   * moving the bytes costs without any client work. Older results replayed them straight to the
   * fake (`servingMs`), which left out msw's own work per request.
   */
  readonly transferMs: number;
  /**
   * Each transfer, one replay right after each timed list (`transferMs` is their median). Absent
   * in older results, whose transfer was a single replay after the last list.
   */
  readonly transferRunsMs?: readonly number[];
  /** The same requests answered by the fake alone (`fake.handle`), bodies read. Absent in older results. */
  readonly servingMs?: number;
  /**
   * Round trips no client can do without: 2 (read page 1, then every other page at once; 1 when
   * one request holds the whole listing), or, where each page names the next (cursor pages), one
   * per page of the longest listing (`longestChain`). Absent in older results: 2.
   */
  readonly roundTrips?: number;
  /** Why the cloud's pages can only be read one after another (`CURSOR_PAGED`), when they can. */
  readonly cursorPaged?: string;
  /** `roundTrips x latency + transfer`. */
  readonly idealMs: number;
  /**
   * How the hosts beyond the first 1,000 were stored: `provision` calls, or the fake's `seed` hook
   * (copies of a provisioned host; see `InstalledProvider.seedHosts`). Absent in older results.
   */
  readonly filledBy?: 'provision' | 'seed';
}

/**
 * The most requests to one path (the query left out) among `requests`: a cursor-paged listing reads
 * the pages of one path one after another, and listings of different paths side by side.
 */
export function longestChain(requests: readonly Request[]): number {
  const perPath = new Map<string, number>();
  for (const request of requests) {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    perPath.set(key, (perPath.get(key) ?? 0) + 1);
  }
  return Math.max(0, ...perPath.values());
}

/** The time the fake alone takes to answer `requests`, sequentially, bodies read whole. */
async function serve(fake: FakeCloud, requests: readonly Request[]): Promise<number> {
  const start = performance.now();
  for (const request of requests) {
    const answer = await fake.handle(request.clone());
    if (answer instanceof Response) await answer.arrayBuffer();
  }
  return performance.now() - start;
}

/** Sends `request` with node:http (through msw while it intercepts) and reads the answer as text. */
async function sendOverNodeHttp(request: Request): Promise<string> {
  const url = new URL(request.url);
  const body = request.body === null ? undefined : await request.text();
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  const transport = process.getBuiltinModule(url.protocol === 'https:' ? 'node:https' : 'node:http');
  return new Promise((resolve, reject) => {
    const sent = transport.request(url, { method: request.method, headers }, (answer) => {
      answer.setEncoding('utf8');
      let text = '';
      answer.on('data', (chunk: string) => {
        text += chunk;
      });
      answer.on('end', () => resolve(text));
      answer.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/**
 * The time `requests` take, sent one after another the way the plugins' client sends them (node:http,
 * so through msw while it intercepts, to the fake), each answer read as text and not parsed. msw is
 * how the fake answers: its own work per request (about 1 ms, 0.1 s for Hetzner's 100 pages) is
 * moving the bytes, not the client's, and the transfer of older results (`serve`) left it out.
 */
export async function replay(requests: readonly Request[]): Promise<number> {
  const start = performance.now();
  for (const request of requests) await sendOverNodeHttp(request.clone());
  return performance.now() - start;
}

/**
 * Fills `fake` up to `hosts` managed hosts (through `provision()`, no latency, or with `seedHosts`
 * when given), lists them once with no latency (CPU, memory), then `runs` times with
 * `LIST_LATENCY_MS` per request (wall), replaying each list's requests to the fake right after it
 * for the transfer time (the median of those replays). `cursorPaged`: why the cloud's pages can only be read one after another (its
 * `CURSOR_PAGED` entry), when they can.
 */
export async function measureListAtScale(
  fake: FakeCloud,
  provisioner: ProvisionerV1,
  wire: Wire,
  hosts: number,
  runs: number,
  existing: number,
  cursorPaged?: string,
  seedHosts?: SeedHosts,
): Promise<ListAtScale> {
  const list = provisioner.list;
  if (list === undefined) throw new Error('the provisioner has no list()');
  const names = Array.from({ length: hosts - existing }, (_, index) => `scale-${index + 1}`);
  if (seedHosts !== undefined)
    seedHosts(
      fake,
      names.map((name) => ({ name, owner: 'bench' })),
    );
  else {
    const created = await runPool(names, 20, (name) => provisioner.provision({ name, owner: 'bench' }));
    const failed = created.find((result) => !result.ok);
    if (failed !== undefined && !failed.ok) {
      throw new Error(`filling the fake to ${hosts} failed: ${(failed.error as Error).message}`);
    }
  }
  const mark = fake.mark();
  const cold = await withPeakRss(() => measure(() => list.call(provisioner)));
  const requests = fake.since(mark).length;
  if (cold.value.value.length < hosts) {
    throw new Error(`list() returned ${cold.value.value.length} of ${hosts} hosts`);
  }
  const wallMs: number[] = [];
  const transferRunsMs: number[] = [];
  let recorded: Request[] = [];
  for (let run = 0; run < Math.max(1, runs); run += 1) {
    recorded = [];
    wire.recorded = recorded;
    wire.latencyMs = LIST_LATENCY_MS;
    try {
      const start = performance.now();
      await list.call(provisioner);
      wallMs.push(round(performance.now() - start, 1));
    } finally {
      wire.latencyMs = 0;
      delete wire.recorded;
    }
    // Right after each timed list, so the floor is sampled as often as the wall and under the
    // same load on the machine: one replay after all runs made the floor a single sample.
    transferRunsMs.push(round(await replay(recorded), 1));
  }
  const servingMs = await serve(fake, recorded);
  const transferMs = median(transferRunsMs);
  const roundTrips = cursorPaged !== undefined ? longestChain(recorded) : Math.min(requests, 2);
  return {
    hosts,
    requests,
    cpuMs: cold.value.cpuMs,
    cpuPerHostMs: cold.value.cpuMs / hosts,
    baselineRssBytes: cold.baselineRss,
    peakRssBytes: cold.peakRss,
    latencyMs: LIST_LATENCY_MS,
    wallMs,
    transferMs,
    transferRunsMs,
    servingMs,
    roundTrips,
    ...(cursorPaged === undefined ? {} : { cursorPaged }),
    idealMs: roundTrips * LIST_LATENCY_MS + transferMs,
    filledBy: seedHosts === undefined ? 'provision' : 'seed',
  };
}
