/** A table cell: text, a number, or nothing (shown as `-`). */
export type Cell = string | number | undefined;

// Columns as a terminal shows them: combining marks take no column. (A table library with full
// East Asian width rules cost `plans` about 10 ms to load and run; the cells here are ids, names
// and figures.) Printable ASCII, nearly every cell, is one column a character; anything else is
// counted by code point, marks left out. The expressions are built once: the bundle writes a
// `\p{...}` literal as `new RegExp(...)`, which inside the loop compiled one for every character
// (about 3 ms of `provision plans`).
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const COMBINING_MARK = /\p{M}/u;

function columns(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const character of text) if (!COMBINING_MARK.test(character)) width += 1;
  return width;
}

/**
 * Renders rows under upper-case headings, columns separated by two spaces, no borders and no
 * colours (easy to read, to paste and to grep, like `docker ps`), no trailing spaces or newline.
 * @param align per column (the heading too); numbers read better right-aligned.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  const lines = [
    head.map((heading) => heading.toUpperCase()),
    ...rows.map((row) => row.map((cell) => (cell === undefined || cell === '' ? '-' : String(cell)))),
  ];
  const widths = head.map((_, index) => Math.max(...lines.map((line) => columns(line[index] ?? ''))));
  return lines
    .map((line) =>
      widths
        .map((width, index) => {
          const text = line[index] ?? '';
          const padding = ' '.repeat(width - columns(text));
          return align[index] === 'right' ? padding + text : text + padding;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Renders `label  value` lines with the labels padded to one width. */
export function renderFields(
  fields: readonly (readonly [label: string, value: Cell])[],
  indent = '',
): string {
  const width = Math.max(...fields.map(([label]) => label.length));
  return fields
    .map(([label, value]) => `${indent}${label.padEnd(width)}  ${value === undefined ? '-' : value}`)
    .join('\n');
}
