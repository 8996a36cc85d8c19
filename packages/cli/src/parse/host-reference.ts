import { UsageError } from '../usage-error.js';

/** Which host a command acts on: a provider id and that provider's own host id. */
export interface HostReference {
  readonly provider: string;
  readonly id: string;
}

const PROVIDER_PREFIX = /^([a-z][a-z0-9-]{0,39}):(.+)$/s;

/** The form `create` and `list` print: `<provider>:<id>`, e.g. `digitalocean:12345/<uuid>`. */
export function formatHostReference(provider: string, id: string): string {
  return `${provider}:${id}`;
}

/**
 * Reads a host argument. Accepted: `<provider>:<id>` as `create`/`list` print it, or the
 * provider's bare id together with `--provider <id>`. Host ids may themselves contain `:`, so a
 * prefix counts as a provider only when it is not contradicted by `--provider`.
 * @throws UsageError when the provider cannot be told or the two forms disagree.
 */
export function parseHostReference(text: string, providerOption?: string): HostReference {
  const value = text.trim();
  if (value.length === 0) throw new UsageError('A host id is required.');
  const match = PROVIDER_PREFIX.exec(value);
  if (providerOption !== undefined) {
    if (match?.[1] === providerOption) return { provider: providerOption, id: match[2] as string };
    return { provider: providerOption, id: value };
  }
  if (match === null) {
    throw new UsageError(
      `Cannot tell which provider host "${value}" is on.`,
      'Give the id as create and list print it (<provider>:<id>), or add --provider <id>.',
    );
  }
  return { provider: match[1] as string, id: match[2] as string };
}
