import {
  type AnyPluginManifest,
  DEFAULT_OWNER,
  type HostSpec,
  type PortRule,
  validateHostSpec,
} from '@provision/core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { hostView, renderHost, specMismatchOf } from '../output/hosts.js';
import { parseDuration } from '../parse/duration.js';
import { formatHostReference } from '../parse/host-reference.js';
import { collectPortRule } from '../parse/ports.js';
import { collectTag } from '../parse/tags.js';
import { closestMatch, openProvisioner } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { readUserData } from '../user-data.js';
import {
  addEmulatorOption,
  addProviderOption,
  addWaitOptions,
  parser,
  type WaitOptions,
  waitSettings,
} from './common-options.js';
import { dryRunView, renderDryRun } from './create-dry-run.js';
import { createHost, specMismatchWarning, waitForCreated } from './create-outcome.js';

interface CreateOptions extends WaitOptions {
  readonly provider: string;
  readonly name: string;
  readonly region?: string;
  readonly plan?: string;
  readonly os?: string;
  readonly userData?: string;
  readonly port?: Required<PortRule>[];
  readonly allPorts?: boolean;
  readonly tag?: Record<string, string>;
  readonly owner?: string;
  readonly ttl?: number;
  readonly dryRun?: boolean;
  readonly emulator?: boolean;
}

async function buildSpec(
  context: CommandContext,
  manifest: AnyPluginManifest,
  options: CreateOptions,
): Promise<HostSpec> {
  if (options.port !== undefined && options.allPorts) {
    throw new UsageError('--port and --all-ports cannot be used together.');
  }
  if ((options.port !== undefined || options.allPorts) && !manifest.capabilities.inbound) {
    throw new UsageError(
      `${options.allPorts ? '--all-ports' : '--port'} needs a per-host firewall, and ${manifest.displayName} has none for its hosts.`,
      'Leave out --port and --all-ports: the host gets the cloud default networking (see `provision providers`); filter traffic on the host itself, for example from its user-data.',
    );
  }
  const inbound = options.allPorts ? 'all' : options.port;
  const limit = { maxBytes: manifest.limits.userDataBytes, provider: manifest.displayName };
  const userData =
    options.userData === undefined
      ? undefined
      : await readUserData(options.userData, () => context.io.stdin, limit);
  // Kept out of every output from here on, whatever a cloud's error echoes back.
  if (userData !== undefined) context.redactor.addUserData(userData);
  return {
    name: options.name,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.plan === undefined ? {} : { plan: options.plan }),
    ...(options.os === undefined ? {} : { os: options.os }),
    ...(userData === undefined ? {} : { userData }),
    ...(options.tag === undefined ? {} : { tags: options.tag }),
    ...(inbound === undefined ? {} : { inbound }),
    ...(options.owner === undefined ? {} : { owner: options.owner }),
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
  };
}

/** `provision create`: one host; with `--wait` until it is active; `--dry-run` resolves and sends nothing. */
export function registerCreateCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('create')
    .description('create a host (or return the existing one of that owner and name)');
  addProviderOption(command, 'provider id, e.g. digitalocean (see `provision providers`)', true);
  command
    .requiredOption('--name <name>', 'host name: lowercase letters, digits and -')
    .option('--region <region>', 'region id (default: the provider default; see `provision regions`)')
    .option('--plan <plan>', 'plan id (default: the cheapest with a public IPv4; see `provision plans`)')
    .option('--os <os>', 'operating system id, e.g. ubuntu-24.04 (default: the provider default)')
    .option('--user-data <file>', 'cloud-init user-data file, or - for standard input (never printed)')
    .addOption(
      new Option('--port <port>', 'open this port: 80, 8000-9000, 53/udp (repeatable)').argParser(
        parser(collectPortRule),
      ),
    )
    .option('--all-ports', 'open every TCP and UDP port')
    .addOption(new Option('--tag <key=value>', 'add a tag (repeatable)').argParser(parser(collectTag)))
    .option('--owner <namespace>', 'owner namespace for the name (default: default)')
    .addOption(
      new Option(
        '--ttl <duration>',
        'expire after this long (30m, 2h, 1d); `provision gc` deletes expired hosts',
      ).argParser(parser(parseDuration)),
    )
    .option('--dry-run', 'print the fully resolved host and its price; send nothing');
  addWaitOptions(command, 'the host is active');
  addEmulatorOption(command);
  command.action(
    wrap<CreateOptions>(runtime, async (context, options) => {
      const manifest = await context.requirePlugin(options.provider);
      const spec = await buildSpec(context, manifest, options);
      // Bad input fails here, before any warning, the environment, an emulator or any request.
      const resolved = validateHostSpec(manifest, spec);
      const plans = manifest.catalog.plans.map((plan) => plan.id);
      if (options.plan !== undefined && plans.length > 0 && !plans.includes(options.plan)) {
        // Catalogs are not exhaustive, so the cloud decides; but a typo should not cost a request unnoticed.
        const near = closestMatch(options.plan, plans);
        context.warn(
          `plan "${options.plan}" is not in ${manifest.displayName}'s catalog (checked ${manifest.catalog.checkedAt})${near === undefined ? '' : `; did you mean --plan ${near}?`} The cloud decides; \`provision plans --provider ${manifest.id}\` lists the known ones.`,
        );
      }
      if (options.dryRun) {
        const view = dryRunView(manifest, resolved);
        context.note('dry run: nothing was sent to the cloud.');
        if (view.priceNote !== null) context.note(`no price: ${view.priceNote}.`);
        context.print({ dryRun: true, host: view }, () => renderDryRun(view));
        return;
      }
      const environment = await context.environment({ emulator: options.emulator });
      const provisioner = openProvisioner(manifest, environment, context.logger);
      const target = { name: spec.name, owner: spec.owner ?? DEFAULT_OWNER, provider: manifest.id };
      let host = await createHost(context, provisioner, spec, target);
      const mismatch = specMismatchOf(host);
      if (mismatch.length > 0) context.warn(specMismatchWarning(host, mismatch));
      if (options.wait) {
        host = await waitForCreated(context, provisioner, host, waitSettings(options));
      } else if (host.status !== 'active' && context.options.output === 'table' && !options.emulator) {
        context.note(
          `${host.name} is ${host.status}; \`provision status ${formatHostReference(host.provider, host.id)} --wait\` waits for it.`,
        );
      }
      context.print({ host: hostView(host), specMismatch: mismatch }, () => renderHost(host));
    }),
  );
}
