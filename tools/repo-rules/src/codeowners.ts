/** One CODEOWNERS rule. */
export interface CodeownersLine {
  /** The pattern as written. */
  readonly pattern: string;
  readonly owners: readonly string[];
  readonly line: number;
}

/** GitHub reads the first of these that exists. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** The rules of a CODEOWNERS file, in order (comments and blank lines dropped). */
export function parseCodeowners(text: string): CodeownersLine[] {
  return text.split('\n').flatMap((raw, index) => {
    const content = raw.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') return [];
    const [pattern = '', ...owners] = content.split(/\s+/);
    return [{ pattern, owners, line: index + 1 }];
  });
}

/** A pattern in the one form the rules compare: no leading slash; a folder keeps its trailing slash. */
export function normalizePattern(pattern: string): string {
  return pattern.replace(/^\/+/, '');
}

/** The line written for exactly this path (`/packages/provider-aws/` or `/docs/providers/aws.md`), the last if several. */
export function lineFor(lines: readonly CodeownersLine[], path: string): CodeownersLine | undefined {
  const wanted = normalizePattern(path);
  return lines.filter((line) => normalizePattern(line.pattern) === wanted).at(-1);
}
