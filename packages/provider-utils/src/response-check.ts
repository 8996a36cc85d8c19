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

/**
 * Objects a schema's answers have had read by loops before its checks become straight-line code
 * (`generatedObjectCheck`). Generating and compiling that code costs about 0.1 ms per object
 * schema, which a process's first call paid for each of the 4-8 answers it reads once or twice;
 * one loop, compiled once for every object, reads those faster. A listing's first page crosses
 * it, and the pages after it get the generated code.
 */
export const GENERATE_AFTER = 64;

// Objects read by loop checks so far, in every schema (read before and after each answer).
let objectsRead = 0;
const loopRead = new WeakMap<object, number>();
const compiled = { loop: new WeakMap<object, Check>(), generated: new WeakMap<object, Check>() };
type Tier = keyof typeof compiled;

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
  const root = schema as $ZodType;
  const read = loopRead.get(root) ?? 0;
  let checked: unknown;
  if (read < GENERATE_AFTER) {
    const before = objectsRead;
    checked = checkOf(root, new Set(), 'loop')(value);
    loopRead.set(root, read + objectsRead - before);
  } else {
    checked = checkOf(root, new Set(), 'generated')(value);
  }
  if (checked !== INVALID) return { success: true, data: checked as T };
  return safeParse(schema, value);
}

/**
 * Whether `schema`'s answers have moved on to the generated checks (after `GENERATE_AFTER` objects;
 * where code cannot be generated, those are the loops again).
 */
export function usesGeneratedCheck(schema: ResponseSchema<unknown>): boolean {
  return compiled.generated.has(schema);
}

function checkOf(schema: $ZodType, compiling: Set<object>, tier: Tier): Check {
  const known = compiled[tier].get(schema);
  if (known !== undefined) return known;
  // A schema that refers to itself (a getter in a shape) is left to zod, which handles cycles.
  if (compiling.has(schema)) return byZod(schema);
  compiling.add(schema);
  const check = build(schema, compiling, tier);
  compiling.delete(schema);
  compiled[tier].set(schema, check);
  return check;
}

// zod alone, for a node the plain checks do not model.
function byZod(schema: $ZodType): Check {
  return (value) => {
    const result = safeParse(schema, value);
    return result.success ? result.data : INVALID;
  };
}

// A node that runs its parse alone: no checks or refinements after it, no coercion before.
function parsesOnly(schema: $ZodType): boolean {
  const internals = schema._zod as unknown as NodeInternals & { run: unknown; parse: unknown };
  const { def } = internals;
  return internals.run === internals.parse && (def.checks?.length ?? 0) === 0 && def.coerce !== true;
}

function build(schema: $ZodType, compiling: Set<object>, tier: Tier): Check {
  const internals = schema._zod as unknown as NodeInternals;
  const { def } = internals;
  if (!parsesOnly(schema)) return byZod(schema);
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
      const inner = checkOf(def.innerType, compiling, tier);
      return (value) => (value === undefined ? value : inner(value));
    }
    case 'nullable': {
      if (def.innerType === undefined) break;
      const inner = checkOf(def.innerType, compiling, tier);
      return (value) => (value === null ? value : inner(value));
    }
    case 'array': {
      if (def.element === undefined) break;
      const element = checkOf(def.element, compiling, tier);
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
      return objectCheck(schema, def.shape, compiling, tier);
  }
  return byZod(schema);
}

