import { type AnyPluginManifest, type Host, isExpired, type Orphan } from '@provision/core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT_CODES } from '../exit-codes.js';
import { describeFailure } from '../output/errors.js';
import { renderTable } from '../output/table.js';
import { parseDuration } from '../parse/duration.js';
import { formatHostReference } from '../parse/host-reference.js';
import { openProvisioner, type ProviderEnvironment } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { deleteUntilDone, repeatUntilDone, type WaitSettings } from '../waiting.js';
import { addProviderOption, parser } from './common-options.js';
import { selectProviders } from './select-providers.js';

interface GcOptions {
  readonly provider?: string;
  readonly owner?: string;
  readonly all?: boolean;
  readonly dryRun?: boolean;
  readonly timeout: number;
  readonly interval: number;
}

type Action = 'deleted' | 'would delete' | 'failed';

/** One thing gc acted on (or would have). */
interface GcItem {
  readonly action: Action;
  readonly provider: string;
  /** `host`, or the orphan's kind (`firewall`...). */
  readonly kind: string;
  /** The cloud's id of the host or resource. */
  readonly id: string;
  /** For hosts: `<provider>:<id>`, as other commands accept it. */
  readonly ref?: string;
  readonly name: string;
  readonly owner: string | undefined;
  readonly expiresAt?: Date | undefined;
  readonly error?: string;
}

function errorText(error: unknown): string {
  return describeFailure(error).message;
}

async function collectProvider(
  context: CommandContext,
  manifest: AnyPluginManifest,
  environment: ProviderEnvironment,
  options: GcOptions,
): Promise<GcItem[]> {
  const provisioner = openProvisioner(manifest, environment, context.logger);
  const filter = options.owner === undefined ? {} : { owner: options.owner };
  const now = new Date();
  const hosts = (await provisioner.list?.(filter, { signal: context.signal })) ?? [];
  // `--all` (with `--owner`): every host of the owner, the tear-down of everything it made.
  const collected =
    options.all === true
      ? hosts
      : hosts.filter(
          (host): host is Host & { expiresAt: Date } =>
            host.expiresAt !== undefined &&
            isExpired({ name: host.name, owner: host.owner, expiresAt: host.expiresAt }, now),
        );
  const settings: WaitSettings = { timeoutMs: options.timeout, intervalMs: options.interval };

  const hostItems = collected.map(async (host): Promise<GcItem> => {
    const ref = formatHostReference(host.provider, host.id);
    const base = {
      provider: manifest.id,
      kind: 'host',
      id: host.id,
      ref,
      name: host.name,
      owner: host.owner,
      expiresAt: host.expiresAt,
    };
    if (options.dryRun) return { ...base, action: 'would delete' };
    try {
      await deleteUntilDone(
        context,
        provisioner,
        { id: host.id },
        { ...settings, wait: true, label: ref, quiet: true },
      );
      const expiry = host.expiresAt === undefined ? '' : `, expired ${host.expiresAt.toISOString()}`;
      context.io.stderr.write(`deleted ${ref} (${host.owner}/${host.name}${expiry})\n`);
      return { ...base, action: 'deleted' };
    } catch (error) {
      return { ...base, action: 'failed', error: errorText(error) };
    }
  });

  // Optional capability: called only when the provisioner has it.
  const canDeleteOrphans = provisioner.orphans !== undefined && provisioner.deleteOrphan !== undefined;
  const orphans: Orphan[] = canDeleteOrphans
    ? ((await provisioner.orphans?.(filter, { signal: context.signal })) ?? [])
    : [];
  const orphanItems = orphans.map(async (orphan): Promise<GcItem> => {
    const base = {
      provider: manifest.id,
      kind: orphan.kind,
      id: orphan.id,
      name: orphan.name,
      owner: orphan.owner,
    };
    if (options.dryRun) return { ...base, action: 'would delete' };
    try {
      const once = async () => {
        const result = await provisioner.deleteOrphan?.(orphan, { signal: context.signal });
        return result ?? { done: true };
      };
      await repeatUntilDone(context, once, {
        ...settings,
        wait: true,
        label: `${orphan.kind} ${orphan.id}`,
        provider: manifest.id,
        quiet: true,
      });
      context.io.stderr.write(`deleted orphaned ${orphan.kind} ${orphan.id} (${orphan.name})\n`);
      return { ...base, action: 'deleted' };
    } catch (error) {
      return { ...base, action: 'failed', error: errorText(error) };
    }
  });
  return Promise.all([...hostItems, ...orphanItems]);
}

