import {
  type CallOptions,
  type DeleteResult,
  definePlugin,
  type Orphan,
  type PluginManifest,
  type ProvisionerContext,
} from '@provision/core';
import { createOrphanScanner, type OrphanScanner } from '@provision/provider-utils';
import type { ExampleFirewall } from './example-api.js';
import { examplePlugin } from './example-plugin.js';
import { ExampleProvisioner } from './example-provisioner.js';
import type { ExampleSettings } from './example-settings.js';

/** A host's firewall is named after its identity (`hostIdentity`: 26 base32 letters). */
const IDENTITY_NAME = /^[a-z2-7]{26}$/;

/**
 * The example provisioner with orphans: firewalls named after a host identity that guard no
 * server (their server was removed outside provision). One request: each firewall lists its
 * servers. A firewall made less than `ORPHAN_MIN_AGE_MS` ago (its `created_at`) is never one:
 * `provision()` makes it just before the server. The suite's own tests prove the orphans check
 * with it; `examplePlugin` stays without the capability.
 */
export class ExampleOrphansProvisioner extends ExampleProvisioner {
  /** Whether the scan reads the firewall's `created_at` (a seam for a broken variant). */
  static readsCreationTime = true;
  readonly #scanner: OrphanScanner;

  constructor(settings: ExampleSettings, context: ProvisionerContext) {
    super(settings, context);
    const readsTime = (this.constructor as typeof ExampleOrphansProvisioner).readsCreationTime;
    this.#scanner = createOrphanScanner({
      provider: this.provider,
      kind: 'firewall',
      idPattern: /^fw-\d{1,12}$/,
      list: (_filter, options?: CallOptions) => this.api.allFirewalls('orphans', options?.signal),
      inUse: async (firewalls: readonly ExampleFirewall[]) =>
        new Set(firewalls.filter((firewall) => (firewall.server_ids ?? []).length > 0)),
      describe: (firewall: ExampleFirewall) =>
        IDENTITY_NAME.test(firewall.name) ? { id: firewall.id, name: firewall.name } : undefined,
      remove: async (orphan, options) => {
        await this.api.deleteFirewall(orphan.id, 'orphans', options?.signal);
        return 'deleted';
      },
      ...(readsTime ? { createdAt: (firewall: ExampleFirewall) => firewall.created_at } : {}),
    });
  }

  orphans(filter?: { readonly owner?: string }, options?: CallOptions): Promise<Orphan[]> {
    return this.#scanner.orphans(filter, options);
  }

  deleteOrphan(orphan: Orphan, options?: CallOptions): Promise<DeleteResult> {
    return this.#scanner.deleteOrphan(orphan, options);
  }
}

/** The example plugin declaring `orphans`, served by `Provisioner` (the correct one by default). */
export function exampleOrphansPlugin(
  Provisioner: typeof ExampleOrphansProvisioner = ExampleOrphansProvisioner,
): PluginManifest<ExampleSettings> {
  return definePlugin({
    ...examplePlugin,
    id: 'example-orphans',
    displayName: 'Example Cloud (with orphans)',
    capabilities: { ...examplePlugin.capabilities, orphans: true },
    // orphans: one listing of the firewalls, each naming the servers it guards.
    callBudget: { ...examplePlugin.callBudget, orphans: 1 },
    load: async () => ({
      createProvisioner: (settings: ExampleSettings, context: ProvisionerContext) =>
        new Provisioner(settings, context),
    }),
  });
}
