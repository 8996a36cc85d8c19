// zod's core (what both `zod` and `zod/mini` are built on) parses schemas of either kind.
import { type $ZodType, safeParse } from 'zod/v4/core';
import type { ResponseSchema } from './response-schema.js';

// What a compiled check returns when the value does not conform: zod then reads it again for the issue.
const INVALID: unique symbol = Symbol('invalid');
type Check = (value: unknown) => unknown;

// The kinds of node a response schema is built of, read the way zod reads them; any other node
// (checks, transforms, pipes, defaults, records, unions...) is handed to zod as it is.
interface NodeInternals {
  readonly def: {
    readonly type: string;
    readonly checks?: readonly unknown[];
    readonly coerce?: boolean;
    readonly shape?: Readonly<Record<string, $ZodType>>;
    readonly catchall?: $ZodType;
    readonly element?: $ZodType;
    readonly innerType?: $ZodType;
  };
  readonly traits: ReadonlySet<string>;
  readonly optin?: 'optional' | 'defaulted';
  readonly optout?: 'optional';
}

const compiled = new WeakMap<object, Check>();

/**
 * Checks a parsed answer against `schema` with the result zod's `safeParse` gives: the same output
 * (unknown keys of objects left out, a new object) and, for an answer that does not conform, zod's
 * own error (the answer is then read by zod). The common nodes of a response schema (objects,
 * arrays, strings, numbers, booleans, unknown, optional, nullable) are checked by plain functions
 * built once per schema: on the thousands of items of a large listing zod's general machinery
 * (a payload and an issue list per value) costs several times the check itself.
 */
export function checkAnswer<T>(
  schema: ResponseSchema<T>,
  value: unknown,
):
  | { success: true; data: T }
  | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[] }> } } {
  const checked = checkOf(schema as $ZodType, new Set())(value);
  if (checked !== INVALID) return { success: true, data: checked as T };
  return safeParse(schema, value);
}

function checkOf(schema: $ZodType, compiling: Set<object>): Check {
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  // A schema that refers to itself (a getter in a shape) is left to zod, which handles cycles.
  if (compiling.has(schema)) return byZod(schema);
  compiling.add(schema);
  const check = build(schema, compiling);
  compiling.delete(schema);
  compiled.set(schema, check);
  return check;
}

// zod alone, for a node the plain checks do not model.
function byZod(schema: $ZodType): Check {
  return (value) => {
    const result = safeParse(schema, value);
    return result.success ? result.data : INVALID;
  };
}

function build(schema: $ZodType, compiling: Set<object>): Check {
  const internals = schema._zod as unknown as NodeInternals;
  const { def } = internals;
  // A node that runs more than its parse (checks, refinements) is zod's.
  const runsParseOnly = (schema._zod as { run: unknown }).run === (schema._zod as { parse: unknown }).parse;
  if (!runsParseOnly || (def.checks?.length ?? 0) > 0 || def.coerce === true) return byZod(schema);
  switch (def.type) {
    case 'string':
      return (value) => (typeof value === 'string' ? value : INVALID);
    case 'number':
      // zod refuses NaN and the infinities.
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : INVALID);
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? value : INVALID);
    case 'unknown':
      return (value) => value;
    case 'optional': {
      if (def.innerType === undefined || internals.traits.has('$ZodExactOptional')) break;
      if ((def.innerType._zod as unknown as NodeInternals).optin === 'defaulted') break;
      const inner = checkOf(def.innerType, compiling);
      return (value) => (value === undefined ? value : inner(value));
    }
    case 'nullable': {
      if (def.innerType === undefined) break;
      const inner = checkOf(def.innerType, compiling);
      return (value) => (value === null ? value : inner(value));
    }
    case 'array': {
      if (def.element === undefined) break;
      const element = checkOf(def.element, compiling);
      return (value) => {
        if (!Array.isArray(value)) return INVALID;
        const output = new Array<unknown>(value.length);
        for (let index = 0; index < value.length; index++) {
          const item = element(value[index]);
          if (item === INVALID) return INVALID;
          output[index] = item;
        }
        return output;
      };
    }
    case 'object':
      if (def.catchall !== undefined || def.shape === undefined) break;
      return objectCheck(schema, def.shape, compiling);
  }
  return byZod(schema);
}

// An object that keeps the keys of its shape only (zod's default), read key by key as zod does.
function objectCheck(
  schema: $ZodType,
  shape: Readonly<Record<string, $ZodType>>,
  compiling: Set<object>,
): Check {
  const keys = Object.keys(shape).filter((key) => key !== '__proto__');
  const checks = keys.map((key) => checkOf(shape[key] as $ZodType, compiling));
  const internals = keys.map((key) => (shape[key] as $ZodType)._zod as unknown as NodeInternals);
  // A defaulted field fills in an absent key: left to zod.
  if (internals.some((field) => field.optin === 'defaulted')) return byZod(schema);
  const optionalIn = internals.map((field) => field.optin !== undefined);
  const optionalOut = internals.map((field) => field.optout === 'optional');
  const count = keys.length;
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return INVALID;
    const input = value as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (let index = 0; index < count; index++) {
      const key = keys[index] as string;
      const check = checks[index] as Check;
      const given = input[key];
      if (given !== undefined) {
        // Present (own or inherited, as zod's `in` reads it).
        const result = check(given);
        if (result === INVALID) return INVALID;
        output[key] = result;
        continue;
      }
      // Absent, or present as undefined: zod's rules for a missing key.
      const present = key in input;
      const mayBeAbsent = optionalIn[index] === true && optionalOut[index] === true;
      if (!present && mayBeAbsent) continue;
      const result = check(given);
      if (result === INVALID) return INVALID;
      if (!present && optionalIn[index] !== true) return INVALID;
      if (result !== undefined) output[key] = result;
      else if (present) output[key] = undefined;
    }
    return output;
  };
}
