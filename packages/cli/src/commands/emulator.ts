import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { parseDuration } from '../parse/duration.js';
import { parseInteger, parseRate } from '../parse/numbers.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { parser } from './common-options.js';

/** Limits by provider, then name, as `startEmulator({ limits })` takes them. */
type Limits = Record<string, Record<string, number>>;

interface EmulatorCommandOptions {
  readonly port: number;
  readonly latency: number;
  readonly faultRate: number;
  readonly seed?: number;
  readonly quiet?: boolean;
  readonly limit?: Limits;
  readonly cloudPorts?: boolean;
  readonly tls?: boolean;
  readonly caFile?: string;
}

/** `digitalocean.droplets=1000`, repeatable: adds to the limits given so far. */
function parseLimit(text: string, previous: Limits | undefined): Limits {
  const match = /^([a-z0-9][a-z0-9-]*)\.([A-Za-z0-9_-]+)=(\d+)$/.exec(text.trim());
  if (match === null)
    throw new UsageError(
      `"${text}" is not a limit.`,
      'Write <provider>.<limit>=<number>, e.g. digitalocean.droplets=1000.',
    );
  const [, provider = '', name = '', value = '0'] = match;
  return { ...previous, [provider]: { ...previous?.[provider], [name]: Number(value) } };
}

/** `0` or a duration. */
function parseLatency(text: string): number {
  return text.trim() === '0' ? 0 : parseDuration(text);
}

// Shell-safe: the values are URLs and the fakes' tokens, but quote anything unusual anyway.
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]*$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function runEmulator(context: CommandContext, options: EmulatorCommandOptions): Promise<void> {
  const { discoverEmulatedClouds, startEmulator } = await import('@provision/emulator');
  const { roots, packages } = await context.discover();
  const discovered = await discoverEmulatedClouds({ from: roots });
  const { skipped } = discovered;
  // The fakes of the providers `provision providers` shows: a test fixture's (a package marked
  // `"fixture": true`) only with PROVISION_SHOW_FIXTURES=1. `--emulator` on a command that names
  // a fixture still serves it.
  const clouds = discovered.clouds.filter((cloud) => packages.has(cloud.provider));
  for (const skip of skipped)
    context.note(`no fake for ${skip.provider} (${skip.packageName}): ${skip.reason}.`);
  const tls = options.tls || options.caFile !== undefined;
  const emulator = await startEmulator({
    clouds,
    port: options.port,
    latencyMs: options.latency,
    faultRate: options.faultRate,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.quiet ? {} : { log: (line: string) => context.io.stderr.write(`${line}\n`) }),
    ...(options.limit === undefined ? {} : { limits: options.limit }),
    ...(options.cloudPorts ? { cloudPorts: true } : {}),
    ...(tls ? { tls: options.caFile === undefined ? true : { caFile: options.caFile } } : {}),
  }).catch((error: unknown) => {
    // Limits and ports are checked against the clouds found: a mistake there is the caller's.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  });
  const trust =
    emulator.caFile === undefined
      ? {}
      : { NODE_EXTRA_CA_CERTS: emulator.caFile, AWS_CA_BUNDLE: emulator.caFile };
  try {
    context.print({ url: emulator.url, endpoints: emulator.endpoints, caFile: emulator.caFile ?? null }, () =>
      [
        `Emulator listening on ${emulator.url} (Ctrl-C to stop). Its hosts live in memory until then.`,
        'The values below are the fakes’ own, not real credentials. In another shell:',
        '',
        ...(emulator.caFile === undefined
          ? []
          : [
              `# trust the emulator's certificate authority (${emulator.caFile})`,
              ...Object.entries(trust).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
            ]),
        ...emulator.endpoints.flatMap((endpoint) => [
          `# ${endpoint.provider}${
            Object.keys(endpoint.limits).length === 0
              ? ''
              : ` (limits: ${Object.entries(endpoint.limits)
                  .map(([name, value]) => `${name}=${value}`)
                  .join(', ')})`
          }`,
          ...Object.entries(endpoint.env).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
        ]),
      ].join('\n'),
    );
    await untilAborted(context.signal);
  } finally {
    await emulator.close();
  }
  context.io.stderr.write('emulator stopped.\n');
}

/** `provision emulator`: serves every installed provider's fake cloud on 127.0.0.1 until Ctrl-C. */
export function registerEmulatorCommand(program: Command, runtime: Runtime): void {
  program
    .command('emulator')
    .description(
      "serve every installed provider's fake cloud on 127.0.0.1 in the foreground, and print the variables that point the providers at it",
    )
    .addOption(
      new Option('--port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)')
        .argParser(parser((value) => parseInteger(value, 0, 65535)))
        .default(4510),
    )
    .addOption(
      new Option('--latency <duration>', 'added to every request, like a real cloud round trip (e.g. 50ms)')
        .argParser(parser(parseLatency))
        .default(0, '0'),
    )
    .addOption(
      new Option('--fault-rate <rate>', 'share of requests answered with a random fault (0.05 = 5%)')
        .argParser(parser(parseRate))
        .default(0),
    )
    .addOption(
      new Option('--seed <n>', 'seed for the faults, to replay a rehearsal').argParser(
        parser((value) => parseInteger(value, 0)),
      ),
    )
    .option('--quiet', 'do not print one line per request on stderr')
    .addOption(
      new Option(
        '--limit <provider.name=value>',
        'set a cloud quota, repeatable (e.g. digitalocean.droplets=25); GET / on the emulator lists each cloud’s limits and defaults',
      ).argParser(parser(parseLimit)),
    )
    .option(
      '--cloud-ports',
      'also serve each cloud at the root of a port of its own (for SDKs that take an API host)',
    )
    .option(
      '--tls',
      'serve HTTPS with a certificate authority made for this run, and print the variables that trust it',
    )
    .option(
      '--ca-file <path>',
      'with --tls (implied): where to write the certificate authority (default: a temporary file)',
    )
    .action(wrap<EmulatorCommandOptions>(runtime, (context, options) => runEmulator(context, options)));
}
