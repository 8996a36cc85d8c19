import type { AnyPluginManifest, ProvisionerV1 } from '@provision/core';
import type { CommandContext } from '../context.js';
import { type HostReference, parseHostReference } from '../parse/host-reference.js';
import { openProvisioner } from '../providers.js';

/** A host argument resolved to its provider's manifest and a provisioner for it. */
export interface HostTarget {
  readonly reference: HostReference;
  readonly manifest: AnyPluginManifest;
  readonly provisioner: ProvisionerV1;
}

/**
 * Resolves `<provider>:<id>` (or an id with `--provider`) to an installed provider and opens a
 * provisioner for it, on the real cloud or an in-process emulator.
 */
export async function openHostTarget(
  context: CommandContext,
  host: string,
  options: { provider?: string | undefined; emulator?: boolean | undefined },
): Promise<HostTarget> {
  const reference = parseHostReference(host, options.provider);
  const manifest = await context.requirePlugin(reference.provider);
  const environment = await context.environment({ emulator: options.emulator });
  return { reference, manifest, provisioner: openProvisioner(manifest, environment, context.logger) };
}
