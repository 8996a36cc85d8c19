import {
  type AnyPluginManifest,
  type HostSpec,
  type PortRule,
  type ResolvedHostSpec,
  validateHostSpec,
} from '@provision/core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { formatPrice, hostView, renderHost } from '../output/hosts.js';
import { renderFields } from '../output/table.js';
import { formatDuration, parseDuration } from '../parse/duration.js';
import { formatHostReference } from '../parse/host-reference.js';
import { collectPortRule, formatPortRule } from '../parse/ports.js';
import { collectTag } from '../parse/tags.js';
import { openProvisioner, requirePlugin } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { readUserData } from '../user-data.js';
import { waitWithProgress } from '../waiting.js';
import {
  addEmulatorOption,
  addProviderOption,
  addWaitOptions,
  parser,
  type WaitOptions,
  waitSettings,
} from './common-options.js';

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

async function buildSpec(context: CommandContext, options: CreateOptions): Promise<HostSpec> {
  if (options.port !== undefined && options.allPorts) {
    throw new UsageError('--port and --all-ports cannot be used together.');
  }
  const inbound = options.allPorts ? 'all' : options.port;
  return {
    name: options.name,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.plan === undefined ? {} : { plan: options.plan }),
    ...(options.os === undefined ? {} : { os: options.os }),
    ...(options.userData === undefined
      ? {}
      : { userData: await readUserData(options.userData, context.io.stdin) }),
    ...(options.tag === undefined ? {} : { tags: options.tag }),
    ...(inbound === undefined ? {} : { inbound }),
    ...(options.owner === undefined ? {} : { owner: options.owner }),
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
  };
}

/** The resolved spec as printed by `--dry-run`: the user-data's size, never its text. */
function dryRunView(manifest: AnyPluginManifest, resolved: ResolvedHostSpec) {
  const plan = manifest.catalog.plans.find((item) => item.id === resolved.plan);
  const { userData, ttlMs, ...rest } = resolved;
  return {
    provider: manifest.id,
    ...rest,
    userDataBytes: userData === undefined ? 0 : Buffer.byteLength(userData, 'utf8'),
    ...(ttlMs === undefined ? {} : { ttlMs, expiresAt: new Date(Date.now() + ttlMs) }),
    price: plan?.price,
    catalogCheckedAt: manifest.catalog.checkedAt,
  };
}

function renderDryRun(view: ReturnType<typeof dryRunView>): string {
  const inbound =
    view.inbound === undefined
      ? 'cloud default networking'
      : view.inbound === 'all'
        ? 'all ports'
        : view.inbound.map(formatPortRule).join(', ');
  return renderFields([
    ['provider', view.provider],
    ['name', view.name],
    ['owner', view.owner],
    ['region', view.region],
    ['plan', view.plan],
    ['price', formatPrice(view.price) ?? `not in the catalog (checked ${view.catalogCheckedAt})`],
    ['os', `${view.os} (image ${view.image})`],
    ['inbound', inbound],
    [
      'tags',
      Object.entries(view.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(',') || undefined,
    ],
    ['user-data', view.userDataBytes === 0 ? 'none' : `${view.userDataBytes} bytes`],
    [
      'expires',
      view.ttlMs === undefined
        ? 'never'
        : `in ${formatDuration(view.ttlMs)} (${view.expiresAt?.toISOString()})`,
    ],
  ]);
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
      const discovered = await context.discover();
      const manifest = requirePlugin(discovered, options.provider);
      const spec = await buildSpec(context, options);
      if (options.dryRun) {
        const view = dryRunView(manifest, validateHostSpec(manifest, spec));
        context.note('dry run: nothing was sent to the cloud.');
        context.print({ dryRun: true, host: view }, () => renderDryRun(view));
        return;
      }
      const environment = await context.environment({ emulator: options.emulator });
      const provisioner = openProvisioner(manifest, environment, context.logger);
      let host = await provisioner.provision(spec, { signal: context.signal });
      if (options.wait) {
        host = await waitWithProgress(context, provisioner, host, 'active', waitSettings(options));
      } else if (host.status !== 'active' && context.options.output === 'table' && !options.emulator) {
        context.note(
          `${host.name} is ${host.status}; \`provision status ${formatHostReference(host.provider, host.id)} --wait\` waits for it.`,
        );
      }
      context.print({ host: hostView(host) }, () => renderHost(host));
    }),
  );
}
