import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { type $ZodType, safeParse } from 'zod/v4/core';
import { checkAnswer, GENERATE_AFTER, usesGeneratedCheck } from './response-check.js';

// Each schema with answers that conform and answers that do not, in zod/mini (as providers write
// them) and classic zod; checkAnswer must give exactly what zod's safeParse gives.
const server = {
  id: 7,
  name: 'web-1',
  status: 'running',
  ipv4: ['203.0.113.7'],
  tags: ['provision-name=web-1', 'team=a'],
  image: null,
  extra: { nested: true },
};
const page = { data: [server, { ...server, id: 8, name: 'web-2', ipv4: [] }], page: 1, pages: 3 };

const miniServer = zm.object({
  id: zm.number(),
  name: zm.string(),
  status: zm.string(),
  ipv4: zm.nullish(zm.array(zm.string())),
  tags: zm.nullish(zm.array(zm.string())),
  image: zm.nullish(zm.string()),
  region: zm.optional(zm.string()),
  locked: zm.nullable(zm.boolean()),
  meta: zm.nullish(zm.unknown()),
});
const classicServer = z.object({
  id: z.number(),
  name: z.string(),
  status: z.string(),
  ipv4: z.array(z.string()).nullish(),
  tags: z.array(z.string()).nullish(),
  image: z.string().nullish(),
  region: z.string().optional(),
  locked: z.boolean().nullable(),
  meta: z.unknown().nullish(),
});

const answers: ReadonlyArray<readonly [string, unknown]> = [
  ['a whole page', { ...page, data: page.data.map((item) => ({ ...item, locked: false })) }],
  ['a required field missing', { ...page, data: [{ ...server, locked: null, name: undefined }] }],
  ['a nullable field absent', { ...page, data: [server] }],
  ['a string where a number belongs', { ...page, data: [{ ...server, locked: true, id: '7' }] }],
  ['NaN as a number', { ...page, data: [{ ...server, locked: true, id: Number.NaN }] }],
  ['an infinite number', { ...page, pages: Number.POSITIVE_INFINITY, data: [] }],
  ['a wrong item in an array', { ...page, data: [{ ...server, locked: true, tags: ['a', 3] }] }],
  ['an object where an array belongs', { ...page, data: { 0: server } }],
  ['an array where an object belongs', [page]],
  ['null at the root', null],
  ['a string at the root', 'ok'],
  ['an empty page', { data: [], page: 2, pages: 2 }],
  [
    'an optional field present',
    { data: [{ ...server, locked: null, region: 'fra1', meta: { any: 1 } }], page: 1, pages: 1 },
  ],
  [
    'an optional field of the wrong type',
    { data: [{ ...server, locked: null, region: 5 }], page: 1, pages: 1 },
  ],
];

// Built anew for each test: a schema's checks change once it has read GENERATE_AFTER objects.
const schemas: ReadonlyArray<readonly [string, () => $ZodType]> = [
  ['zod/mini', () => zm.object({ data: zm.array(miniServer), page: zm.number(), pages: zm.number() })],
  ['zod', () => z.object({ data: z.array(classicServer), page: z.number(), pages: z.number() })],
  [
    'zod/mini with checks and a transform',
    () =>
      zm.object({
        data: zm.array(
          zm.object({
            id: zm.number(),
            name: zm.string().check(zm.minLength(3)),
            tags: zm.nullish(zm.array(zm.string())),
          }),
        ),
        page: zm.pipe(
          zm.number(),
          zm.transform((value) => value * 10),
        ),
        pages: zm.number(),
      }),
  ],
  [
    'zod/mini with a union and a loose object',
    () =>
      zm.object({
        data: zm.array(zm.looseObject({ id: zm.union([zm.number(), zm.string()]) })),
        pages: zm.number(),
      }),
  ],
];

function expectSafeParse(schema: $ZodType, answer: unknown) {
  const expected = safeParse(schema, answer);
  const checked = checkAnswer(schema, answer);
  expect(checked.success).toBe(expected.success);
  if (expected.success) expect(checked.success && checked.data).toStrictEqual(expected.data);
  else expect(!checked.success && checked.error.issues).toStrictEqual(expected.error.issues);
}

