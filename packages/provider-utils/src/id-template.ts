import { InvalidRequestError, type Operation } from '@provision/core';

/** The `{name}` placeholders of a template, e.g. `'project' | 'zone' | 'name'`. */
export type IdPlaceholders<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? Name | IdPlaceholders<Rest>
  : never;

type OptionalGroups<Template extends string> = Template extends `${string}[${infer Group}]${infer Rest}`
  ? Group | OptionalGroups<Rest>
  : never;

type WithoutOptionalGroups<Template extends string> =
  Template extends `${infer Before}[${string}]${infer Rest}`
    ? `${Before}${WithoutOptionalGroups<Rest>}`
    : Template;

type Flatten<Type> = { [Key in keyof Type]: Type[Key] };

/**
 * The parts of an id made from `Template`: a string for each placeholder, optional (possibly
 * `undefined`) for those inside `[...]` groups.
 */
export type IdRecord<Template extends string> = Flatten<
  { readonly [Key in IdPlaceholders<WithoutOptionalGroups<Template>>]: string } & {
    readonly [Key in IdPlaceholders<OptionalGroups<Template>>]?: string | undefined;
  }
>;

/** Options of `createIdTemplate`. */
export interface IdTemplateOptions<Template extends string> {
  /** Provider id, for error messages. */
  readonly provider: string;
  /**
   * The id's shape: literal text, `{name}` placeholders, and optional `[...]` groups (not nested)
   * that are present or absent as a whole, e.g. `'{dropletId}[/{firewallId}]'` or
   * `'projects/{project}/zones/{zone}/instances/{name}'`.
   */
  readonly template: Template;
  /**
   * What each placeholder's value must match (whole value; `^`/`$` optional). Patterns must tell
   * adjacent optional parts apart. Flags: only `u`.
   */
  readonly parts: { readonly [Key in IdPlaceholders<Template>]: RegExp };
  /** Match the literal text regardless of case, as Azure does for resource ids. Default `false`. */
  readonly caseInsensitiveLiterals?: boolean;
}

/** Encodes and decodes composite host ids of one template. */
export interface IdTemplate<Template extends string> {
  readonly template: Template;
  /**
   * The id of `record`; an optional group appears when its parts are given.
   * @throws TypeError when a part is missing or does not match its pattern (an id `decode` would refuse).
   */
  encode(record: IdRecord<Template>): string;
  /** @throws InvalidRequestError (before any request) naming the expected shape. */
  decode(id: string, operation: Operation): IdRecord<Template>;
  /** The parts of `id`, or `undefined` when it does not have this shape. */
  match(id: string): IdRecord<Template> | undefined;
}

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'part'; readonly name: string }
  | { readonly kind: 'group'; readonly tokens: readonly Token[] };

function tokenize(template: string): Token[] {
  const top: Token[] = [];
  let current = top;
  let group: Token[] | undefined;
  for (const piece of template.split(/(\{[^{}[\]]+\}|\[|\])/)) {
    if (piece === '') continue;
    if (piece === '[') {
      if (group !== undefined) throw new TypeError(`Id template "${template}": groups cannot nest.`);
      group = [];
      current = group;
    } else if (piece === ']') {
      if (group === undefined) throw new TypeError(`Id template "${template}": "]" without "[".`);
      top.push({ kind: 'group', tokens: group });
      group = undefined;
      current = top;
    } else if (piece.startsWith('{') && piece.endsWith('}')) {
      current.push({ kind: 'part', name: piece.slice(1, -1) });
    } else if (/[{}]/.test(piece)) {
      throw new TypeError(`Id template "${template}": unbalanced "{" or "}".`);
    } else {
      current.push({ kind: 'literal', text: piece });
    }
  }
  if (group !== undefined) throw new TypeError(`Id template "${template}": "[" without "]".`);
  return top;
}

function unanchored(pattern: RegExp): string {
  let source = pattern.source;
  if (source.startsWith('^')) source = source.slice(1);
  if (source.endsWith('$') && !source.endsWith('\\$')) source = source.slice(0, -1);
  return source;
}

function literalSource(text: string, caseInsensitive: boolean): string {
  return [...text]
    .map((char) => {
      if (/[\\^$.*+?()[\]{}|/]/.test(char)) return `\\${char}`;
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      return caseInsensitive && lower !== upper ? `[${lower}${upper}]` : char;
    })
    .join('');
}

