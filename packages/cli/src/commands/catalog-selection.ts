import type { CommandContext } from '../context.js';
import type { CatalogEntry } from '../listings.js';
import { UsageError } from '../usage-error.js';

/**
 * The providers `plans`/`regions` show: the one named by `--provider`, else every installed one
 * (`--all` says so explicitly).
 */
export async function catalogProviders(
  context: CommandContext,
  options: { readonly provider?: string | undefined; readonly all?: boolean | undefined },
): Promise<CatalogEntry[]> {
  checkProviderOrAll(options);
  if (options.provider !== undefined) return [await context.requirePlugin(options.provider)];
  const catalogs = await context.catalogs();
  if (catalogs.length === 0) context.note('no providers are installed (see `provision providers`).');
  return [...catalogs];
}

/** `--provider` and `--all` exclude each other. @throws UsageError when both are given. */
export function checkProviderOrAll(options: {
  readonly provider?: string | undefined;
  readonly all?: boolean | undefined;
}): void {
  if (options.provider !== undefined && options.all) {
    throw new UsageError('Give --provider <id> or --all, not both.');
  }
}
