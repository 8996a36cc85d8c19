import {
  type CredentialSources,
  definePlugin,
  type PluginCapabilities,
  type PluginLimits,
  type PluginManifest,
} from '@provision/core';
import type { DeclaredCredential } from './declared-credential.js';
import type { ManagedFlatTags } from './managed-flat-tags.js';

/**
 * What a plugin on the REST kit offers unless it says otherwise: every operation the kit's
 * provisioner and a live catalog give (listing, power, plans, regions, the credentials check,
 * delete by IP). `inbound` is false: a cloud firewall is the cloud's own code, claimed explicitly.
 */
export const REST_CAPABILITIES: PluginCapabilities = {
  list: true,
  start: true,
  stop: true,
  reboot: true,
  plans: true,
  regions: true,
  verifyCredentials: true,
  inbound: false,
  deleteByIp: true,
};

/** Printable ASCII without space: the tag keys the flat-tag clouds accept (Equinix Metal, Vultr, Civo, Linode, DigitalOcean). */
export const PRINTABLE_TAG_KEY = /^[\x21-\x7e]+$/;

/** Printable ASCII, space included: their tag values. */
export const PRINTABLE_TAG_VALUE = /^[\x20-\x7e]*$/;

/** `limits.tags` where the patterns default to printable ASCII and the storage to the tags' codec. */
type RestTagLimits = Omit<PluginLimits['tags'], 'keyPattern' | 'valuePattern'> &
  Partial<Pick<PluginLimits['tags'], 'keyPattern' | 'valuePattern'>>;

/** A manifest less what `defineRestPlugin` derives; `capabilities` only where they differ. */
export interface RestPluginDefinition<Settings>
  extends Omit<
    PluginManifest<Settings>,
    | 'specificationVersion'
    | 'packageName'
    | 'secretSettings'
    | 'env'
    | 'hasCredentials'
    | 'credentials'
    | 'capabilities'
    | 'limits'
  > {
  /** Default `@provision/provider-<id>`. */
  readonly packageName?: string | undefined;
  /** Every credential the cloud needs, all of them (see `declareCredential`); the first is `env.required`. */
  readonly credentials: readonly DeclaredCredential[];
  /** Variables read beside the credentials': the endpoint's override first. */
  readonly optionalEnv?: readonly string[] | undefined;
  /** Merged over `REST_CAPABILITIES`. */
  readonly capabilities?: Partial<PluginCapabilities> | undefined;
  /** The cloud's limits; `tags` patterns default to `PRINTABLE_TAG_KEY` and `PRINTABLE_TAG_VALUE`. */
  readonly limits: Omit<PluginLimits, 'tags'> & { readonly tags: RestTagLimits };
  /** The hosts' flat tags: `hostTags` defaults to their `tagMap`, `limits.tags.storage` to their codec's. */
  readonly tags?: ManagedFlatTags | undefined;
}

/** The manifest's declaration of `credentials`: every variable set, or the config files consulted. */
function credentialSources(credentials: readonly DeclaredCredential[]): CredentialSources {
  const files = new Map(
    credentials.flatMap((credential) =>
      credential.file === undefined ? [] : [[JSON.stringify(credential.file.places), credential.file.places]],
    ),
  );
  const set = credentials.map(({ envVars }) => (envVars.length === 1 ? (envVars[0] as string) : envVars));
  return { variables: [{ set }], ...(files.size === 0 ? {} : { consult: { files: [...files.values()] } }) };
}

/**
 * `definePlugin` for a cloud on the REST kit: `specificationVersion`, the package name,
 * `REST_CAPABILITIES`, printable-ASCII tag patterns, `hostTags` and the tag storage
 * from the managed flat tags, and, from the declared credentials, `secretSettings`, `env`,
 * `hasCredentials` (every credential given by a variable or its file) and the `credentials`
 * declaration the CLI reads without importing the plugin. Assumes every credential is needed and
 * each is read as `declareCredential` reads it (Equinix Metal, Vultr, Civo, Linode, DigitalOcean);
 * a cloud with alternative sign-ins (AWS profiles, OpenStack clouds.yaml) writes its manifest whole.
 * @throws TypeError when the manifest is inconsistent (see `definePlugin`).
 */
export function defineRestPlugin<Settings>(
  definition: RestPluginDefinition<Settings>,
): PluginManifest<Settings> {
  const { credentials, optionalEnv = [], capabilities, tags, limits, ...manifest } = definition;
  const [first, ...others] = credentials;
  if (first === undefined) throw new TypeError(`Invalid plugin manifest "${definition.id}": no credentials.`);
  return definePlugin({
    ...manifest,
    specificationVersion: 'v1',
    packageName: definition.packageName ?? `@provision/provider-${definition.id}`,
    secretSettings: credentials
      .filter((credential) => credential.secret !== false)
      .map(({ option }) => option),
    env: { required: first.envVars, optional: [...others.flatMap(({ envVars }) => envVars), ...optionalEnv] },
    hasCredentials: (env) => credentials.every((credential) => credential.isGiven(env)),
    credentials: credentialSources(credentials),
    capabilities: { ...REST_CAPABILITIES, ...capabilities },
    limits: {
      ...limits,
      tags: {
        keyPattern: PRINTABLE_TAG_KEY,
        valuePattern: PRINTABLE_TAG_VALUE,
        ...(tags === undefined ? {} : { storage: tags.codec.storage }),
        ...limits.tags,
      },
    },
    ...(tags === undefined || definition.hostTags !== undefined ? {} : { hostTags: tags.tagMap }),
  });
}
