import { type AnyPluginManifest, MissingCredentialsError, type OptionalCapability } from '@provision/core';
import type { CommandContext } from '../context.js';
import { credentialState, type ProviderEnvironment } from '../providers.js';
import { UsageError } from '../usage-error.js';

/** A provider left out of a command over every provider, and why. */
export interface SkippedProvider {
  readonly provider: string;
  readonly reason: string;
}

/**
 * The providers a multi-provider command (`list`, `gc`, `plans --live`) asks: the one named by
 * `--provider`, or every installed one that has the capability and whose own credential discovery
 * finds credentials (with an emulator: every one it serves). The others are skipped with a note.
 * @throws UsageError when the named provider lacks the capability, or when no provider is left to
 *   ask (no credentials anywhere is not "nothing found").
 */
export async function selectProviders(
  context: CommandContext,
  options: {
    readonly provider?: string | undefined;
    readonly capability: OptionalCapability;
    readonly environment: ProviderEnvironment;
    /** What the capability lets the command do, for messages: "list hosts". */
    readonly doing: string;
  },
): Promise<{ selected: AnyPluginManifest[]; skipped: SkippedProvider[] }> {
  if (options.provider !== undefined) {
    const manifest = await context.requirePlugin(options.provider);
    if (manifest.capabilities[options.capability] !== true) {
      throw new UsageError(
        `${manifest.displayName}'s plugin cannot ${options.doing}.`,
        '`provision providers` lists what each provider supports.',
      );
    }
    return { selected: [manifest], skipped: [] };
  }
  const discovered = await context.discover();
  const selected: AnyPluginManifest[] = [];
  const skipped: SkippedProvider[] = [];
  const served = options.environment.served;
  const withoutCredentials: string[] = [];
  const states = await Promise.all(
    discovered.plugins.map((manifest) => credentialState(manifest, options.environment.env)),
  );
  for (const [index, manifest] of discovered.plugins.entries()) {
    const credentials = states[index];
    let reason: string | undefined;
    if (manifest.capabilities[options.capability] !== true) reason = `its plugin cannot ${options.doing}`;
    else if (served !== undefined && !served.includes(manifest.id))
      reason = 'the emulator has no fake for it';
    else if (served === undefined && credentials !== undefined && !credentials.ready) {
      reason = `no credentials (set ${credentials.help})`;
      withoutCredentials.push(`${manifest.id}: ${credentials.help}`);
    }
    if (reason === undefined) selected.push(manifest);
    else skipped.push({ provider: manifest.id, reason });
  }
  if (discovered.plugins.length === 0) {
    throw new UsageError(
      `No providers are installed, so there is nothing to ${options.doing} on.`,
      'Install one next to the CLI, e.g. `npm install -g @provision/provider-digitalocean`; `provision providers` shows what is found.',
    );
  }
  if (selected.length === 0 && withoutCredentials.length > 0) {
    throw new MissingCredentialsError(
      `No credentials were found for any provider, so nothing was asked (${withoutCredentials.join('; ')}).`,
      {
        envVars: discovered.plugins.flatMap((manifest) => manifest.env.required),
        hint: 'Set one provider’s credentials in the environment (or its config files), or name one with --provider to see its own error; add --emulator to try without an account.',
      },
    );
  }
  for (const skip of skipped) context.note(`skipping ${skip.provider}: ${skip.reason}.`);
  return { selected, skipped };
}
