import { InvalidRequestError, UnsupportedError } from '../errors/errors.js';
import type { Operation } from '../errors/provision-error.js';
import type { CallOptions } from '../spec/v1/call-options.js';
import type { HostSpec } from '../spec/v1/host-spec.js';
import { CAPABILITY_METHODS, OPTIONAL_CAPABILITIES, type ProvisionerV1 } from '../spec/v1/provisioner-v1.js';
import { validateHostSpec } from '../validate-host-spec.js';
import { checkListFilter } from './check-list-filter.js';
import { type Logger, silentLogger } from './logger.js';
import type { AnyPluginManifest, PluginManifest, ProvisionerImplementationV1 } from './manifest.js';
import { nonPublicRange } from './non-public-ipv4.js';

/** Options for `createProvisioner`. */
export interface CreateProvisionerOptions {
  /** Where credentials and endpoints are read from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Diagnostics sink. Default: silent. */
  readonly logger?: Logger;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function checkId(provider: string, operation: Operation, id: unknown): string {
  if (typeof id !== 'string' || id.trim().length === 0 || id.length > 1024) {
    throw new InvalidRequestError('A host id is required: the `id` a provision or list call returned.', {
      provider,
      operation,
      field: 'id',
    });
  }
  return id;
}

function parseSettings<Settings>(manifest: PluginManifest<Settings>, settings: unknown): Settings {
  const parsed = manifest.settings.safeParse(settings ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'settings';
  // The issue message is built from the schema, not the value, so it cannot echo a secret.
  throw new InvalidRequestError(
    `Invalid ${manifest.displayName} setting "${field}": ${issue?.message ?? 'unknown problem'}.`,
    {
      provider: manifest.id,
      operation: 'settings',
      field,
    },
  );
}

/**
 * Builds a provisioner from a plugin manifest. Settings are checked now; the implementation
 * (and the cloud's SDK) is imported on the first call that needs it. Every input is validated
 * before that, so bad input never costs a request or an SDK import.
 * @throws InvalidRequestError for invalid settings.
 */
export function createProvisioner<Settings>(
  manifest: PluginManifest<Settings>,
  settings?: Settings,
  options: CreateProvisionerOptions = {},
): ProvisionerV1 {
  const parsed = parseSettings(manifest, settings);
  const provider = manifest.id;
  const context = {
    manifest: manifest as AnyPluginManifest,
    env: options.env ?? process.env,
    logger: options.logger ?? silentLogger,
  };
  let implementation: Promise<ProvisionerImplementationV1> | undefined;
  const load = () => {
    implementation ??= manifest.load().then((module) => module.createProvisioner(parsed, context));
    // A failed import is not cached: the next call tries again.
    implementation.catch(() => {
      implementation = undefined;
    });
    return implementation;
  };

  const provisioner: ProvisionerV1 = {
    specificationVersion: 'v1',
    provider,
    async provision(spec: HostSpec, callOptions?: CallOptions) {
      const resolved = validateHostSpec(manifest, spec);
      return (await load()).provision(resolved, callOptions);
    },
    async status(id: string, callOptions?: CallOptions) {
      checkId(provider, 'status', id);
      return (await load()).status(id, callOptions);
    },
    async delete(ref, callOptions?: CallOptions) {
      const value = ref as { id?: unknown; ip?: unknown } | undefined;
      if (value !== null && typeof value === 'object' && 'ip' in value && 'id' in value) {
        throw new InvalidRequestError('delete() takes either { id } or { ip }, not both.', {
          provider,
          operation: 'delete',
          field: 'ref',
        });
      }
      if (value !== undefined && typeof value === 'object' && 'ip' in value) {
        if (typeof value.ip !== 'string' || !IPV4.test(value.ip)) {
          throw new InvalidRequestError('delete({ ip }) needs a public IPv4 address like 203.0.113.7.', {
            provider,
            operation: 'delete',
            field: 'ip',
          });
        }
        const reserved = nonPublicRange(value.ip);
        if (reserved !== undefined) {
          throw new InvalidRequestError(
            `delete({ ip }) needs a host's public IPv4 address; ${value.ip} is ${reserved}, which no managed host has as its public address.`,
            {
              provider,
              operation: 'delete',
              field: 'ip',
              hint: 'Use the id, or the ipv4 that status() or list() reports.',
            },
          );
        }
        if (!manifest.capabilities.deleteByIp) {
          throw new UnsupportedError(
            `${manifest.displayName} hosts cannot be deleted by IP with this plugin; use the id.`,
            { provider, operation: 'delete' },
          );
        }
        return (await load()).delete({ ip: value.ip }, callOptions);
      }
      const id = checkId(provider, 'delete', value?.id);
      return (await load()).delete({ id }, callOptions);
    },
  };

  for (const capability of OPTIONAL_CAPABILITIES) {
    if (!manifest.capabilities[capability]) continue;
    for (const name of CAPABILITY_METHODS[capability]) {
      const call = async (...args: unknown[]) => {
        if (name === 'start' || name === 'stop' || name === 'reboot' || name === 'inboundRules')
          checkId(provider, name, args[0]);
        if (name === 'list') checkListFilter(manifest, args[0]);
        const impl = await load();
        const method = (impl as Record<string, unknown>)[name] as
          | ((...inner: unknown[]) => Promise<unknown>)
          | undefined;
        if (method === undefined) {
          throw new UnsupportedError(
            `${manifest.displayName} declares ${capability} but its implementation lacks ${name}().`,
            {
              provider,
              operation: capability,
            },
          );
        }
        return method.apply(impl, args);
      };
      (provisioner as unknown as Record<string, unknown>)[name] = call;
    }
  }
  return Object.freeze(provisioner);
}
