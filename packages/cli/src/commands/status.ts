import { HOST_STATUSES, type HostStatus } from '@provision/core';
import { type Command, Option } from 'commander';
import { hostView, renderHost } from '../output/hosts.js';
import { type Runtime, wrap } from '../runtime.js';
import { waitWithProgress } from '../waiting.js';
import {
  addEmulatorOption,
  addProviderOption,
  addWaitOptions,
  type WaitOptions,
  waitSettings,
} from './common-options.js';
import { openHostTarget } from './host-target.js';

interface StatusOptions extends WaitOptions {
  readonly provider?: string;
  readonly until: HostStatus;
  readonly emulator?: boolean;
}

/** `provision status <host>`: the host now, or with `--wait` once it reaches `--until`. */
export function registerStatusCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('status')
    .description('show a host; with --wait, poll until it reaches a status')
    .argument('<host>', 'host as create and list print it: <provider>:<id> (or the bare id with --provider)');
  addProviderOption(command, 'provider of a bare host id');
  command.addOption(
    new Option('--until <status>', 'with --wait: the status to wait for')
      .choices(HOST_STATUSES as string[])
      .default('active'),
  );
  addWaitOptions(command, 'the host reaches --until (default active)');
  addEmulatorOption(command);
  command.action(
    wrap<StatusOptions>(runtime, async (context, options, [host]) => {
      const { reference, provisioner } = await openHostTarget(context, host as string, options);
      let found = await provisioner.status(reference.id, { signal: context.signal });
      if (options.wait && found.status !== options.until) {
        found = await waitWithProgress(context, provisioner, found, options.until, waitSettings(options));
      }
      context.print({ host: hostView(found) }, () => renderHost(found));
    }),
  );
}
