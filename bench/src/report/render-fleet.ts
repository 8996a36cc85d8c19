import { type BenchResults, isFailed, isSkipped } from '../results.ts';
import { FLEET_CONCURRENCY, FLEET_PARALLEL, FLEET_RATE } from '../sections/fleet.ts';
import { mebibytes, ms, table, times } from './format.ts';
import { failures } from './render-sections.ts';

/** Section 4: fleet scale, then list of 1,000. */
export function renderFleet(results: BenchResults): string {
  const parts: string[] = [
    `Hosts provisioned ${FLEET_CONCURRENCY} at a time against a fake limited to ${FLEET_RATE.requestsPerSecond} requests/s (a token bucket holding ${FLEET_RATE.requestsPerSecond}, full at the start of each phase) that answers 429 with \`Retry-After: ${FLEET_RATE.retryAfterSeconds}\`, or throttles the way its cloud does (EC2: 503 \`RequestLimitExceeded\`, no \`Retry-After\`); the plugin's client retries with its default settings, and when it gives up (\`RateLimitError\`) the bench waits as told and calls again, which for provision repeats its lookup. The ideal is the time the throttle alone imposes: (requests served - ${FLEET_RATE.requestsPerSecond}) / ${FLEET_RATE.requestsPerSecond} per s. Duplicates, missing hosts and leftovers are counted in the fake's own state. Each provider runs in a process of its own, ${FLEET_PARALLEL} at once (a fleet mostly waits on its throttle); memory is its resident set size, sampled during the phase, which starts after a garbage collection, and the V8 heap still in use after the phase and another collection (the fake, its request log and msw live in that process too; the first phase also loads the plugin's implementation and SDK).`,
  ];
  for (const item of results.sections.fleet ?? []) {
    if (isFailed(item) || isSkipped(item)) continue;
    const row = (label: string, phase: typeof item.provision) => [
      label,
      String(phase.requests),
      String(phase.rateLimited),
      String(phase.callRetries),
      ms(phase.wallMs),
      ms(phase.idealMs),
      times(phase.wallMs / phase.idealMs),
      `${mebibytes(phase.baselineRssBytes)} -> ${mebibytes(phase.peakRssBytes)}`,
      mebibytes(phase.heapAfterGcBytes),
      phase.failures.length === 0 ? '0' : `**${phase.failures.length}**: ${phase.failures[0]}`,
    ];
    const checks = [
      `hosts in the fake after provisioning: ${item.hostsInFake} of ${item.hosts}`,
      `duplicates: ${item.duplicates}`,
      `missing: ${item.missing}`,
      `leftovers after every delete answered done: ${item.leftovers.length}${item.leftovers.length > 0 ? ` (${item.leftovers.slice(0, 5).join(', ')})` : ''}`,
    ];
    const ok =
      item.duplicates === 0 &&
      item.missing === 0 &&
      item.leftovers.length === 0 &&
      item.hostsInFake === item.hosts;
    parts.push(
      '',
      `**${item.provider}**: ${item.hosts} hosts (${item.hostsWithInbound} with inbound, so with a firewall)`,
      '',
      table(
        [
          'phase',
          'requests served',
          'throttled (retried)',
          'calls the bench repeated',
          'wall',
          'ideal',
          'wall / ideal',
          'RSS before -> peak',
          'heap after GC',
          'failed calls',
        ],
        [
          row('provision all', item.provision),
          row('status of all', item.status),
          row('delete all until done', item.delete),
        ],
      ),
      '',
      `Checks: ${checks.join('; ')}: **${ok ? 'pass' : 'FAIL'}**.`,
    );
  }
  const lists = (results.sections.list ?? []).filter((item) => !isFailed(item) && !isSkipped(item));
  if (lists.length > 0) {
    parts.push(
      '',
      'List of 1,000 managed hosts, in a process of its own: a fake with raised limits and no rate limit, filled through `provision()` first, then one `list()`. CPU and memory include the fake and msw answering in the same process; the RSS before includes the fake holding 1,000 hosts and the loaded plugin, so the growth is what the list call added.',
      '',
      table(
        ['provider', 'hosts listed', 'requests', 'wall', 'CPU', 'RSS before', 'peak RSS', 'growth'],
        lists.map((item) =>
          'hosts' in item
            ? [
                item.provider,
                String(item.hosts),
                String(item.requests),
                ms(item.wallMs),
                ms(item.cpuMs),
                mebibytes(item.baselineRssBytes),
                mebibytes(item.peakRssBytes),
                mebibytes(item.peakRssBytes - item.baselineRssBytes),
              ]
            : [],
        ),
      ),
    );
  }
  parts.push(...listAtScale(results));
  parts.push(...failures([...(results.sections.fleet ?? []), ...(results.sections.list ?? [])]));
  return parts.join('\n');
}

