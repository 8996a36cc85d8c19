import { compareText, type Host, type ListFilter } from '@provision/core';
import { type Command, Option } from 'commander';
import { EXIT_CODES } from '../exit-codes.js';
import { describeFailure } from '../output/errors.js';
import { hostView, renderHostTable } from '../output/hosts.js';
import { collectTag } from '../parse/tags.js';
import { openProvisioner } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { addEmulatorOption, addProviderOption, parser } from './common-options.js';
import { selectProviders } from './select-providers.js';

interface ListOptions {
  readonly provider?: string;
  readonly owner?: string;
  readonly tag?: Record<string, string>;
  readonly region?: string;
  readonly emulator?: boolean;
}

/** `provision list`: managed hosts on one provider, or on every provider whose credentials are set. */
export function registerListCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('list')
    .description('list managed hosts, on one provider or every provider whose credentials are set');
  addProviderOption(command, 'only this provider (default: every one with credentials set)');
  command
    .option('--owner <namespace>', 'only hosts of this owner')
    .addOption(
      new Option('--tag <key=value>', 'only hosts with this tag (repeatable)').argParser(parser(collectTag)),
    )
    .option('--region <region>', 'only hosts in this region');
  addEmulatorOption(command);
  command.action(
    wrap<ListOptions>(runtime, async (context, options) => {
      const environment = await context.environment({ emulator: options.emulator });
      const { selected, skipped } = await selectProviders(context, {
        provider: options.provider,
        capability: 'list',
        environment,
        doing: 'list hosts',
      });
      const filter: ListFilter = {
        ...(options.owner === undefined ? {} : { owner: options.owner }),
        ...(options.tag === undefined ? {} : { tags: options.tag }),
        ...(options.region === undefined ? {} : { region: options.region }),
      };
      const results = await Promise.allSettled(
        selected.map(async (manifest) => {
          const provisioner = openProvisioner(manifest, environment, context.logger);
          return (await provisioner.list?.(filter, { signal: context.signal })) ?? [];
        }),
      );
      const hosts: Host[] = [];
      const failures: { provider: string; code: string; message: string }[] = [];
      for (const [index, result] of results.entries()) {
        const provider = selected[index]?.id ?? '';
        if (result.status === 'fulfilled') {
          hosts.push(...result.value);
          continue;
        }
        // Asked for one provider: its error is the command's error (and its exit code).
        if (options.provider !== undefined) throw result.reason;
        const { code, message } = describeFailure(result.reason);
        failures.push({ provider, code, message });
        context.warn(`listing ${provider} failed: ${message}`);
      }
      hosts.sort(
        (a, b) =>
          compareText(a.provider, b.provider) || compareText(a.owner, b.owner) || compareText(a.name, b.name),
      );
      context.print({ hosts: hosts.map(hostView), skipped, failures }, () =>
        hosts.length === 0 ? 'No managed hosts.' : renderHostTable(hosts),
      );
      if (failures.length > 0) context.exitCode = EXIT_CODES.failure;
    }),
  );
}
