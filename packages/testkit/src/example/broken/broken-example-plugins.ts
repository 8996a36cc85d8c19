import { definePlugin, type PluginImplementation, type PluginManifest } from '@provision/core';
import { examplePlugin } from '../example-plugin.js';
import type { ExampleSettings } from '../example-settings.js';

/** The ways the broken example plugins are broken, one defect each. */
export type BrokenExampleVariant = 'blocking' | 'leaksFirewall' | 'duplicates' | 'leaksToken' | 'overBudget';

function broken(
  id: string,
  defect: string,
  load: () => Promise<PluginImplementation<ExampleSettings>>,
): PluginManifest<ExampleSettings> {
  return definePlugin({
    ...examplePlugin,
    id: `example-${id}`,
    displayName: `Example Cloud (broken: ${defect})`,
    load,
  });
}

/**
 * Copies of the example plugin that each break one rule of the contract, to prove the contract
 * suite catches it. Never use them for anything else.
 */
export const brokenExamplePlugins: Readonly<Record<BrokenExampleVariant, PluginManifest<ExampleSettings>>> =
  Object.freeze({
    blocking: broken('blocking', 'provision waits until active', () => import('./blocking-provisioner.js')),
    leaksFirewall: broken(
      'leaks-firewall',
      'delete leaves the firewall',
      () => import('./leaks-firewall-provisioner.js'),
    ),
    duplicates: broken(
      'duplicates',
      'provision never looks up the name',
      () => import('./duplicates-provisioner.js'),
    ),
    leaksToken: broken(
      'leaks-token',
      'an error carries the token',
      () => import('./leaks-token-provisioner.js'),
    ),
    overBudget: broken(
      'over-budget',
      'status sends an extra request',
      () => import('./over-budget-provisioner.js'),
    ),
  });
