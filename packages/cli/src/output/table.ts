import Table from 'cli-table3';

// No borders and no colours: easy to read, to paste and to grep, like `docker ps`.
const PLAIN_CHARS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** A table cell: text, a number, or nothing (shown as `-`). */
export type Cell = string | number | undefined;

/**
 * Renders rows under upper-case headings, columns separated by two spaces, no trailing newline.
 * @param align per column; numbers read better right-aligned.
 */
export function renderTable(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  const table = new Table({
    head: head.map((heading) => heading.toUpperCase()),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    colAligns: head.map((_, index) => align[index] ?? 'left'),
  });
  for (const row of rows) table.push(row.map((cell) => (cell === undefined || cell === '' ? '-' : cell)));
  return table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
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
