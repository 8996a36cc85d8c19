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

/** A codec for ids made of `parts` joined by `separator` (which no part may contain). */
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
      const present = parts.slice(0, options.parts.length);
      while (present.length > 0 && present[present.length - 1] === undefined) present.pop();
      return present.join(options.separator);
    },
    decode(id, operation) {
      const values = id.split(options.separator);
      const required = options.parts.filter((part) => !part.optional).length;
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
      if (values.length < required || values.length > options.parts.length) fail();
      return options.parts.map((part, index) => {
        const value = values[index];
        if (value === undefined) return undefined;
        if (!part.pattern.test(value)) fail();
        return value;
      });
    },
  };
}
