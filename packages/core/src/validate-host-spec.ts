import { cheapestPlan } from './cheapest-plan.js';
import { InvalidRequestError, UnsupportedError } from './errors/errors.js';
import { checkId } from './id-rules.js';
import type { AnyPluginManifest } from './plugin/manifest.js';
import type { HostSpec } from './spec/v1/host-spec.js';
import type { PortRule } from './spec/v1/port-rule.js';
import { checkStoredTags } from './stored-tags.js';
import { DEFAULT_OWNER, RESERVED_TAG_PREFIX } from './tags.js';

/** RFC 1123 label, lowercase: what every supported cloud accepts as a host name. */
export const DEFAULT_NAME_RULE = {
  pattern: /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
  maxLength: 63,
  description:
    'lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
} as const;

/** Owner namespaces: lowercase letters, digits and "-", 1-32 characters. */
export const OWNER_PATTERN = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;
const MAX_TTL_MS = 10 * 365 * 24 * 3600_000;

/** A spec with every default filled in and every rule checked. */
export interface ResolvedHostSpec {
  readonly name: string;
  readonly owner: string;
  readonly region: string;
  readonly plan: string;
  /** OS id as given (or the default). */
  readonly os: string;
  /** The cloud's image id for `os`, from the catalog. */
  readonly image: string;
  readonly userData: string | undefined;
  readonly tags: Readonly<Record<string, string>>;
  readonly inbound: 'all' | readonly Required<PortRule>[] | undefined;
  readonly ttlMs: number | undefined;
  readonly options: Readonly<Record<string, unknown>>;
}

function fail(provider: string, field: string, message: string, hint?: string): never {
  throw new InvalidRequestError(message, { provider, operation: 'provision', field, hint });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkInbound(manifest: AnyPluginManifest, inbound: unknown): ResolvedHostSpec['inbound'] {
  const id = manifest.id;
  if (inbound === undefined) return undefined;
  if (!manifest.capabilities.inbound) {
    throw new UnsupportedError(
      `${manifest.displayName} hosts cannot be given inbound rules by this plugin.`,
      {
        provider: id,
        operation: 'provision',
        hint: 'Omit inbound to use the cloud default networking.',
      },
    );
  }
  if (inbound === 'all') return 'all';
  if (!Array.isArray(inbound)) fail(id, 'inbound', 'inbound must be "all" or a list of port rules.');
  if (inbound.length === 0)
    fail(id, 'inbound', 'inbound is an empty list; omit it for the cloud default, or list ports.');
  if (inbound.length > manifest.limits.maxInboundRules) {
    fail(
      id,
      'inbound',
      `inbound has ${inbound.length} rules; ${manifest.displayName} allows at most ${manifest.limits.maxInboundRules}.`,
    );
  }
  const seen = new Set<string>();
  return inbound.map((rule: unknown, index) => {
    const field = `inbound[${index}]`;
    if (!isPlainObject(rule)) fail(id, field, `${field} must be an object { from, to?, protocol? }.`);
    const { from, to = from, protocol = 'tcp', ...rest } = rule as Record<string, unknown>;
    if (Object.keys(rest).length > 0)
      fail(id, field, `${field} has unknown fields: ${Object.keys(rest).join(', ')}.`);
    for (const [key, port] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        fail(id, `${field}.${key}`, `${field}.${key} must be a whole port number from 1 to 65535.`);
      }
    }
    if ((to as number) < (from as number))
      fail(id, `${field}.to`, `${field} ends (${to}) before it starts (${from}).`);
    if (protocol !== 'tcp' && protocol !== 'udp')
      fail(id, `${field}.protocol`, `${field}.protocol must be "tcp" or "udp".`);
    const key = `${from}-${to}/${protocol}`;
    if (seen.has(key)) fail(id, field, `${field} repeats ${key}.`);
    seen.add(key);
    return { from: from as number, to: to as number, protocol };
  });
}

function checkTags(manifest: AnyPluginManifest, tags: unknown): Record<string, string> {
  const id = manifest.id;
  const rules = manifest.limits.tags;
  if (tags === undefined) return {};
  if (!isPlainObject(tags)) fail(id, 'tags', 'tags must be an object of string keys to string values.');
  const entries = Object.entries(tags);
  if (entries.length > rules.maxCount)
    fail(id, 'tags', `${entries.length} tags given; at most ${rules.maxCount} are allowed.`);
  for (const [key, value] of entries) {
    // An own `__proto__` key (from JSON.parse) would set the prototype of the objects it is
    // copied into, and be lost there: refused rather than dropped.
    if (key === '__proto__')
      fail(id, 'tags.__proto__', 'Tag key "__proto__" is not allowed: it cannot be stored as a tag key.');
    if (key.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
      fail(
        id,
        `tags.${key}`,
        `Tag keys starting with "${RESERVED_TAG_PREFIX}" are reserved for provision's own tags.`,
      );
    }
    if (key.length === 0 || key.length > rules.maxKeyLength || !rules.keyPattern.test(key)) {
      fail(
        id,
        `tags.${key}`,
        `Tag key "${key}" is not allowed: at most ${rules.maxKeyLength} characters matching ${rules.keyPattern}.`,
      );
    }
    if (typeof value !== 'string') fail(id, `tags.${key}`, `Tag "${key}" must have a string value.`);
    if (value.length > rules.maxValueLength || !rules.valuePattern.test(value)) {
      fail(
        id,
        `tags.${key}`,
        `The value of tag "${key}" is not allowed: at most ${rules.maxValueLength} characters matching ${rules.valuePattern}.`,
      );
    }
  }
  return tags as Record<string, string>;
}

