import { UsageError } from '../usage-error.js';

/**
 * Reads one `--tag key=value` into its key and value. The value may be empty and may contain `=`;
 * the key may not be empty. What a cloud accepts beyond that is checked by the provider's rules.
 * @throws UsageError without a `=` or with an empty key.
 */
export function parseTag(text: string): [key: string, value: string] {
  const index = text.indexOf('=');
  if (index <= 0) {
    throw new UsageError(`"${text}" is not a tag.`, 'Write tags as key=value, e.g. --tag team=web.');
  }
  return [text.slice(0, index), text.slice(index + 1)];
}

/** The `--tag` collector: each occurrence adds a tag; giving one key two values is a mistake. */
export function collectTag(
  text: string,
  previous: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const [key, value] = parseTag(text);
  const existing = previous[key];
  if (existing !== undefined && existing !== value) {
    throw new UsageError(`Tag "${key}" is given twice with different values.`);
  }
  return { ...previous, [key]: value };
}
