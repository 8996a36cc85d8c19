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
 * A cell past the end of its row is empty; an empty or undefined one is `-`.
 * @param align per column (the heading too); numbers read better right-aligned.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  // Plain loops, each cell's text and width worked out once: a listing renders hundreds of
  // cells once per run, before the code is warm (chained maps cost `provision plans` about 1 ms).
  const count = head.length;
  const texts: string[][] = [head.map((heading) => heading.toUpperCase())];
  for (const row of rows) {
    const line: string[] = [];
    for (let index = 0; index < count; index++) {
      const cell = row[index];
      line.push(index >= row.length ? '' : cell === undefined || cell === '' ? '-' : String(cell));
    }
    texts.push(line);
  }
  const widths = texts.map((line) => line.map(columns));
  const widest = head.map(() => 0);
  for (const line of widths)
    for (let index = 0; index < count; index++)
      widest[index] = Math.max(widest[index] as number, line[index] as number);
  let table = '';
  for (const [number, line] of texts.entries()) {
    let text = '';
    for (let index = 0; index < count; index++) {
      const cell = line[index] as string;
      const padding = ' '.repeat((widest[index] as number) - ((widths[number] as number[])[index] as number));
      if (index > 0) text += '  ';
      text += align[index] === 'right' ? padding + cell : cell + padding;
    }
    table += number === 0 ? text.trimEnd() : `\n${text.trimEnd()}`;
  }
  return table;
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
