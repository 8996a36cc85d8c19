import { parseAst } from 'rolldown/parseAst';

// The parser is oxc's (through rolldown, which vitest already installs): a real TypeScript parser,
// so comments, strings, template literals and regular expressions never look like imports.

/** A node of the ESTree / TS-ESTree tree the parser returns. */
export interface SyntaxNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [field: string]: unknown;
}

/** How a module names another. */
export type ImportKind = 'import' | 're-export' | 'dynamic' | 'require' | 'type-reference';

/** One module reference in a source file. */
export interface ImportRecord {
  readonly specifier: string;
  readonly kind: ImportKind;
  /** Erased at compile time (`import type`, `export type`, `typeof import()`): loads nothing. */
  readonly typeOnly: boolean;
  /** 1-based line of the reference. */
  readonly line: number;
}

/** A parsed source file. */
export interface ParsedModule {
  readonly body: readonly SyntaxNode[];
  /** 1-based line of a character offset. */
  lineOf(offset: number): number;
  /** The first line of a node's text, shortened: for failure messages. */
  snippet(node: SyntaxNode): string;
}

/** Parses TypeScript or JavaScript. @throws Error with the parser's message when the text does not parse. */
export function parseModule(source: string, fileName: string): ParsedModule {
  const lang = /\.[mc]?jsx?$/.test(fileName)
    ? fileName.endsWith('x')
      ? 'jsx'
      : 'js'
    : fileName.endsWith('x')
      ? 'tsx'
      : 'ts';
  const program = parseAst(source, { lang, sourceType: 'module' }, fileName) as unknown as {
    body: SyntaxNode[];
  };
  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1))
    lineStarts.push(index + 1);
  const lineOf = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const snippet = (node: SyntaxNode) => {
    const first = source.slice(node.start, node.end).split('\n')[0]?.trim() ?? '';
    return first.length > 60 ? `${first.slice(0, 57)}...` : first;
  };
  return { body: program.body, lineOf, snippet };
}

function isNode(value: unknown): value is SyntaxNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Calls `visit` on every node under `root`, depth first; `visit` returning false skips the children. */
export function walk(root: unknown, visit: (node: SyntaxNode) => boolean | undefined): void {
  if (Array.isArray(root)) {
    for (const item of root) walk(item, visit);
    return;
  }
  if (!isNode(root)) return;
  if (visit(root) === false) return;
  for (const [key, value] of Object.entries(root)) {
    if (key !== 'type' && typeof value === 'object' && value !== null) walk(value, visit);
  }
}

/** The text of a string literal, or of a template literal without substitutions. */
export function literalText(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && Array.isArray(node.expressions) && node.expressions.length === 0) {
    const quasis = node.quasis as Array<{ value: { cooked: string | null } }>;
    return quasis.map((quasi) => quasi.value.cooked ?? '').join('');
  }
  return undefined;
}

/** Every module reference in a parsed file. Computed specifiers (`import(variable)`) are not references. */
export function importsOf(module: ParsedModule): ImportRecord[] {
  const found: ImportRecord[] = [];
  const add = (source: unknown, kind: ImportKind, typeOnly: boolean, at: SyntaxNode) => {
    const specifier = literalText(source);
    if (specifier !== undefined) found.push({ specifier, kind, typeOnly, line: module.lineOf(at.start) });
  };
  walk(module.body, (node) => {
    switch (node.type) {
      case 'ImportDeclaration':
        // With verbatimModuleSyntax, `import { type A } from 'x'` still loads 'x': only `import type` is erased.
        add(node.source, 'import', node.importKind === 'type', node);
        return false;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source !== null && node.source !== undefined)
          add(node.source, 're-export', node.exportKind === 'type', node);
        return true;
      case 'ImportExpression':
        add(node.source, 'dynamic', false, node);
        return true;
      case 'TSImportType':
        add(node.source ?? node.argument, 'type-reference', true, node);
        return true;
      case 'TSImportEqualsDeclaration': {
        const reference = node.moduleReference as SyntaxNode | undefined;
        if (reference?.type === 'TSExternalModuleReference')
          add(reference.expression, 'require', node.importKind === 'type', node);
        return false;
      }
      case 'CallExpression': {
        const callee = node.callee as SyntaxNode;
        const args = node.arguments as unknown[];
        if (callee.type === 'Identifier' && callee.name === 'require' && args.length === 1)
          add(args[0], 'require', false, node);
        return true;
      }
      default:
        return true;
    }
  });
  return found;
}

function propertyNamed(object: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const property of object.properties as SyntaxNode[]) {
    if (property.type !== 'Property') continue;
    const key = property.key as SyntaxNode;
    if ((key.type === 'Identifier' && key.name === name) || literalText(key) === name)
      return property.value as SyntaxNode;
  }
  return undefined;
}

/** What a plugin manifest object literal says, as far as it can be read without running it. */
export interface ManifestLiteral {
  /** 1-based line of the manifest object. */
  readonly line: number;
  /** The specifier `load()` imports, e.g. `./aws-provisioner.js`. */
  readonly loadSpecifier: string;
  readonly id?: string;
  /** Undefined when the manifest has no `maintainers`, or it is not a literal list of strings. */
  readonly maintainers?: readonly string[];
}

// `maintainers: ['@a']`, or `maintainers: NAME` where `const NAME = ['@a']` is in the same file.
function stringList(
  node: SyntaxNode | undefined,
  constants: ReadonlyMap<string, SyntaxNode>,
): string[] | undefined {
  if (node === undefined) return undefined;
  const resolved = node.type === 'Identifier' ? constants.get(node.name as string) : node;
  if (resolved?.type === 'TSAsExpression' || resolved?.type === 'TSSatisfiesExpression')
    return stringList(resolved.expression as SyntaxNode, constants);
  if (resolved?.type !== 'ArrayExpression') return undefined;
  const items = (resolved.elements as unknown[]).map(literalText);
  return items.every((item) => item !== undefined) ? (items as string[]) : undefined;
}

/**
 * Plugin manifests written in this file: object literals with a `load` property whose function
 * imports a module by a literal specifier (`load: () => import('./hetzner-provisioner.js')`).
 */
export function manifestLiteralsOf(module: ParsedModule): ManifestLiteral[] {
  const constants = new Map<string, SyntaxNode>();
  walk(module.body, (node) => {
    if (
      node.type === 'VariableDeclarator' &&
      (node.id as SyntaxNode).type === 'Identifier' &&
      isNode(node.init)
    )
      constants.set((node.id as SyntaxNode).name as string, node.init);
    return true;
  });
  const found: ManifestLiteral[] = [];
  walk(module.body, (node) => {
    if (node.type !== 'ObjectExpression') return true;
    const load = propertyNamed(node, 'load');
    if (load === undefined) return true;
    let loadSpecifier: string | undefined;
    walk(load, (inner) => {
      if (inner.type === 'ImportExpression' && loadSpecifier === undefined)
        loadSpecifier = literalText(inner.source);
      return loadSpecifier === undefined;
    });
    if (loadSpecifier === undefined) return true;
    const id = literalText(propertyNamed(node, 'id'));
    const maintainers = stringList(propertyNamed(node, 'maintainers'), constants);
    found.push({
      line: module.lineOf(node.start),
      loadSpecifier,
      ...(id === undefined ? {} : { id }),
      ...(maintainers === undefined ? {} : { maintainers }),
    });
    return true;
  });
  return found;
}
