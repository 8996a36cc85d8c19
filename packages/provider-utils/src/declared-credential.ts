import type { CredentialFile } from '@provision/core';
import { homeFile, readTopLevelYaml } from './cli-config-file.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A cloud CLI's config file as a credential's last source: where it is, and how to read the value. */
export interface CredentialConfigFile {
  /** Its places as the manifest's `credentials` declare them, e.g. `['$CIVO_CONFIG', '~/.civo.json']`; the last names it in messages. */
  readonly places: CredentialFile;
  /** The value the file holds for this credential, or undefined (no home, no file, no value). Never logged. */
  read(env: Env): string | undefined;
}

/** One credential of a plugin, declared once for the client, the manifest and `hasCredentials`. */
export interface CredentialDeclaration {
  readonly provider: string;
  /** The setting that holds it, e.g. `'token'`. */
  readonly option: string;
  /** The variables tried after the setting, in order, e.g. `['DIGITALOCEAN_TOKEN', 'DIGITALOCEAN_ACCESS_TOKEN']`. */
  readonly envVars: readonly string[];
  /** What is wrong with a value's form (never the value), or undefined; see `tokenShape`. */
  readonly validate?: ((value: string) => string | undefined) | undefined;
  /** The cloud CLI's config file, read only when the setting and every variable are empty. */
  readonly file?: CredentialConfigFile | undefined;
  /** What it is in messages: default `'credential'` (e.g. `'project id'`). */
  readonly what?: string | undefined;
  /** Where to find it, shown when none is given. */
  readonly hint?: string | undefined;
  /** Whether the setting is a secret, never printed (the manifest's `secretSettings`). Default true. */
  readonly secret?: boolean | undefined;
}

/** A declared credential: its declaration, and whether it is given. */
export interface DeclaredCredential extends CredentialDeclaration {
  /** Whether a variable holds a non-blank value or the file gives one (what `hasCredentials` answers). */
  isGiven(env: Env): boolean;
}

/**
 * Declares a credential once: the client reads it with `loadDeclaredCredential` per request (kept
 * apart, so that a manifest declaring it loads none of the errors), and `defineRestPlugin`
 * derives the manifest's `env`, `secretSettings`, `hasCredentials` and `credentials` from the same
 * declaration, so the places a plugin reads and the places it says it reads cannot drift apart.
 * Assumes a credential is one string from a setting, variables, then at most one config file
 * (Equinix Metal's key and project, Vultr, Civo, Linode, DigitalOcean, Hetzner).
 */
export function declareCredential(declaration: CredentialDeclaration): DeclaredCredential {
  const file = declaration.file;
  return {
    ...declaration,
    isGiven: (env) =>
      declaration.envVars.some((name) => (env[name] ?? '').trim() !== '') ||
      (file?.read(env) ?? '').trim() !== '',
  };
}

/**
 * A `validate` for a token of a known form: white space is reported as such (a stray newline from
 * copying), anything else off `pattern` as `description` says, e.g.
 * `tokenShape(/^[A-Za-z0-9]{64}$/, 'a Hetzner Cloud API token is 64 letters and digits')`.
 */
export function tokenShape(pattern: RegExp, description: string): (value: string) => string | undefined {
  return (value) => {
    if (/\s/.test(value)) return 'it contains white space (a stray newline from copying?)';
    return pattern.test(value) ? undefined : description;
  };
}

/**
 * A config file in the home folder whose top-level `key: value` line holds the credential (see
 * `readTopLevelYaml`): `metal init`'s `~/.config/equinix/metal.yaml` (`token`, `project-id`),
 * vultr-cli's `~/.vultr-cli.yaml` (`api-key`). `place` starts with `~/`.
 */
export function topLevelYamlFile(place: `~/${string}`, key: string): CredentialConfigFile {
  const segments = place.slice(2).split('/');
  return { places: [place], read: (env) => readTopLevelYaml(homeFile(env, ...segments))[key] };
}
