import type { HostRef } from '@provision/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { renderFields } from '../output/table.js';
import { formatHostReference } from '../parse/host-reference.js';
import { openProvisioner } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { type DeleteOutcome, deleteUntilDone } from '../waiting.js';
import {
  addEmulatorOption,
  addProviderOption,
  addWaitOptions,
  type WaitOptions,
  waitSettings,
} from './common-options.js';
import { openHostTarget } from './host-target.js';

interface DeleteOptions extends WaitOptions {
  readonly provider?: string;
  readonly ip?: string;
  readonly emulator?: boolean;
}

async function resolveTarget(context: CommandContext, host: string | undefined, options: DeleteOptions) {
  if ((host === undefined) === (options.ip === undefined)) {
    throw new UsageError('Give either a host or --ip <address>, not both and not neither.');
  }
  if (host !== undefined) {
    const target = await openHostTarget(context, host, options);
    return { provisioner: target.provisioner, ref: { id: target.reference.id } as HostRef };
  }
  if (options.provider === undefined) {
    throw new UsageError('--ip needs --provider: an address alone does not say which cloud to ask.');
  }
  const manifest = await context.requirePlugin(options.provider);
  const environment = await context.environment({ emulator: options.emulator });
  return {
    provisioner: openProvisioner(manifest, environment, context.logger),
    ref: { ip: options.ip as string } as HostRef,
  };
}

function renderOutcome(provider: string, target: string, outcome: DeleteOutcome): string {
  if (outcome.found === false) {
    return renderFields([
      ['host', target],
      ['found', 'no: nothing with that id or address exists (mistyped, or deleted before)'],
      ['done', 'yes: nothing to delete'],
    ]);
  }
  return renderFields([
    ['host', outcome.id === undefined ? target : formatHostReference(provider, outcome.id)],
    ...(outcome.found === undefined ? [] : [['found', 'yes'] as const]),
    ['done', outcome.done ? 'yes: nothing remains' : 'not yet: run delete again, or use --wait'],
    ['remaining', outcome.remaining?.join(', ') || undefined],
  ]);
}

/** The `delete` result in its stable JSON shape (see the README). */
function deletionView(provider: string, target: HostRef, outcome: DeleteOutcome) {
  const id = outcome.id ?? ('id' in target ? target.id : undefined);
  return {
    ref: id === undefined ? null : formatHostReference(provider, id),
    provider,
    id: id ?? null,
    ip: 'ip' in target ? target.ip : null,
    found: outcome.found ?? null,
    done: outcome.done,
    remaining: outcome.remaining ?? [],
    calls: outcome.calls,
  };
}

/**
 * `provision delete`: moves a deletion forward once, or with `--wait` until nothing remains.
 * Nothing found with that id or address is a warning and exit code 0: the deletion has converged
 * (there is nothing to delete), and scripts that repeat a delete must not fail the second time.
 */
export function registerDeleteCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('delete')
    .description(
      'delete a host and everything created with it; deletion converges over calls: without --wait one call, reporting what remains',
    )
    .argument('[host]', 'host as create and list print it: <provider>:<id> (or the bare id with --provider)')
    .option('--ip <address>', 'delete the managed host with this public IPv4 (needs --provider)');
  addProviderOption(command, 'provider of a bare host id or of --ip');
  addWaitOptions(command, 'nothing remains (host, firewall, addresses)');
  addEmulatorOption(command);
  command.action(
    wrap<DeleteOptions>(runtime, async (context, options, [host]) => {
      const { provisioner, ref } = await resolveTarget(context, host, options);
      const label = 'id' in ref ? formatHostReference(provisioner.provider, ref.id) : `host at ${ref.ip}`;
      const outcome = await deleteUntilDone(context, provisioner, ref, {
        ...waitSettings(options),
        wait: options.wait === true,
        label,
      });
      if (outcome.found === false) {
        context.warn(
          `nothing was found to delete at ${label}: no host with that ${'id' in ref ? 'id' : 'address'} exists (mistyped, or deleted before). \`provision list --provider ${provisioner.provider}\` shows the hosts that exist.`,
        );
      }
      context.print({ deletion: deletionView(provisioner.provider, ref, outcome) }, () =>
        renderOutcome(provisioner.provider, label, outcome),
      );
    }),
  );
}
