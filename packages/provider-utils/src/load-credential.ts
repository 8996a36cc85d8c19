import { MissingCredentialsError } from '@provision/core';
import type { CredentialDeclaration } from './declared-credential.js';

/** Where `loadCredential` looks, in order. */
export interface LoadCredentialInput {
  readonly provider: string;
  /** The value given as an option, if any. */
  readonly value: string | undefined;
  /** The option's name, for the error message (e.g. `'token'`). */
  readonly option: string;
  /** Environment variables to try, in order. */
  readonly envVars: readonly string[];
  /** Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Returns what is wrong with a value (never the value itself), or undefined when it is fine. */
  readonly validate?: (value: string) => string | undefined;
  /**
   * The last place tried, read only when the option and every variable are empty: the cloud's
   * own CLI config file (`source` names it in messages, e.g. `'~/.config/equinix/metal.yaml'`).
   */
  readonly file?: { readonly source: string; read(): string | undefined } | undefined;
  /** What the value is, in messages: default `'credential'`; e.g. `'project id'` (read the same way). */
  readonly what?: string | undefined;
  /** Where to find the value, shown when none is given (e.g. the console page that lists it). */
  readonly hint?: string | undefined;
}

/**
 * Reads a credential: the option first, then each environment variable in order, then the file.
 * @throws MissingCredentialsError naming the option and the variables; the value is never echoed.
 */
export function loadCredential(input: LoadCredentialInput): string {
  const env = input.env ?? process.env;
  const what = input.what ?? 'credential';
  const candidates: Array<[string, string | undefined]> = [
    [`the "${input.option}" option`, input.value],
    ...input.envVars.map((name): [string, string | undefined] => [name, env[name]]),
  ];
  const check = (source: string, value: string): string => {
    const problem = input.validate?.(value);
    if (problem === undefined) return value;
    throw new MissingCredentialsError(
      `The ${input.provider} ${what} from ${source} is malformed: ${problem}.`,
      {
        provider: input.provider,
        envVars: input.envVars,
        hint: `Set the "${input.option}" option or ${input.envVars.join(' or ')} to a valid ${input.what ?? 'token'}.`,
      },
    );
  };
  for (const [source, value] of candidates)
    if (value !== undefined && value !== '') return check(source, value);
  // The file only when nothing else gave a value: it is never read (or a bad one reported) otherwise.
  const fromFile = input.file?.read();
  if (input.file !== undefined && fromFile !== undefined && fromFile !== '')
    return check(input.file.source, fromFile);
  throw new MissingCredentialsError(
    `No ${input.provider} ${what}: pass the "${input.option}" option or set ${input.envVars.join(' or ')}${input.file ? ` (or write it in ${input.file.source})` : ''}.`,
    {
      provider: input.provider,
      envVars: input.envVars,
      ...(input.hint === undefined ? {} : { hint: input.hint }),
    },
  );
}

/**
 * A declared credential's value (see `declareCredential`): the setting's `value`, then its
 * variables, then its config file, read and checked as `loadCredential` does.
 */
export function loadDeclaredCredential(
  credential: CredentialDeclaration,
  value: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const file = credential.file;
  return loadCredential({
    ...credential,
    value,
    env,
    file: file && { source: file.places.at(-1) ?? '', read: () => file.read(env) },
  });
}
