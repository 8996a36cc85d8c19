import { compareText } from '../compare-text.js';
import type { AnyPluginManifest } from './manifest.js';

const KEY = Symbol.for('provision.registry.v1');

/** A plugin id that two different packages registered. */
export interface RegistryConflict {
  readonly id: string;
  readonly kept: string;
  readonly rejected: string;
}

interface RegistryState {
  readonly plugins: Map<string, AnyPluginManifest>;
  readonly conflicts: RegistryConflict[];
}

// Kept on globalThis so two copies of @provision/core (say, a CLI and a plugin that bundled its own)
// still see one registry.
function state(): RegistryState {
  const holder = globalThis as unknown as Record<symbol, RegistryState | undefined>;
  holder[KEY] ??= { plugins: new Map(), conflicts: [] };
  return holder[KEY];
}

function origin(manifest: AnyPluginManifest): string {
  return `${manifest.packageName}@${manifest.version}`;
}

/**
 * Adds a plugin to the shared registry. Registering the same package twice is harmless;
 * a second package claiming a taken id is refused and recorded in `registryConflicts()`.
 * @returns whether this manifest is now the registered one.
 */
export function registerPlugin(manifest: AnyPluginManifest): boolean {
  const { plugins, conflicts } = state();
  const existing = plugins.get(manifest.id);
  if (existing === undefined) {
    plugins.set(manifest.id, manifest);
    return true;
  }
  if (existing === manifest || origin(existing) === origin(manifest)) return true;
  conflicts.push({ id: manifest.id, kept: origin(existing), rejected: origin(manifest) });
  return false;
}

/** The registered plugin with this id, if any. */
export function getPlugin(id: string): AnyPluginManifest | undefined {
  return state().plugins.get(id);
}

/** Every registered plugin, sorted by id. */
export function listPlugins(): AnyPluginManifest[] {
  return [...state().plugins.values()].sort((a, b) => compareText(a.id, b.id));
}

/** Ids claimed by more than one package, with which one was kept. */
export function registryConflicts(): readonly RegistryConflict[] {
  return [...state().conflicts];
}

/** Removes a plugin (tests use it to start clean). */
export function unregisterPlugin(id: string): void {
  state().plugins.delete(id);
}
