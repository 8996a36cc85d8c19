import type { CallBudget } from '@provision/core';
import type { Machine } from './machine.ts';
import type { SkippedProvider } from './providers.ts';
import type { CallsResult } from './sections/calls.ts';
import type { CliResult } from './sections/cli-startup.ts';
import type { FleetResult } from './sections/fleet.ts';
import type { FootprintResult } from './sections/footprint.ts';
import type { LifecycleResult } from './sections/lifecycle.ts';
import type { ListResult } from './sections/list-thousand.ts';

/** A measurement that threw: the section goes on with the next provider. */
export interface Failed {
  readonly provider?: string;
  readonly error: string;
}

/** Everything one run measured; written as bench/results/<date>-<mode>.json. */
export interface BenchResults {
  readonly schema: 1;
  readonly mode: 'quick' | 'full';
  readonly startedAt: string;
  durationMs: number;
  readonly machine: Machine;
  readonly providers: ReadonlyArray<{
    id: string;
    displayName: string;
    packageName: string;
    version: string;
    callBudget: CallBudget;
  }>;
  readonly skippedProviders: readonly SkippedProvider[];
  /** Installed providers a `--providers` run did not measure (absent when every one was). */
  readonly leftOutProviders?: readonly string[];
  /** The installs ran while the fleet section did (quick run), so their times overlap. */
  footprintDuringFleet?: boolean;
  readonly sections: {
    calls?: Array<CallsResult | Failed>;
    list?: Array<ListResult | Failed>;
    lifecycle?: Array<LifecycleResult | Failed> | Failed;
    cli?: CliResult | Failed;
    fleet?: Array<FleetResult | Failed>;
    footprint?: FootprintResult | Failed;
  };
}

export function isFailed<T>(value: T): value is Extract<T, Failed> {
  return typeof value === 'object' && value !== null && 'error' in value;
}

export function isSkipped<T>(value: T): value is Extract<T, { readonly skipped: string }> {
  return typeof value === 'object' && value !== null && 'skipped' in value;
}

/** An error's first line, for the report (no stack, nothing multi-line). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
