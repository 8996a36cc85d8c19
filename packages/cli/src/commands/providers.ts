import { type AnyPluginManifest, OPTIONAL_CAPABILITIES } from '@provision/core';
import type { Command } from 'commander';
import type { ListedProvider, ListingEntry } from '../listings.js';
import { formatPrice, priceView } from '../output/prices.js';
import { renderFields } from '../output/table.js';
import { type CredentialState, credentialStateOf } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';

/** Capabilities a plugin declares, optional operations first. */
export function capabilityList(manifest: Pick<AnyPluginManifest, 'capabilities'>): string[] {
  const capabilities = manifest.capabilities as Readonly<Record<string, boolean | undefined>>;
  const optional = OPTIONAL_CAPABILITIES.filter((name) => capabilities[name] === true);
  const rest = Object.keys(capabilities)
    .filter((name) => capabilities[name] === true && !optional.includes(name as never))
    .sort();
  return [...optional, ...rest];
}

function describeProvider(provider: ListedProvider, credentials: CredentialState) {
  const manifest: ListingEntry = provider.entry;
  const plan = manifest.catalog.plans.find((item) => item.id === manifest.defaults.plan);
  return {
    id: manifest.id,
    displayName: manifest.displayName,
    package: manifest.packageName,
    version: manifest.version,
    directory: provider.directory ?? null,
    maintainers: manifest.maintainers,
    env: { required: credentials.required, optional: credentials.optional },
    credentialsSet: credentials.ready,
    credentialsHelp: credentials.help,
    capabilities: capabilityList(manifest),
    defaults: {
      region: manifest.defaults.region,
      plan: manifest.defaults.plan,
      os: manifest.defaults.os,
      price: plan === undefined ? null : priceView(plan.price),
    },
    catalog: { checkedAt: manifest.catalog.checkedAt, currency: manifest.catalog.currency },
    // The service's status, a capability the cloud lacks: what to weigh before choosing it.
    notes: [...(manifest.notes ?? [])],
  };
}

function describeCredentials(state: CredentialState): string {
  const mark = (variable: { name: string; set: boolean }) =>
    `${variable.name} (${variable.set ? 'set' : 'not set'})`;
  const found = state.ready ? 'found' : `not found: set ${state.help}`;
  const variables = [...state.required, ...state.optional].map(mark).join(', ');
  return `${found}${variables ? `; variables: ${variables}` : ''}`;
}

function renderProviders(
  providers: ReturnType<typeof describeProvider>[],
  states: CredentialState[],
): string {
  if (providers.length === 0) {
    return 'No providers installed. Install one next to the CLI, e.g. `npm install -g @provision/provider-digitalocean`.';
  }
  return providers
    .map((provider, index) => {
      const price = formatPrice(provider.defaults.price);
      return `${provider.id}  ${provider.displayName}\n${renderFields(
        [
          ['package', `${provider.package}@${provider.version}`],
          ['from', provider.directory ?? undefined],
          ['credentials', describeCredentials(states[index] as CredentialState)],
          ['capabilities', provider.capabilities.join(', ')],
          [
            'defaults',
            `region ${provider.defaults.region}, plan ${provider.defaults.plan}${price ? ` (${price})` : ''}, os ${provider.defaults.os}`,
          ],
          ['catalog', `prices checked ${provider.catalog.checkedAt}`],
          ...provider.notes.map((note, line) => [line === 0 ? 'notes' : '', note] as const),
        ],
        '  ',
      )}`;
    })
    .join('\n\n');
}

/** `provision providers`: what is installed, where from, and what each needs. Loads no implementation. */
export function registerProvidersCommand(program: Command, runtime: Runtime): void {
  program
    .command('providers')
    .description(
      'list installed providers: package and version, credential variables (set or not, never their values), capabilities, defaults, notes (a service status, a missing capability)',
    )
    .action(
      wrap(runtime, async (context) => {
        const listing = await context.listProviders();
        const states = await Promise.all(
          listing.providers.map(async (provider) =>
            credentialStateOf(provider.entry, context.io.env, await provider.hasCredentials(context.io.env)),
          ),
        );
        // After the credential checks: one of them may have had to import a manifest.
        for (const failure of listing.failures) {
          context.warn(
            `${failure.package.packageName}@${failure.package.version} was not loaded: ${failure.reason}`,
          );
        }
        const providers = listing.providers.map((provider, index) =>
          describeProvider(provider, states[index] as CredentialState),
        );
        context.print(
          {
            providers,
            conflicts: listing.conflicts,
            failures: listing.failures.map((failure) => ({
              package: failure.package.packageName,
              version: failure.package.version,
              provider: failure.package.provider,
              reason: failure.reason,
            })),
          },
          () => renderProviders(providers, states),
        );
      }),
    );
}
