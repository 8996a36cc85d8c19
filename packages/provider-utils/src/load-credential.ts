import { MissingCredentialsError } from '@provision/core';

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
}

/**
 * Reads a credential: the option first, then each environment variable in order.
 * @throws MissingCredentialsError naming the option and the variables; the value is never echoed.
 */
export function loadCredential(input: LoadCredentialInput): string {
  const env = input.env ?? process.env;
  const candidates: Array<[string, string | undefined]> = [
    [`the "${input.option}" option`, input.value],
    ...input.envVars.map((name): [string, string | undefined] => [name, env[name]]),
  ];
  for (const [source, value] of candidates) {
    if (value === undefined || value === '') continue;
    const problem = input.validate?.(value);
    if (problem !== undefined) {
      throw new MissingCredentialsError(
        `The ${input.provider} credential from ${source} is malformed: ${problem}.`,
        {
          provider: input.provider,
          envVars: input.envVars,
          hint: `Set the "${input.option}" option or ${input.envVars.join(' or ')} to a valid token.`,
        },
      );
    }
    return value;
  }
  throw new MissingCredentialsError(
    `No ${input.provider} credential: pass the "${input.option}" option or set ${input.envVars.join(' or ')}.`,
    { provider: input.provider, envVars: input.envVars },
  );
}
