import type { HostRef } from '@provision/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { renderFields } from '../output/table.js';
import { formatHostReference } from '../parse/host-reference.js';
import { openProvisioner, requirePlugin } from '../providers.js';
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
  const manifest = requirePlugin(await context.discover(), options.provider);
  const environment = await context.environment({ emulator: options.emulator });
  return {
    provisioner: openProvisioner(manifest, environment, context.logger),
    ref: { ip: options.ip as string } as HostRef,
  };
}

function renderOutcome(provider: string, outcome: DeleteOutcome): string {
  return renderFields([
    ['host', outcome.id === undefined ? undefined : formatHostReference(provider, outcome.id)],
    ['done', outcome.done ? 'yes: nothing remains' : 'not yet: run delete again, or use --wait'],
    ['remaining', outcome.remaining?.join(', ') || undefined],
  ]);
}

/** `provision delete`: moves a deletion forward once, or with `--wait` until nothing remains. */
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
      const id = outcome.id ?? ('id' in ref ? ref.id : undefined);
      const result = { ...outcome, ...(id === undefined ? {} : { id }) };
      context.print(
        {
          ...(id === undefined ? {} : { ref: formatHostReference(provisioner.provider, id) }),
          provider: provisioner.provider,
          ...result,
          remaining: result.remaining ?? [],
        },
        () => renderOutcome(provisioner.provider, result),
      );
    }),
  );
}
