import { compareText, filterPlans, type Plan, type PlanQuery } from '@provision/core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import type { CatalogEntry } from '../listings.js';
import { priceView } from '../output/prices.js';
import { renderTable } from '../output/table.js';
import { parseInteger, parsePrice } from '../parse/numbers.js';
import { formatMemory, parseMemorySize } from '../parse/sizes.js';
import { closestMatch, openProvisioner } from '../providers.js';
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
  readonly maxPrice?: number;
  readonly live?: boolean;
}

/** A plan with the provider that sells it. */
export type ProviderPlan = Plan & { readonly provider: string };

function knowsRegion(manifest: CatalogEntry, region: string): boolean {
  const regions = manifest.catalog.regions;
  // A catalog without regions cannot say no.
  return regions.length === 0 || regions.some((item) => item.id === region);
}

/**
 * The providers that have `region` (all of them without `--region`).
 * @throws UsageError when none does: an unknown region is a mistake, not "every plan".
 */
function withRegion<Entry extends CatalogEntry>(
  manifests: readonly Entry[],
  region: string | undefined,
): Entry[] {
  if (region === undefined) return [...manifests];
  const having = manifests.filter((manifest) => knowsRegion(manifest, region));
  if (having.length > 0 || manifests.length === 0) return having;
  const known = manifests.flatMap((manifest) => manifest.catalog.regions.map((item) => item.id));
  const near = closestMatch(region, known);
  const single = manifests.length === 1 ? manifests[0] : undefined;
  throw new UsageError(
    single !== undefined
      ? `Unknown ${single.displayName} region "${region}".`
      : `Unknown region "${region}": no installed provider has it.`,
    near !== undefined
      ? `Did you mean --region ${near}? \`provision regions\` lists them.`
      : single !== undefined
        ? `Known regions: ${single.catalog.regions.map((item) => item.id).join(', ')}.`
        : '`provision regions` lists the regions of every installed provider.',
  );
}

/** A plan in its stable JSON shape: every field present, `null` when the catalog does not say. */
function planView(plan: ProviderPlan) {
  return {
    provider: plan.provider,
    id: plan.id,
    cpus: plan.cpus,
    memoryMiB: plan.memoryMiB,
    diskGB: plan.diskGB ?? null,
    architecture: plan.architecture ?? null,
    publicIpv4: plan.publicIpv4,
    price: priceView(plan.price),
    regions: plan.regions ?? null,
  };
}

/**
 * Prices in different currencies are never compared: grouped by currency, cheapest first in each;
 * plans whose price is unknown after every group.
 */
function sortPlans(plans: ProviderPlan[]): ProviderPlan[] {
  return plans.sort(
    (a, b) =>
      compareGroups(a.price.currency, b.price.currency) ||
      (a.price.monthly ?? 0) - (b.price.monthly ?? 0) ||
      compareText(a.provider, b.provider) ||
      a.cpus - b.cpus ||
      a.memoryMiB - b.memoryMiB ||
      compareText(a.id, b.id),
  );
}

/** Currencies by code, `undefined` (no price) last. */
function compareGroups(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return compareText(a, b);
}

/** The currencies of the plans, in their order (plans whose price is unknown have none). */
function currenciesOf(plans: readonly ProviderPlan[]): string[] {
  return [
    ...new Set(plans.flatMap((plan) => (plan.price.currency === undefined ? [] : [plan.price.currency]))),
  ];
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
  for (const manifest of withRegion(selected, query.region)) {
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
  const groups = [...new Set(plans.map((plan) => plan.price.currency))];
  if (groups.length === 1) return renderPlanTable(plans);
  return groups
    .map(
      (currency) =>
        `${currency === undefined ? 'Price unknown' : `Prices in ${currency}`}:\n${renderPlanTable(plans.filter((plan) => plan.price.currency === currency))}`,
    )
    .join('\n\n');
}

function renderPlanTable(plans: readonly ProviderPlan[]): string {
  return renderTable(
    ['provider', 'plan', 'vcpus', 'memory', 'disk', 'monthly', 'hourly', 'regions'],
    plans.map((plan) => [
      plan.provider,
      plan.id,
      plan.cpus,
      formatMemory(plan.memoryMiB),
      plan.diskGB === undefined ? undefined : `${plan.diskGB} GB`,
      plan.price.monthly === undefined
        ? 'price unknown'
        : `${plan.price.monthly.toFixed(2)} ${plan.price.currency}`,
      plan.price.hourly === undefined ? undefined : `${plan.price.hourly.toFixed(5)} ${plan.price.currency}`,
      formatRegions(plan.regions),
    ]),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
}

/** Each provider with a plan of unknown price, and why (the first such plan's reason). */
function unknownPriceReasons(plans: readonly ProviderPlan[]): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const plan of plans)
    if (plan.price.source === 'unknown' && !reasons.has(plan.provider))
      reasons.set(plan.provider, plan.price.reason);
  return reasons;
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
    .addOption(
      new Option(
        '--max-price <amount>',
        "at most this much a month, in each plan's own currency (never converted); leaves out plans of unknown price",
      ).argParser(parser(parsePrice)),
    )
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
      let catalogs: {
        provider: string;
        checkedAt: string;
        currency: string;
        pricedRegions: readonly string[] | null;
      }[] = [];
      if (options.live) {
        checkProviderOrAll(options);
        ({ plans, skipped } = await livePlans(context, options, query));
      } else {
        const manifests = withRegion(await catalogProviders(context, options), options.region);
        plans = manifests.flatMap((manifest) =>
          filterPlans(manifest.catalog.plans, query).map((plan) => ({ ...plan, provider: manifest.id })),
        );
        catalogs = manifests.map((manifest) => ({
          provider: manifest.id,
          checkedAt: manifest.catalog.checkedAt,
          currency: manifest.catalog.currency,
          pricedRegions: manifest.catalog.pricedRegions ?? null,
        }));
        for (const manifest of manifests) {
          const priced = manifest.catalog.pricedRegions;
          if (priced !== undefined && (options.region === undefined || !priced.includes(options.region))) {
            context.note(
              `${manifest.id} prices are those of ${priced.join(', ')}${options.region === undefined ? '' : `; ${options.region} costs differ`}.`,
            );
          }
        }
      }
      const unknownPrices = unknownPriceReasons(plans);
      if (options.maxPrice !== undefined) {
        plans = filterPlans(plans, { maxMonthlyPrice: options.maxPrice });
        for (const [provider, reason] of unknownPrices)
          context.note(`--max-price leaves out the ${provider} plans of unknown price (${reason}).`);
      } else {
        for (const [provider, reason] of unknownPrices)
          context.note(`${provider} plans have no known price (${reason}): they are listed last.`);
      }
      sortPlans(plans);
      const currencies = currenciesOf(plans);
      if (currencies.length > 1 && context.options.output === 'table')
        context.note(`prices in ${currencies.join(' and ')} are listed apart: they are not converted.`);
      if (!options.live && context.options.output === 'table' && catalogs.length > 0) {
        const dates = [...new Set(catalogs.map((catalog) => catalog.checkedAt))].sort();
        context.note(
          `prices from the providers' catalogs, checked ${dates.join(', ')}; --live asks the clouds.`,
        );
      }
      context.print(
        {
          source: options.live ? 'live' : 'catalog',
          currencies,
          plans: plans.map(planView),
          catalogs,
          skipped,
        },
        () => renderPlans(plans),
      );
    }),
  );
}
