/** Markdown and number formatting for the report. */

/** A Markdown table, padded as the repository's formatter lays tables out; `|` in cells is escaped. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const width = (cell: string) => Array.from(cell).length;
  const cells = [header, ...rows].map((row) => header.map((_, index) => escapeCell(row[index] ?? '')));
  const widths = header.map((_, index) => Math.max(3, ...cells.map((row) => width(row[index] ?? ''))));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - width(cell))).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((size) => '-'.repeat(size))), ...body.map(line)].join('\n');
}

/** `12.3 ms`; `12.3 s` from 10 s; `5 min 50 s` from two minutes. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 120_000) return `${Math.floor(value / 60_000)} min ${Math.round((value % 60_000) / 1000)} s`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 100) return `${Math.round(value)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** `2.0×`, or `–` with no base. */
export function times(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(value < 0.1 ? 2 : 1)}×`;
}

/** Bytes as MiB with one decimal. */
export function mebibytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '–';
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Operation names in order, runs of one name folded: `a, b ×3`. */
export function operations(names: readonly string[]): string {
  const parts: string[] = [];
  let index = 0;
  while (index < names.length) {
    let end = index;
    while (names[end + 1] === names[index]) end += 1;
    const count = end - index + 1;
    parts.push(`\`${names[index]}\`${count > 1 ? ` ×${count}` : ''}`);
    index = end + 1;
  }
  return parts.join(', ') || '–';
}

/** `1 + 2 = 3` for per-call request counts. */
export function perCall(counts: readonly number[]): string {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.length === 1 ? String(total) : `${counts.join(' + ')} = ${total}`;
}

/** The display name of a provider id, from its manifest when known. */
export function providerName(id: string, names: ReadonlyMap<string, string>): string {
  return names.get(id) ?? id;
}
