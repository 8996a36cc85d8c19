import { type AnyPluginManifest, filterPlans, type Plan, type PlanQuery } from '@provision/core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { renderTable } from '../output/table.js';
import { parseInteger } from '../parse/numbers.js';
import { formatMemory, parseMemorySize } from '../parse/sizes.js';
import { openProvisioner } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';
import { UsageError } from '../usage-error.js';
import { catalogProviders, checkProviderOrAll } from './catalog-selection.js';
import { addProviderOption, parser } from './common-options.js';
import { type SkippedProvider, selectProviders } from './select-providers.js';

interface PlansOptions {
  readonly provider?: string;
  readonly all?: boolean;
  readonly minCpus?: number;
  readonly minMemory?: number;
  readonly region?: string;
  readonly live?: boolean;
}

/** A plan with the provider that sells it. */
export type ProviderPlan = Plan & { readonly provider: string };

function checkRegion(manifest: AnyPluginManifest, region: string | undefined, single: boolean): void {
  if (region === undefined || !single) return;
  const regions = manifest.catalog.regions;
  if (regions.length > 0 && !regions.some((item) => item.id === region)) {
    throw new UsageError(
      `Unknown ${manifest.displayName} region "${region}".`,
      `Known regions: ${regions.map((item) => item.id).join(', ')}.`,
    );
  }
}

async function livePlans(
  context: CommandContext,
  options: PlansOptions,
  query: PlanQuery,
): Promise<{ plans: ProviderPlan[]; skipped: SkippedProvider[] }> {
  const environment = await context.environment({});
  const { selected, skipped } = await selectProviders(context, {
    provider: options.provider,
    capability: 'plans',
    environment,
    doing: 'list live plans',
  });
  const plans: ProviderPlan[] = [];
  for (const manifest of selected) {
    const provisioner = openProvisioner(manifest, environment, context.logger);
    const found = (await provisioner.plans?.(query, { signal: context.signal })) ?? [];
    // Filtered again: a plugin may ignore part of the query.
    plans.push(...filterPlans(found, query).map((plan) => ({ ...plan, provider: manifest.id })));
  }
  return { plans, skipped };
}

function formatRegions(regions: readonly string[] | undefined): string {
  if (regions === undefined) return 'all';
  return regions.length <= 4 ? regions.join(',') : `${regions.slice(0, 4).join(',')},+${regions.length - 4}`;
}

function renderPlans(plans: readonly ProviderPlan[]): string {
  if (plans.length === 0) return 'No plans match.';
  return renderTable(
    ['provider', 'plan', 'vcpus', 'memory', 'disk', 'monthly', 'hourly', 'regions'],
    plans.map((plan) => [
      plan.provider,
      plan.id,
      plan.cpus,
      formatMemory(plan.memoryMiB),
      plan.diskGB === undefined ? undefined : `${plan.diskGB} GB`,
      `${plan.price.monthly.toFixed(2)} ${plan.price.currency}`,
      plan.price.hourly === undefined ? undefined : `${plan.price.hourly.toFixed(5)} ${plan.price.currency}`,
      formatRegions(plan.regions),
    ]),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
}

/** `provision plans`: plans sorted by monthly price, from the dated catalogs or (`--live`) the clouds. */
export function registerPlansCommand(program: Command, runtime: Runtime): void {
  const command = program
    .command('plans')
    .description(
      'list plans with a public IPv4 by monthly price; from each provider’s dated catalog (no credentials, no request), or --live from the cloud',
    );
  addProviderOption(command, 'only this provider');
  command
    .option('--all', 'every installed provider (the default without --provider)')
    .addOption(
      new Option('--min-cpus <n>', 'at least this many vCPUs').argParser(
        parser((value) => parseInteger(value, 1)),
      ),
    )
    .addOption(
      new Option('--min-memory <size>', 'at least this much memory: 512MiB, 1GiB, 2GB').argParser(
        parser(parseMemorySize),
      ),
    )
    .option('--region <region>', 'only plans sold in this region')
    .option('--live', "ask the clouds (needs credentials) instead of the providers' catalogs");
  command.action(
    wrap<PlansOptions>(runtime, async (context, options) => {
      const query: PlanQuery = {
        ...(options.minCpus === undefined ? {} : { minCpus: options.minCpus }),
        ...(options.minMemory === undefined ? {} : { minMemoryMiB: options.minMemory }),
        ...(options.region === undefined ? {} : { region: options.region }),
      };
      let plans: ProviderPlan[];
      let skipped: SkippedProvider[] = [];
      let catalogs: { provider: string; checkedAt: string; currency: string }[] = [];
      if (options.live) {
        checkProviderOrAll(options);
        ({ plans, skipped } = await livePlans(context, options, query));
      } else {
        const manifests = await catalogProviders(context, options);
        for (const manifest of manifests) checkRegion(manifest, options.region, manifests.length === 1);
        plans = manifests.flatMap((manifest) =>
          filterPlans(manifest.catalog.plans, query).map((plan) => ({ ...plan, provider: manifest.id })),
        );
        catalogs = manifests.map((manifest) => ({
          provider: manifest.id,
          checkedAt: manifest.catalog.checkedAt,
          currency: manifest.catalog.currency,
        }));
      }
      // Prices in different currencies are not converted; they are sorted by amount as listed.
      plans.sort(
        (a, b) =>
          a.price.monthly - b.price.monthly ||
          a.provider.localeCompare(b.provider) ||
          a.cpus - b.cpus ||
          a.memoryMiB - b.memoryMiB ||
          a.id.localeCompare(b.id),
      );
      if (!options.live && context.options.output === 'table' && catalogs.length > 0) {
        const dates = [...new Set(catalogs.map((catalog) => catalog.checkedAt))].sort();
        context.note(
          `prices from the providers' catalogs, checked ${dates.join(', ')}; --live asks the clouds.`,
        );
      }
      context.print({ source: options.live ? 'live' : 'catalog', plans, catalogs, skipped }, () =>
        renderPlans(plans),
      );
    }),
  );
}
