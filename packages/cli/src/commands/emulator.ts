import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { parseDuration } from '../parse/duration.js';
import { parseInteger, parseRate } from '../parse/numbers.js';
import { type Runtime, wrap } from '../runtime.js';
import { parser } from './common-options.js';

interface EmulatorCommandOptions {
  readonly port: number;
  readonly latency: number;
  readonly faultRate: number;
  readonly seed?: number;
  readonly quiet?: boolean;
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
  const { roots } = await context.discover();
  const { clouds, skipped } = await discoverEmulatedClouds({ from: roots });
  for (const skip of skipped)
    context.note(`no fake for ${skip.provider} (${skip.packageName}): ${skip.reason}.`);
  const emulator = await startEmulator({
    clouds,
    port: options.port,
    latencyMs: options.latency,
    faultRate: options.faultRate,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.quiet ? {} : { log: (line: string) => context.io.stderr.write(`${line}\n`) }),
  });
  try {
    context.print({ url: emulator.url, endpoints: emulator.endpoints }, () =>
      [
        `Emulator listening on ${emulator.url} (Ctrl-C to stop). Its hosts live in memory until then.`,
        'The values below are the fakes’ own, not real credentials. In another shell:',
        '',
        ...emulator.endpoints.flatMap((endpoint) => [
          `# ${endpoint.provider}`,
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
    .action(wrap<EmulatorCommandOptions>(runtime, (context, options) => runEmulator(context, options)));
}