function listAtScale(results: BenchResults): string[] {
  const rows: string[][] = [];
  const broken: string[] = [];
  for (const item of results.sections.list ?? []) {
    if (isFailed(item) || isSkipped(item) || item.atScale === undefined) continue;
    const scale = item.atScale;
    if ('error' in scale) {
      broken.push(`- ${item.provider}: list at scale **failed**: ${scale.error}`);
      continue;
    }
    rows.push([
      item.provider,
      scale.hosts.toLocaleString('en-US'),
      String(scale.requests),
      scale.wallMs.map((wall) => ms(wall)).join(', '),
      ms(scale.transferMs),
      scale.servingMs === undefined ? '–' : ms(scale.servingMs),
      ms(scale.idealMs),
      ms(scale.cpuMs),
      `${(scale.cpuPerHostMs * 1000).toFixed(0)} µs`,
      mebibytes(scale.peakRssBytes - scale.baselineRssBytes),
    ]);
  }
  const beside = (results.sections.list ?? []).flatMap((item) => {
    if (isFailed(item) || isSkipped(item) || item.besideLibcloud === undefined) return [];
    const measured = item.besideLibcloud;
    if ('error' in measured) return [`- ${item.provider} beside Libcloud: **failed**: ${measured.error}`];
    if ('skipped' in measured) return [`- ${item.provider} beside Libcloud: not run: ${measured.skipped}`];
    const cpu = (calls: readonly { cpuMs: number }[]) => calls.map((call) => ms(call.cpuMs)).join(', ');
    return [
      `- ${item.provider} beside Libcloud: ${measured.hosts.toLocaleString('en-US')} ${measured.hostWord ?? 'droplets'} served over HTTP by the emulator in a process of its own, so each figure is one client's CPU alone: our list() ${cpu(measured.ours)}; ${measured.libcloudDescription} \`list_nodes()\` ${cpu(measured.libcloud)} (each run).`,
    ];
  });
  if (rows.length === 0) return [...broken, ...beside];
  const seeded = (results.sections.list ?? []).flatMap((item) =>
    !isFailed(item) && !isSkipped(item) && item.atScale !== undefined && 'filledBy' in item.atScale
      ? item.atScale.filledBy === 'seed'
        ? [item.provider]
        : []
      : [],
  );
  const cursorPaged = (results.sections.list ?? []).flatMap((item) =>
    !isFailed(item) &&
    !isSkipped(item) &&
    item.atScale !== undefined &&
    !('error' in item.atScale) &&
    (item.atScale.cursorPaged !== undefined || (item.atScale.roundTrips ?? 2) > 2)
      ? [item.provider]
      : [],
  );
  const seededNote =
    seeded.length === 0
      ? ''
      : ` For ${seeded.join(', ')}, whose provision() reads the whole account, the hosts beyond the first 1,000 are copies of a provisioned one stored by the fake itself (\`seedHosts\` of its \`./testing\`), not 4,000 more provision() calls.`;
  return [
    '',
    `The same fake filled on to 5,000 hosts, listed once with no latency (CPU, memory growth) and then with 50 ms added to every request (wall, each run). The transfer is each timed list's requests replayed right after it, one after another, through the same msw interception and node:http transport, bodies read as text and not parsed: what serving and moving the bytes costs without a client; the table gives the median of those replays (serving: the fake alone, without msw's work per request, once). The ideal is 2 round trips (page 1, then the rest at once; 1 when one request holds the whole listing) plus that transfer; for a cloud paged by cursor${cursorPaged.length === 0 ? '' : ` (${cursorPaged.join(', ')})`}, whose every page names the next, one round trip per page plus that transfer.${seededNote}`,
    '',
    table(
      [
        'provider',
        'hosts',
        'requests',
        'wall at 50 ms',
        'transfer',
        'serving',
        'ideal',
        'CPU (no latency)',
        'CPU per host',
        'RSS growth',
      ],
      rows,
    ),
    ...(beside.length > 0 ? ['', ...beside] : []),
    ...broken,
  ];
}
