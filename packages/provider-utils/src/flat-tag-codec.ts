import type { TagStorage } from '@provision/core';

/** Options of a flat-tag codec. */
export interface FlatTagCodecOptions {
  /** Between key and value, e.g. `':'`. Must be a character `allowed` accepts. */
  readonly separator: string;
  /** One character the cloud accepts in a tag, e.g. `/[A-Za-z0-9_:-]/`. */
  readonly allowed: RegExp;
  /** Longest tag the cloud accepts. */
  readonly maxLength: number;
  /** Shortest tag the cloud accepts (Linode: 3). Default 1. */
  readonly minLength?: number;
  /** Most tags on one resource, where the cloud has a limit. */
  readonly maxCount?: number;
}

/** Encodes key/value tags for a cloud whose tags are plain strings. */
export interface FlatTagCodec {
  /** `{ env: 'prod' }` -> `['env:prod']`. */
  encode(tags: Readonly<Record<string, string>>): string[];
  /** The inverse; strings that are not `key<sep>value` are kept as keys with an empty value. */
  decode(tags: readonly string[]): Record<string, string>;
  /**
   * One tag. Never throws: length is checked before any request by core, through `storage`
   * (a longer tag here would be refused by the cloud).
   */
  encodeOne(key: string, value: string): string;
  /** How the cloud stores these tags, for the manifest's `limits.tags.storage`. */
  readonly storage: TagStorage;
}

// The value of the two lowercase hex digits at `at` (an escape `_XX`), or undefined.
function hexByte(text: string, at: number): number | undefined {
  const high = HEX_DIGITS.indexOf(text[at] ?? 'x');
  const low = HEX_DIGITS.indexOf(text[at + 1] ?? 'x');
  return high === -1 || low === -1 ? undefined : high * 16 + low;
}

const HEX_DIGITS = '0123456789abcdef';

/**
 * Key/value tags on clouds with plain string tags (DigitalOcean, Linode, Vultr). Characters the
 * cloud does not allow, the separator inside keys, and `_` itself become `_XX` (UTF-8 bytes in hex),
 * so any key and value round-trip.
 */
export function createFlatTagCodec(options: FlatTagCodecOptions): FlatTagCodec {
  const escapeChar = (char: string, escapeSeparator: boolean) => {
    if (char !== '_' && options.allowed.test(char) && !(escapeSeparator && char === options.separator))
      return char;
    return [...Buffer.from(char, 'utf8')].map((byte) => `_${byte.toString(16).padStart(2, '0')}`).join('');
  };
  const escapeText = (text: string, escapeSeparator: boolean) =>
    [...text].map((char) => escapeChar(char, escapeSeparator)).join('');
  // Listing thousands of resources decodes every tag of each: a tag with no `_` has no escape and
  // is returned as it is, and escapes are read straight from the string, without a buffer per character.
  const unescapeText = (text: string) => {
    if (!text.includes('_')) return text;
    let result = '';
    let bytes: number[] = [];
    for (let index = 0; index < text.length; index++) {
      const byte = text[index] === '_' ? hexByte(text, index + 1) : undefined;
      if (byte !== undefined) {
        bytes.push(byte);
        index += 2;
        continue;
      }
      if (bytes.length > 0) {
        result += Buffer.from(bytes).toString('utf8');
        bytes = [];
      }
      result += text[index];
    }
    return bytes.length > 0 ? result + Buffer.from(bytes).toString('utf8') : result;
  };
  const encodeOne = (key: string, value: string) =>
    `${escapeText(key, true)}${options.separator}${escapeText(value, false)}`;
  const flags = options.allowed.flags.replace(/[gy]/g, '');
  const storage: TagStorage = {
    kind: 'flat',
    encode: encodeOne,
    maxLength: options.maxLength,
    ...(options.minLength === undefined ? {} : { minLength: options.minLength }),
    ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    // Every character of an encoded tag is one `allowed` accepts (the escapes included).
    pattern: new RegExp(`^(?:${options.allowed.source})+$`, flags),
  };
  return {
    encodeOne,
    storage,
    encode: (tags) => Object.entries(tags).map(([key, value]) => encodeOne(key, value)),
    decode: (tags) => {
      const result: Record<string, string> = {};
      for (const tag of tags) {
        const at = tag.indexOf(options.separator);
        if (at === -1) result[unescapeText(tag)] = '';
        else result[unescapeText(tag.slice(0, at))] = unescapeText(tag.slice(at + options.separator.length));
      }
      return result;
    },
  };
}
