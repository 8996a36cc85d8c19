import { compareText, type Region } from '@provision/core';
import type { Command } from 'commander';
import { renderTable } from '../output/table.js';
import { openProvisioner } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { catalogProviders, checkProviderOrAll } from './catalog-selection.js';
import { addProviderOption } from './common-options.js';
import { type SkippedProvider, selectProviders } from './select-providers.js';

interface RegionsOptions {
  readonly provider?: string;
  readonly all?: boolean;
  readonly live?: boolean;
}

type ProviderRegion = Region & { readonly provider: string };

/** `provision regions`: regions from the dated catalogs, or (`--live`) from the clouds. */
export function registerRegionsCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('regions')
    .description("list regions, from each provider's dated catalog (no credentials, no request), or --live");
  addProviderOption(command, 'only this provider');
  command
    .option('--all', 'every installed provider (the default without --provider)')
    .option('--live', "ask the clouds (needs credentials) instead of the providers' catalogs");
  command.action(
    wrap<RegionsOptions>(runtime, async (context, options) => {
      let regions: ProviderRegion[] = [];
      let skipped: SkippedProvider[] = [];
      if (options.live) {
        checkProviderOrAll(options);
        const environment = await context.environment({});
        let selected: Awaited<ReturnType<typeof selectProviders>>['selected'];
        ({ selected, skipped } = await selectProviders(context, {
          provider: options.provider,
          capability: 'regions',
          environment,
          doing: 'list live regions',
        }));
        for (const manifest of selected) {
          const provisioner = openProvisioner(manifest, environment, context.logger);
          const found = (await provisioner.regions?.({ signal: context.signal })) ?? [];
          regions.push(...found.map((region) => ({ ...region, provider: manifest.id })));
        }
      } else {
        const manifests = await catalogProviders(context, options);
        regions = manifests.flatMap((manifest) =>
          manifest.catalog.regions.map((region) => ({ ...region, provider: manifest.id })),
        );
        // A cloud that names its own regions (OpenStack: each cloud's service catalog) ships none.
        for (const manifest of manifests) {
          if (manifest.catalog.regions.length === 0)
            context.note(
              `${manifest.id}: its catalog lists no regions (the cloud names its own); ask it: provision regions --live --provider ${manifest.id}`,
            );
        }
      }
      regions.sort((a, b) => compareText(a.provider, b.provider) || compareText(a.id, b.id));
      const view = regions.map((region) => ({
        provider: region.provider,
        id: region.id,
        name: region.name,
        available: region.available,
      }));
      context.print({ source: options.live ? 'live' : 'catalog', regions: view, skipped }, () =>
        regions.length === 0
          ? 'No regions.'
          : renderTable(
              ['provider', 'region', 'name', 'available'],
              regions.map((region) => [
                region.provider,
                region.id,
                region.name,
                region.available ? 'yes' : 'no',
              ]),
            ),
      );
    }),
  );
}
