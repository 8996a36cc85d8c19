import type { HostStatus } from '@provision/core';
import type { Command } from 'commander';
import { hostView, renderHost } from '../output/hosts.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { waitWithProgress } from '../waiting.js';
import {
  addEmulatorOption,
  addProviderOption,
  addWaitOptions,
  type WaitOptions,
  waitSettings,
} from './common-options.js';
import { openHostTarget } from './host-target.js';

type PowerAction = 'start' | 'stop' | 'reboot';

interface PowerOptions extends WaitOptions {
  readonly provider?: string;
  readonly emulator?: boolean;
}

const ACTIONS: ReadonlyArray<{
  action: PowerAction;
  description: string;
  until: HostStatus;
  /** The status the host leaves, which a cloud may still report just after the call. */
  leaving?: HostStatus;
}> = [
  { action: 'start', description: 'power a stopped host on', until: 'active', leaving: 'stopped' },
  {
    action: 'stop',
    description: 'power a host off (the cloud may still bill it)',
    until: 'stopped',
    leaving: 'active',
  },
  { action: 'reboot', description: 'reboot a host', until: 'active' },
];

/** `provision start|stop|reboot <host>`, for providers that declare the capability. */
export function registerPowerCommands(program: Command, runtime: Runtime): void {
  for (const { action, description, until, leaving } of ACTIONS) {
    const command = program
      .command(action)
      .description(`${description} (providers that support it)`)
      .argument(
        '<host>',
        'host as create and list print it: <provider>:<id> (or the bare id with --provider)',
      );
    addProviderOption(command, 'provider of a bare host id');
    addWaitOptions(command, `the host is ${until}`);
    addEmulatorOption(command);
    command.action(
      wrap<PowerOptions>(runtime, async (context, options, [host]) => {
        const { reference, manifest, provisioner } = await openHostTarget(context, host as string, options);
        const call = provisioner[action];
        if (manifest.capabilities[action] !== true || call === undefined) {
          throw new UsageError(
            `${manifest.displayName} hosts cannot be ${action === 'stop' ? 'stopped' : action === 'start' ? 'started' : 'rebooted'} with this provider plugin.`,
            `\`provision providers\` lists what each provider supports.`,
          );
        }
        let found = await call.call(provisioner, reference.id, { signal: context.signal });
        if (options.wait)
          found = await waitWithProgress(context, provisioner, found, until, waitSettings(options), leaving);
        context.print({ host: hostView(found) }, () => renderHost(found));
      }),
    );
  }
}
