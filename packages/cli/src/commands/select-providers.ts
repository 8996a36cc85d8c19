import type { AnyPluginManifest, OptionalCapability } from '@provision/core';
import type { CommandContext } from '../context.js';
import { credentialState, type ProviderEnvironment, requirePlugin } from '../providers.js';
import { UsageError } from '../usage-error.js';

/** A provider left out of a command over every provider, and why. */
export interface SkippedProvider {
  readonly provider: string;
  readonly reason: string;
}

/**
 * The providers a multi-provider command (`list`, `gc`, `plans --live`) asks: the one named by
 * `--provider`, or every installed one that has the capability and whose credentials are set
 * (with an emulator: every one it serves). The others are skipped with a note on stderr.
 * @throws UsageError when the named provider lacks the capability.
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
  const discovered = await context.discover();
  if (options.provider !== undefined) {
    const manifest = requirePlugin(discovered, options.provider);
    if (manifest.capabilities[options.capability] !== true) {
      throw new UsageError(
        `${manifest.displayName}'s plugin cannot ${options.doing}.`,
        '`provision providers` lists what each provider supports.',
      );
    }
    return { selected: [manifest], skipped: [] };
  }
  const selected: AnyPluginManifest[] = [];
  const skipped: SkippedProvider[] = [];
  for (const manifest of discovered.plugins) {
    const served = options.environment.served;
    const credentials = credentialState(manifest, options.environment.env);
    let reason: string | undefined;
    if (manifest.capabilities[options.capability] !== true) reason = `its plugin cannot ${options.doing}`;
    else if (served !== undefined && !served.includes(manifest.id))
      reason = 'the emulator has no fake for it';
    else if (served === undefined && !credentials.ready)
      reason = `no credentials (set ${credentials.required.map((variable) => variable.name).join(' or ')})`;
    if (reason === undefined) selected.push(manifest);
    else skipped.push({ provider: manifest.id, reason });
  }
  for (const skip of skipped) context.note(`skipping ${skip.provider}: ${skip.reason}.`);
  if (discovered.plugins.length === 0)
    context.note('no providers are installed (see `provision providers`).');
  return { selected, skipped };
}