function defaultPlanFor(manifest: AnyPluginManifest, region: string): string {
  const preferred = manifest.catalog.plans.find((plan) => plan.id === manifest.defaults.plan);
  if (preferred?.regions === undefined || preferred.regions.includes(region)) return manifest.defaults.plan;
  return cheapestPlan(manifest.catalog.plans, { region })?.id ?? manifest.defaults.plan;
}

/**
 * Checks a spec against the generic rules and the plugin's limits and catalog, and fills in the
 * defaults. Region and plan ids follow the plugin's `limits.ids` (after `DEFAULT_ID_RULE`), and
 * every tag the plugin will write is checked as its cloud stores it (`limits.tags.storage`).
 * Sends nothing.
 * @throws InvalidRequestError naming the field at fault; UnsupportedError for an unknown OS or unsupported inbound.
 */
export function validateHostSpec(manifest: AnyPluginManifest, spec: unknown): ResolvedHostSpec {
  const id = manifest.id;
  if (!isPlainObject(spec)) fail(id, 'spec', 'The host spec must be an object with at least a name.');
  const known = new Set([
    'name',
    'region',
    'plan',
    'os',
    'userData',
    'tags',
    'inbound',
    'owner',
    'ttl',
    'options',
  ]);
  const unknown = Object.keys(spec).filter((key) => !known.has(key));
  if (unknown.length > 0)
    fail(id, unknown[0] as string, `Unknown host spec field(s): ${unknown.join(', ')}.`);
  const s = spec as unknown as HostSpec;

  const nameRule = manifest.limits.name ?? DEFAULT_NAME_RULE;
  if (typeof s.name !== 'string' || s.name.length === 0) fail(id, 'name', 'name is required.');
  if (s.name.length > nameRule.maxLength || !nameRule.pattern.test(s.name)) {
    fail(id, 'name', `name "${s.name}" is not allowed: ${nameRule.description}.`);
  }
  const owner = s.owner ?? DEFAULT_OWNER;
  if (typeof owner !== 'string' || !OWNER_PATTERN.test(owner)) {
    fail(id, 'owner', 'owner must be lowercase letters, digits and "-", at most 32 characters.');
  }

  const ids = { provider: id, displayName: manifest.displayName };
  const region = checkId(
    { ...ids, field: 'region', rule: manifest.limits.ids?.region },
    s.region ?? manifest.defaults.region,
  );
  const regions = manifest.catalog.regions;
  if (regions.length > 0 && !regions.some((r) => r.id === region)) {
    fail(
      id,
      'region',
      `Unknown ${manifest.displayName} region "${region}".`,
      `Known regions: ${regions.map((r) => r.id).join(', ')}.`,
    );
  }

  // Without a plan, the default plan if it is sold in the region, else the region's cheapest.
  const plan = checkId(
    { ...ids, field: 'plan', rule: manifest.limits.ids?.plan },
    s.plan ?? defaultPlanFor(manifest, region),
  );

  const os = s.os ?? manifest.defaults.os;
  const image = typeof os === 'string' ? manifest.catalog.images[os] : undefined;
  if (image === undefined) {
    throw new UnsupportedError(`The OS "${String(os)}" is not supported on ${manifest.displayName}.`, {
      provider: id,
      operation: 'provision',
      hint: `Supported: ${Object.keys(manifest.catalog.images).join(', ')}.`,
    });
  }

  if (s.userData !== undefined) {
    if (typeof s.userData !== 'string')
      fail(id, 'userData', 'userData must be a string (a shell script or #cloud-config).');
    const bytes = Buffer.byteLength(s.userData, 'utf8');
    if (bytes > manifest.limits.userDataBytes) {
      fail(
        id,
        'userData',
        `userData is ${bytes} bytes; ${manifest.displayName} accepts at most ${manifest.limits.userDataBytes}.`,
        'Move large files to a download the script fetches.',
      );
    }
    if (s.userData.includes('\0')) fail(id, 'userData', 'userData contains a NUL byte; it must be text.');
    // A lone surrogate has no UTF-8 form: encoding would silently turn it into U+FFFD, so the
    // machine would boot a script other than the one given. (With the `u` flag a surrogate pair
    // reads as one code point, so only an unpaired half matches.) Text with no surrogate at all,
    // told by a plain range, skips the property expression, which V8 builds on its first run.
    if (/[\ud800-\udfff]/.test(s.userData) && /\p{Surrogate}/u.test(s.userData))
      fail(
        id,
        'userData',
        'userData is not valid Unicode text (it holds a lone surrogate); it cannot be sent unchanged.',
      );
  }

  if (
    s.ttl !== undefined &&
    (typeof s.ttl !== 'number' || !Number.isInteger(s.ttl) || s.ttl <= 0 || s.ttl > MAX_TTL_MS)
  ) {
    fail(id, 'ttl', 'ttl must be a positive whole number of milliseconds, at most 10 years.');
  }

  let options: Record<string, unknown> = {};
  if (s.options !== undefined) {
    if (manifest.hostOptions === undefined)
      fail(id, 'options', `${manifest.displayName} takes no host options.`);
    const parsed = manifest.hostOptions.safeParse(s.options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail(
        id,
        `options.${issue?.path.join('.') ?? ''}`,
        `options are invalid: ${issue?.message ?? 'unknown problem'}.`,
      );
    }
    options = parsed.data;
  }

  const resolved: ResolvedHostSpec = {
    name: s.name,
    owner,
    region,
    plan,
    os: os as string,
    image,
    userData: s.userData,
    tags: checkTags(manifest, s.tags),
    inbound: checkInbound(manifest, s.inbound),
    ttlMs: s.ttl,
    options,
  };
  checkStoredTags(manifest, resolved);
  return resolved;
}