// A page every schema above accepts, of more objects than GENERATE_AFTER.
const bigPage = {
  data: Array.from({ length: GENERATE_AFTER }, (_, index) => ({ ...server, id: index, locked: false })),
  page: 1,
  pages: 1,
};

describe.each(schemas)('checkAnswer with a %s schema', (_kind, build) => {
  it.each(answers)('gives what safeParse gives for %s, read by loops', (_what, answer) => {
    const schema = build();
    expectSafeParse(schema, answer);
    expect(usesGeneratedCheck(schema)).toBe(false);
  });

  it.each(answers)('gives what safeParse gives for %s, read by generated code', (_what, answer) => {
    const schema = build();
    // A schema whose items zod reads (a loose object) counts only its root: more calls then.
    for (let call = 0; call <= GENERATE_AFTER && !usesGeneratedCheck(schema); call++)
      expectSafeParse(schema, bigPage);
    expectSafeParse(schema, answer);
    expect(usesGeneratedCheck(schema)).toBe(true);
  });
});

describe('checkAnswer', () => {
  it('answers a new object without the fields the schema does not name', () => {
    const schema = zm.object({ data: zm.array(miniServer), page: zm.number(), pages: zm.number() });
    const answer = { ...page, data: [{ ...server, locked: false }] };
    const checked = checkAnswer(schema, answer);
    expect(checked.success).toBe(true);
    const data = checked.success ? checked.data : undefined;
    expect(data?.data[0]).not.toBe(answer.data[0]);
    expect(data?.data[0]).not.toHaveProperty('extra');
    const { extra: _extra, ...named } = server;
    expect(data?.data[0]).toStrictEqual({ ...named, locked: false });
  });

  it('refuses a malformed item with the path zod names', () => {
    const schema = zm.object({ data: zm.array(miniServer) });
    const checked = checkAnswer(schema, {
      data: [
        { ...server, locked: false },
        { ...server, status: 1, locked: false },
      ],
    });
    expect(checked.success).toBe(false);
    expect(checked.success ? [] : checked.error.issues.map((issue) => issue.path)).toStrictEqual([
      ['data', 1, 'status'],
    ]);
  });

  it('reads fields whose names need quoting, and inherited ones, as zod does', () => {
    const schema = zm.object({
      "it's": zm.string(),
      'line\nbreak': zm.nullish(zm.number()),
      constructor: zm.nullish(zm.string()),
      toString: zm.optional(zm.unknown()),
    });
    const quoted: ReadonlyArray<Record<string, unknown>> = [
      { "it's": 'a', 'line\nbreak': 2 },
      { "it's": 'a', constructor: 'b' },
      { "it's": 1 },
      { 'line\nbreak': 'x' },
    ];
    // Read by loops first, then (after GENERATE_AFTER objects) by generated code.
    for (let round = 0; round <= GENERATE_AFTER / quoted.length; round++) {
      for (const answer of quoted)
        expect(checkAnswer(schema, answer)).toStrictEqual(safeParse(schema, answer));
    }
    expect(usesGeneratedCheck(schema)).toBe(true);
  });

  it("reads a listing's first page by loops and the pages after it by generated code", () => {
    const schema = zm.object({ data: zm.array(miniServer), page: zm.number(), pages: zm.number() });
    const small = zm.object({ data: zm.array(miniServer), page: zm.number(), pages: zm.number() });
    expectSafeParse(schema, bigPage);
    expect(usesGeneratedCheck(schema)).toBe(false);
    expectSafeParse(schema, { ...bigPage, page: 2 });
    expect(usesGeneratedCheck(schema)).toBe(true);
    // An answer of a few objects read a few times stays with the loops.
    for (let call = 0; call < 5; call++) expectSafeParse(small, answers[0]?.[1]);
    expect(usesGeneratedCheck(small)).toBe(false);
  });

  it('reads a schema that refers to itself', () => {
    interface Tree {
      name: string;
      children: Tree[];
    }
    const tree: zm.ZodMiniType<Tree> = zm.object({
      name: zm.string(),
      get children() {
        return zm.array(tree);
      },
    });
    const answer = { name: 'a', children: [{ name: 'b', children: [], extra: 1 }] };
    expect(checkAnswer(tree, answer)).toStrictEqual(safeParse(tree, answer));
    expect(checkAnswer(tree, { name: 'a', children: [{ name: 2, children: [] }] }).success).toBe(false);
  });
});