function shown(id: unknown): string {
  const text = typeof id === 'string' ? id : String(id);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * A typed codec for composite host ids, built from a template whose placeholders become the
 * fields of the decoded record:
 *
 * ```ts
 * const gceIds = createIdTemplate({
 *   provider: 'gcp',
 *   template: 'projects/{project}/zones/{zone}/instances/{name}',
 *   parts: { project: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, zone: /^[a-z]+-[a-z]+\d+-[a-z]$/, name: /^[a-z]([-a-z0-9]*[a-z0-9])?$/ },
 * });
 * gceIds.decode(id, 'status').zone; // string
 * ```
 * @throws TypeError when the template or a pattern is malformed.
 */
export function createIdTemplate<const Template extends string>(
  options: IdTemplateOptions<Template>,
): IdTemplate<Template> {
  const tokens = tokenize(options.template);
  const parts = options.parts as Readonly<Record<string, RegExp>>;
  const names: string[] = [];
  let unicode = false;
  const compile = (list: readonly Token[]): string =>
    list
      .map((token) => {
        if (token.kind === 'literal')
          return literalSource(token.text, options.caseInsensitiveLiterals === true);
        if (token.kind === 'group') return `(?:${compile(token.tokens)})?`;
        const pattern = parts[token.name];
        if (pattern === undefined)
          throw new TypeError(`Id template "${options.template}": no pattern for {${token.name}}.`);
        if (names.includes(token.name))
          throw new TypeError(`Id template "${options.template}": {${token.name}} appears twice.`);
        if (/[^u]/.test(pattern.flags))
          throw new TypeError(`Id template part {${token.name}}: only the u flag is allowed.`);
        unicode ||= pattern.flags.includes('u');
        names.push(token.name);
        return `(?<p${names.length - 1}>${unanchored(pattern)})`;
      })
      .join('');
  const whole = new RegExp(`^${compile(tokens)}$`, unicode ? 'u' : '');
  const anchored = Object.fromEntries(
    names.map((name) => [name, new RegExp(`^(?:${unanchored(parts[name] as RegExp)})$`, unicode ? 'u' : '')]),
  );

  const match = (id: string): IdRecord<Template> | undefined => {
    if (typeof id !== 'string' || id.length > 2048) return undefined;
    const groups = whole.exec(id)?.groups;
    if (groups === undefined) return undefined;
    const record: Record<string, string | undefined> = {};
    for (const [index, name] of names.entries()) {
      const value = groups[`p${index}`];
      if (value !== undefined && !(anchored[name] as RegExp).test(value)) return undefined;
      record[name] = value;
    }
    return record as IdRecord<Template>;
  };

  // A listing encodes one id per host: each group's part names are found once, here, and an id is
  // written by concatenation, without the arrays and joins of a walk over the tokens.
  const plan = tokens.map((token) =>
    token.kind === 'group'
      ? {
          ...token,
          inside: token.tokens.flatMap((inner) => (inner.kind === 'part' ? [inner.name] : [])),
        }
      : token,
  );
  const partValue = (values: Readonly<Record<string, string | undefined>>, name: string): string => {
    const value = values[name];
    if (value === undefined || !(anchored[name] as RegExp).test(value))
      throw new TypeError(
        `${options.provider} id part {${name}} is ${value === undefined ? 'missing' : `${shown(value)}, which does not match ${parts[name]}`}.`,
      );
    return value;
  };
  const encode = (record: IdRecord<Template>): string => {
    const values = record as Readonly<Record<string, string | undefined>>;
    let id = '';
    for (const token of plan) {
      if (token.kind === 'literal') id += token.text;
      else if (token.kind === 'part') id += partValue(values, token.name);
      else {
        const given = token.inside.filter((name) => values[name] !== undefined).length;
        if (given === 0) continue;
        if (given < token.inside.length)
          throw new TypeError(
            `${options.provider} id parts ${token.inside.map((name) => `{${name}}`).join(', ')} go together.`,
          );
        // Groups do not nest: inside one, only literals and parts.
        for (const inner of token.tokens)
          id +=
            inner.kind === 'part'
              ? partValue(values, inner.name)
              : inner.kind === 'literal'
                ? inner.text
                : '';
      }
    }
    return id;
  };

  return {
    template: options.template,
    encode,
    match,
    decode(id, operation) {
      const record = match(id);
      if (record !== undefined) return record;
      throw new InvalidRequestError(
        `${shown(id)} is not a valid ${options.provider} host id: expected ${options.template}.`,
        {
          provider: options.provider,
          operation,
          field: 'id',
          hint: 'Use the id that provision() or list() returned.',
        },
      );
    },
  };
}