/** One item in its stable JSON shape: every field present, `null` when it does not apply. */
function itemView(item: GcItem) {
  return {
    action: item.action,
    provider: item.provider,
    kind: item.kind,
    id: item.id,
    ref: item.ref ?? null,
    name: item.name,
    owner: item.owner ?? null,
    expiresAt: item.expiresAt ?? null,
    error: item.error ?? null,
  };
}

function renderItems(items: readonly GcItem[], dryRun: boolean): string {
  if (items.length === 0)
    return dryRun ? 'Nothing to collect.' : 'Nothing to collect: no expired hosts, no orphans.';
  return renderTable(
    ['action', 'kind', 'id', 'name', 'owner', 'expires'],
    items.map((item) => [
      item.error === undefined ? item.action : `failed: ${item.error}`,
      item.kind,
      item.ref ?? `${item.provider} ${item.id}`,
      item.name,
      item.owner,
      item.expiresAt?.toISOString(),
    ]),
  );
}

/**
 * `provision gc`: deletes expired managed hosts and orphaned secondary resources; with
 * `--owner <o> --all`, every host of that owner and its orphans (a tear-down by owner).
 */
export function registerGcCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('gc')
    .description(
      'delete managed hosts whose --ttl has passed, and orphaned secondary resources the providers can find',
    );
  addProviderOption(command, 'only this provider (default: every one with credentials set)');
  command
    .option('--owner <namespace>', 'only hosts of this owner')
    .option('--all', 'every host of the --owner, expired or not: a tear-down of all it made')
    .option('--dry-run', 'only print what would be deleted')
    .addOption(
      new Option('--timeout <duration>', 'give up on a deletion after this long')
        .argParser(parser(parseDuration))
        .default(10 * 60_000, '10m'),
    )
    .addOption(
      new Option('--interval <duration>', 'first pause between delete calls')
        .argParser(parser(parseDuration))
        .default(2000, '2s'),
    );
  command.action(
    wrap<GcOptions>(runtime, async (context, options) => {
      if (options.all === true && options.owner === undefined) {
        throw new UsageError(
          '--all deletes every host of one owner, and no --owner was given.',
          'Name the owner: provision gc --owner <namespace> --all (add --dry-run to see what would go).',
        );
      }
      const environment = await context.environment({});
      const { selected, skipped } = await selectProviders(context, {
        provider: options.provider,
        capability: 'list',
        environment,
        doing: 'list hosts',
      });
      const items: GcItem[] = [];
      const failures: { provider: string; code: string; message: string }[] = [];
      const results = await Promise.allSettled(
        selected.map((manifest) => collectProvider(context, manifest, environment, options)),
      );
      for (const [index, result] of results.entries()) {
        const provider = selected[index]?.id ?? '';
        if (result.status === 'fulfilled') items.push(...result.value);
        else if (options.provider !== undefined) throw result.reason;
        else {
          const { code, message } = describeFailure(result.reason);
          failures.push({ provider, code, message });
          context.warn(`gc on ${provider} failed: ${message}`);
        }
      }
      const dryRun = options.dryRun === true;
      context.print(
        {
          dryRun,
          hosts: items.filter((item) => item.kind === 'host').map(itemView),
          orphans: items.filter((item) => item.kind !== 'host').map(itemView),
          skipped,
          failures,
        },
        () => renderItems(items, dryRun),
      );
      if (failures.length > 0 || items.some((item) => item.action === 'failed')) {
        context.exitCode = EXIT_CODES.failure;
      }
    }),
  );
}
