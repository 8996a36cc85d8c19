import { InvalidRequestError, type Operation } from '@provision/core';

/** One part of a composite id. */
export interface IdPart {
  readonly name: string;
  readonly pattern: RegExp;
  /** Optional parts may only come last. */
  readonly optional?: boolean;
}

/** Encodes and checks composite host ids such as `12345/fw-uuid` or `us-east-1/i-0abc`. */
export interface IdCodec {
  encode(parts: ReadonlyArray<string | undefined>): string;
  /** @throws InvalidRequestError (before any request) when the id does not have the expected form. */
  decode(id: string, operation: Operation): Array<string | undefined>;
}

/**
 * A codec for ids made of `parts` joined by `separator` (which no part may contain). Required
 * parts come first; optional parts may each be absent, so their patterns must tell them apart
 * (an absent optional part is skipped when the next value does not match it).
 */
export function createIdCodec(options: {
  provider: string;
  separator: string;
  parts: readonly IdPart[];
}): IdCodec {
  const shape = options.parts
    .map((part) => (part.optional ? `[${part.name}]` : part.name))
    .join(options.separator);
  return {
    encode(parts) {
      return parts.filter((part): part is string => part !== undefined).join(options.separator);
    },
    decode(id, operation) {
      const fail = (): never => {
        throw new InvalidRequestError(
          `"${id.slice(0, 80)}" is not a ${options.provider} host id (expected ${shape}).`,
          {
            provider: options.provider,
            operation,
            field: 'id',
            hint: 'Use the id that provision() or list() returned.',
          },
        );
      };
      const values = id.split(options.separator);
      const result: Array<string | undefined> = [];
      let next = 0;
      for (const part of options.parts) {
        const value = values[next];
        if (value !== undefined && part.pattern.test(value)) {
          result.push(value);
          next++;
        } else if (part.optional) {
          result.push(undefined);
        } else {
          fail();
        }
      }
      if (next !== values.length) fail();
      return result;
    },
  };
}
