import { type AnyPluginManifest, OPTIONAL_CAPABILITIES } from '@provision/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { formatPrice } from '../output/hosts.js';
import { renderFields } from '../output/table.js';
import { type CredentialState, credentialState, type Discovered } from '../providers.js';
import { type Runtime, wrap } from '../runtime.js';

/** Capabilities a plugin declares, optional operations first. */
export function capabilityList(manifest: AnyPluginManifest): string[] {
  const capabilities = manifest.capabilities as Readonly<Record<string, boolean | undefined>>;
  const optional = OPTIONAL_CAPABILITIES.filter((name) => capabilities[name] === true);
  const rest = Object.keys(capabilities)
    .filter((name) => capabilities[name] === true && !optional.includes(name as never))
    .sort();
  return [...optional, ...rest];
}

function describeProvider(
  manifest: AnyPluginManifest,
  discovered: Discovered,
  env: CommandContext['io']['env'],
) {
  const plan = manifest.catalog.plans.find((item) => item.id === manifest.defaults.plan);
  const credentials = credentialState(manifest, env);
  return {
    id: manifest.id,
    displayName: manifest.displayName,
    package: manifest.packageName,
    version: manifest.version,
    directory: discovered.packages.get(manifest.id)?.directory,
    maintainers: manifest.maintainers,
    env: { required: credentials.required, optional: credentials.optional },
    credentialsSet: credentials.ready,
    capabilities: capabilityList(manifest),
    defaults: {
      region: manifest.defaults.region,
      plan: manifest.defaults.plan,
      os: manifest.defaults.os,
      ...(plan === undefined ? {} : { price: plan.price }),
    },
    catalog: { checkedAt: manifest.catalog.checkedAt, currency: manifest.catalog.currency },
  };
}

function describeCredentials(state: CredentialState): string {
  const mark = (variable: { name: string; set: boolean }) =>
    `${variable.name} (${variable.set ? 'set' : 'not set'})`;
  const required =
    state.required.length === 0 ? 'found by the provider itself' : state.required.map(mark).join(' or ');
  const optional = state.optional.length === 0 ? '' : `; optional: ${state.optional.map(mark).join(', ')}`;
  return `${required}${optional}`;
}

function renderProviders(
  providers: ReturnType<typeof describeProvider>[],
  env: CommandContext['io']['env'],
  plugins: readonly AnyPluginManifest[],
): string {
  if (providers.length === 0) {
    return 'No providers installed. Install one next to the CLI, e.g. `npm install -g @provision/provider-digitalocean`.';
  }
  return providers
    .map((provider, index) => {
      const manifest = plugins[index] as AnyPluginManifest;
      const price = formatPrice(provider.defaults.price);
      return `${provider.id}  ${provider.displayName}\n${renderFields(
        [
          ['package', `${provider.package}@${provider.version}`],
          ['from', provider.directory],
          ['credentials', describeCredentials(credentialState(manifest, env))],
          ['capabilities', provider.capabilities.join(', ')],
          [
            'defaults',
            `region ${provider.defaults.region}, plan ${provider.defaults.plan}${price ? ` (${price})` : ''}, os ${provider.defaults.os}`,
          ],
          ['catalog', `prices checked ${provider.catalog.checkedAt}`],
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
      'list installed providers: package and version, credential variables (set or not, never their values), capabilities, defaults',
    )
    .action(
      wrap(runtime, async (context) => {
        const discovered = await context.discover();
        for (const failure of discovered.failures) {
          context.warn(
            `${failure.package.packageName}@${failure.package.version} was not loaded: ${failure.reason}`,
          );
        }
        const providers = discovered.plugins.map((manifest) =>
          describeProvider(manifest, discovered, context.io.env),
        );
        context.print(
          {
            providers,
            conflicts: discovered.conflicts,
            failures: discovered.failures.map((failure) => ({
              package: failure.package.packageName,
              version: failure.package.version,
              provider: failure.package.provider,
              reason: failure.reason,
            })),
          },
          () => renderProviders(providers, context.io.env, discovered.plugins),
        );
      }),
    );
}
