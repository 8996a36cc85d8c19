import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { registerCreateCommand } from './commands/create.js';
import { registerDeleteCommand } from './commands/delete.js';
import { registerEmulatorCommand } from './commands/emulator.js';
import { registerGcCommand } from './commands/gc.js';
import { registerListCommand } from './commands/list.js';
import { registerPlansCommand } from './commands/plans.js';
import { registerPowerCommands } from './commands/power.js';
import { registerProvidersCommand } from './commands/providers.js';
import { registerRegionsCommand } from './commands/regions.js';
import { registerStatusCommand } from './commands/status.js';
import { InterruptedError } from './interrupted-error.js';
import { type CliIo, processIo } from './io.js';
import { reportError } from './output/errors.js';
import { redactedIo } from './output/redacting-stream.js';
import { Redactor } from './output/redactor.js';
import type { Runtime } from './runtime.js';

const HELP_FOOTER = `
Hosts:
  create and list print each host as <provider>:<id> (e.g. digitalocean:12345/<uuid>); status,
  delete, start, stop and reboot take that form, or the bare id with --provider <id>.

Credentials:
  Read from each provider's environment variables (or its own config files), never from the
  command line. \`provision providers\` shows which variables each provider reads and which are set.
  No account? \`provision emulator\` serves fake clouds locally, or add --emulator to a command.

Exit codes:
  0  success
  1  failure (the cloud or the provider failed)
  2  usage error (bad flags or input, unsupported option, missing credentials)
  3  --wait reached its --timeout (the host may still get there)
  130  interrupted (Ctrl-C)

Output:
  --output json prints exactly one JSON document on stdout (on failure: {"error": {...}});
  progress, notes and warnings go to stderr.
`;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

type Register = (program: Command, runtime: Runtime) => void;

/** Every command, in the order `provision --help` lists them, by the name that runs it. */
const COMMANDS: ReadonlyArray<readonly [readonly string[], Register]> = [
  [['providers'], registerProvidersCommand],
  [['create'], registerCreateCommand],
  [['status'], registerStatusCommand],
  [['list'], registerListCommand],
  [['delete'], registerDeleteCommand],
  [['start', 'stop', 'reboot'], registerPowerCommands],
  [['plans'], registerPlansCommand],
  [['regions'], registerRegionsCommand],
  [['gc'], registerGcCommand],
  [['emulator'], registerEmulatorCommand],
];

/** The name of every command, as typed first on the command line. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.flatMap(([names]) => names);

/**
 * The `provision` program, writing to `runtime.io`: with every command, or with `only` the one
 * command (or power command trio) of that name. A run whose first argument names a command needs
 * no other, and defining them all costs each run a few milliseconds.
 */
export function buildProgram(runtime: Runtime, only?: string): Command {
  const { io } = runtime;
  const program = new Command('provision');
  program
    .description(
      'Create the cheapest cloud host with a public IP from cloud-init user-data, on any installed provider.',
    )
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--output <format>', 'table or json').choices(['table', 'json']).default('table'))
    .option('--debug', 'print diagnostics and stack traces on stderr')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Errors are printed by reportError, with a hint and the documented exit code.
      outputError: () => {},
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride()
    .addHelpText('after', HELP_FOOTER);
  const named = COMMANDS.find(([names]) => only !== undefined && names.includes(only));
  for (const [, register] of named === undefined ? COMMANDS : [named]) register(program, runtime);
  return program;
}

function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (argument, index) =>
      argument === '--output=json' || (argument === '--output' && argv[index + 1] === 'json'),
  );
}

/**
 * Runs the CLI once. Ctrl-C and SIGTERM abort the running command (waits stop, an emulator shuts
 * down); a second Ctrl-C exits at once.
 * @param argv as `process.argv`: node, script, then the arguments.
 * @returns the exit code (see `provision --help`).
 */
export async function main(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  // Every byte written goes through the redactor: results, progress, warnings, errors, JSON.
  const redactor = new Redactor();
  redactor.addEnvironmentSecrets(given.env);
  const io = redactedIo(given, redactor);
  // Made when first asked for (creating one loads a part of Node, about 0.3 ms): a listing from
  // the catalogs never is, and a signal before that makes it, aborted.
  let controller: AbortController | undefined;
  const signal = () => {
    controller ??= new AbortController();
    return controller.signal;
  };
  const onSignal = () => {
    removeHandlers();
    signal();
    controller?.abort(new InterruptedError());
  };
  const removeHandlers = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  // Listening for a signal loads a part of Node (about 5 ms); help and usage errors need none.
  const addHandlers = () => {
    if (process.listeners('SIGINT').includes(onSignal)) return;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  };
  const runtime: Runtime = {
    io,
    get signal() {
      return signal();
    },
    redactor,
    current: undefined,
  };
  try {
    // Only when the command comes first: `provision --output json plans` is parsed with them all.
    await buildProgram(runtime, argv[2])
      .hook('preAction', addHandlers)
      .parseAsync([...argv]);
    return runtime.current?.exitCode ?? 0;
  } catch (error) {
    return reportError(io, error, {
      json: runtime.current?.options.output === 'json' || wantsJson(argv),
      debug: runtime.current?.options.debug ?? argv.includes('--debug'),
      notes: runtime.current?.errorNotes ?? [],
      credentialsHelp: (provider) => runtime.current?.credentialsHelp(provider),
    });
  } finally {
    removeHandlers();
  }
}
