import { HOST_STATUSES, type HostStatus } from '@provision/core';
import { type Command, Option } from 'commander';
import { hostView, renderHost } from '../output/hosts.js';
import { formatPorts, portsView } from '../output/ports.js';
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

interface StatusOptions extends WaitOptions {
  readonly provider?: string;
  readonly until: HostStatus;
  readonly emulator?: boolean;
  readonly ports?: boolean;
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
  command.option('--ports', 'also read which ports its firewall lets in (providers that support it)');
  addEmulatorOption(command);
  command.action(
    wrap<StatusOptions>(runtime, async (context, options, [host]) => {
      const { reference, manifest, provisioner } = await openHostTarget(context, host as string, options);
      const inboundRules = provisioner.inboundRules;
      // Refused before any request: the user asked for something this provider cannot tell.
      if (options.ports && (manifest.capabilities.inboundRules !== true || inboundRules === undefined)) {
        throw new UsageError(
          `${manifest.displayName} cannot show which ports a host has open with this provider plugin.`,
          '`provision status` without --ports says whether a per-host firewall guards it (firewalled); `provision providers` lists what each provider supports.',
        );
      }
      let found = await provisioner.status(reference.id, { signal: context.signal });
      if (options.wait && found.status !== options.until) {
        found = await waitWithProgress(context, provisioner, found, options.until, waitSettings(options));
      }
      if (options.ports && inboundRules !== undefined) {
        const ports = await inboundRules.call(provisioner, reference.id, { signal: context.signal });
        context.print({ host: hostView(found), ports: portsView(ports) }, () =>
          renderHost(found, [['ports', formatPorts(ports)]]),
        );
        return;
      }
      context.print({ host: hostView(found) }, () => renderHost(found));
    }),
  );
}