// An object that keeps the keys of its shape only (zod's default), read key by key as zod does.
function objectCheck(
  schema: $ZodType,
  shape: Readonly<Record<string, $ZodType>>,
  compiling: Set<object>,
  tier: Tier,
): Check {
  const keys = Object.keys(shape).filter((key) => key !== '__proto__');
  const checks = keys.map((key) => checkOf(shape[key] as $ZodType, compiling, tier));
  const internals = keys.map((key) => (shape[key] as $ZodType)._zod as unknown as NodeInternals);
  // A defaulted field fills in an absent key: left to zod.
  if (internals.some((field) => field.optin === 'defaulted')) return byZod(schema);
  const optionalIn = internals.map((field) => field.optin !== undefined);
  const optionalOut = internals.map((field) => field.optout === 'optional');
  // A key that reads undefined (absent, or present as undefined): zod's rules for a missing key.
  // False when the object does not conform.
  const missing = (index: number, input: Record<string, unknown>, output: Record<string, unknown>) => {
    const key = keys[index] as string;
    const present = key in input;
    if (!present && optionalIn[index] === true && optionalOut[index] === true) return true;
    const result = (checks[index] as Check)(undefined);
    if (result === INVALID) return false;
    if (!present && optionalIn[index] !== true) return false;
    if (result !== undefined) output[key] = result;
    else if (present) output[key] = undefined;
    return true;
  };
  if (tier === 'loop') return loopObjectCheck(keys, checks, missing);
  return (
    generatedObjectCheck(
      keys,
      keys.map((key) => passCondition(shape[key] as $ZodType)),
      checks,
      missing,
    ) ?? loopObjectCheck(keys, checks, missing)
  );
}

// The object check as one loop over the keys: what `generatedObjectCheck` writes out field by field.
function loopObjectCheck(keys: readonly string[], checks: readonly Check[], missing: Missing): Check {
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return INVALID;
    objectsRead++;
    const record = input as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      const given = record[key];
      if (given !== undefined) {
        const result = (checks[index] as Check)(given);
        if (result === INVALID) return INVALID;
        output[key] = result;
      } else if (!missing(index, record, output)) return INVALID;
    }
    return output;
  };
}

type Missing = (index: number, input: Record<string, unknown>, output: Record<string, unknown>) => boolean;

// The object check as straight-line code, one named read and write per field, primitive checks
// inlined: V8 then keeps one shape for the outputs, where a loop over keys does keyed stores.
// Undefined where code cannot be generated (a process run with code generation disallowed): the
// loop then stays.
function generatedObjectCheck(
  keys: readonly string[],
  conditions: ReadonlyArray<string | undefined>,
  checks: readonly Check[],
  missing: Missing,
): Check | undefined {
  const lines = keys.map((key, index) => {
    const name = JSON.stringify(key);
    const condition = conditions[index];
    const present =
      condition === undefined
        ? `result = checks[${index}](given); if (result === INVALID) return INVALID; output[${name}] = result;`
        : `if (!(${condition})) return INVALID; output[${name}] = given;`;
    return `given = input[${name}];
    if (given !== undefined) { ${present} }
    else if (!missing(${index}, input, output)) return INVALID;`;
  });
  const body = `return function check(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return INVALID;
    const output = {};
    let given;
    let result;
    ${lines.join('\n    ')}
    return output;
  };`;
  try {
    return new Function('checks', 'missing', 'INVALID', body)(checks, missing, INVALID) as Check;
  } catch {
    return undefined;
  }
}

// For a node whose output is its input whenever it conforms (plain values, optional or nullable
// of them): the condition on `given` that it conforms, as code; undefined for any other node.
function passCondition(schema: $ZodType): string | undefined {
  const internals = schema._zod as unknown as NodeInternals;
  const { def } = internals;
  if (!parsesOnly(schema)) return undefined;
  if (def.type === 'string') return `typeof given === 'string'`;
  if (def.type === 'number') return `(typeof given === 'number' && Number.isFinite(given))`;
  if (def.type === 'boolean') return `typeof given === 'boolean'`;
  if (def.type === 'unknown') return 'true';
  if (def.innerType === undefined) return undefined;
  const inner = passCondition(def.innerType);
  if (inner === undefined) return undefined;
  if (def.type === 'nullable') return `(given === null || ${inner})`;
  if (def.type === 'optional' && !internals.traits.has('$ZodExactOptional')) {
    if ((def.innerType._zod as unknown as NodeInternals).optin === 'defaulted') return undefined;
    return `(given === undefined || ${inner})`;
  }
  return undefined;
}
