/**
 * One JSON document, pretty-printed, with a final newline. Dates become ISO strings (their
 * `toJSON`); `undefined` fields are left out.
 */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
