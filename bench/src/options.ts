/** How big a run is. */
export interface BenchOptions {
  readonly mode: 'quick' | 'full';
  /** Lifecycle repetitions. */
  readonly lifecycleRuns: number;
  /** Fresh processes whose first lifecycle is measured, per provider. */
  readonly coldRuns: number;
  /** Lists of 5,000 hosts timed with latency. */
  readonly listRuns: number;
  /** CLI start-up rounds. */
  readonly cliRuns: number;
  /** Hosts in the fleet run. */
  readonly fleetHosts: number;
  /** Also write docs/performance.md. */
  readonly writeDocs: boolean;
  /** Sections to run (default: all). */
  readonly only: ReadonlySet<SectionName>;
  /** Provider ids to measure (default: every installed provider). */
  readonly providers?: ReadonlySet<string>;
  /** Render the report (and with `writeDocs` the page) from this results file instead of measuring. */
  readonly from?: string;
}

export const SECTIONS = ['calls', 'list', 'lifecycle', 'cli', 'fleet', 'footprint'] as const;
export type SectionName = (typeof SECTIONS)[number];

export const USAGE = `Usage: pnpm bench [--quick] [--write-docs] [--only=${SECTIONS.join(',')}] [--providers=<id>,<id>] [--from=<results.json>]

  --quick          small run (lifecycle x3, cold x2, list of 5,000 x1, CLI x5, fleet of 40): a few minutes; its timings are noise
  --write-docs     also write docs/performance.md (use with the full run of every provider)
  --only=a,b       run only these sections (list: the list of 1,000 and of 5,000 hosts)
  --providers=a,b  measure only these providers (ids as listed by: provision providers); the
                   CLI section still times the commands that are not per provider, and the
                   footprint installs the CLI alone and with each of these
  --from=<file>    measure nothing: render the report (and the page) from a results file`;

/** Parses the command line; throws with the usage on anything unknown. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let writeDocs = false;
  let only = new Set<SectionName>(SECTIONS);
  let from: string | undefined;
  let providers: Set<string> | undefined;
  for (const argument of argv) {
    if (argument === '--') continue;
    if (argument === '--quick') quick = true;
    else if (argument === '--full') quick = false;
    else if (argument === '--write-docs') writeDocs = true;
    else if (argument.startsWith('--from=')) from = argument.slice('--from='.length);
    else if (argument.startsWith('--only=')) {
      const names = argument.slice('--only='.length).split(',');
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`Unknown section ${unknown.join(', ')}.\n\n${USAGE}`);
      only = new Set(names as SectionName[]);
    } else if (argument.startsWith('--providers=')) {
      const ids = argument
        .slice('--providers='.length)
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      if (ids.length === 0) throw new Error(`--providers names no provider.\n\n${USAGE}`);
      providers = new Set(ids);
    } else throw new Error(`Unknown argument ${argument}.\n\n${USAGE}`);
  }
  if (writeDocs && providers !== undefined && from === undefined) {
    // docs/performance.md shows every provider: a run of some of them would drop the others' figures.
    throw new Error(`--write-docs measures every provider: leave out --providers.\n\n${USAGE}`);
  }
  const rendering = {
    ...(from === undefined ? {} : { from }),
    ...(providers === undefined ? {} : { providers }),
  };
  return quick
    ? {
        mode: 'quick',
        lifecycleRuns: 3,
        coldRuns: 2,
        listRuns: 1,
        cliRuns: 5,
        fleetHosts: 40,
        writeDocs,
        only,
        ...rendering,
      }
    : {
        mode: 'full',
        lifecycleRuns: 15,
        coldRuns: 5,
        listRuns: 5,
        cliRuns: 20,
        fleetHosts: 200,
        writeDocs,
        only,
        ...rendering,
      };
}
