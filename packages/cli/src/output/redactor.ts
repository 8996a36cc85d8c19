import type { AnyPluginManifest } from '@provision/core';

/** What a removed secret is replaced with. */
export const REDACTED = '[redacted]';

/** Shorter values are not redacted: they would cut words out of ordinary text. */
const MIN_SECRET_LENGTH = 6;
/** A user-data line shorter than this is not looked for on its own (`fi`, `#!/bin/sh`). */
const MIN_USER_DATA_LINE = 12;
/** The shortest run of base64 (or its URL-encoded form) looked up in the user-data's encodings. */
const MIN_BASE64_RUN = 16;
/** The shortest start of a secret recognised before a truncation mark (`...`). */
const MIN_TRUNCATED_PREFIX = 8;
/** Cut-short messages are short: a longer start is not looked for (it would cost time on every write). */
const MAX_TRUNCATED_PREFIX = 1024;

// Names of environment variables that hold secrets, whatever the provider (`HCLOUD_TOKEN`,
// `AWS_SECRET_ACCESS_KEY`, `OS_PASSWORD`, `ARM_CLIENT_SECRET`, `OVH_CONSUMER_KEY`...). A command
// that names one provider imports only that provider's manifest, so the others' credentials are
// recognised by their names alone.
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|ACCESS_?KEY|PRIVATE|(^|_)KEY(_|$)/i;

// Shapes that are credentials wherever they come from, even when their value was never in our
// environment (an SDK found it in a config file): headers a cloud may echo, AWS key ids.
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // `Authorization: ...`, `"authorization":"..."`, also inside JSON-escaped text: the whole value.
  [/(authorization\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n]+/gi, `$1${REDACTED}`],
  [/(x-amz-security-token\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n&,\s]+/gi, `$1${REDACTED}`],
  [/(x-auth-token\\*"?\s*[:=]\s*\\*"?)[^"\\\r\n&,\s]+/gi, `$1${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  [/\b(Signature=)[0-9a-f]{16,}/gi, `$1${REDACTED}`],
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, REDACTED],
  [/\bdo[opr]_v1_[a-f0-9]{64}\b/g, REDACTED],
];

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/** The forms a value takes once printed inside JSON text, once or twice over. */
function printedForms(value: string): string[] {
  const once = jsonEscaped(value);
  return [...new Set([value, once, jsonEscaped(once)])];
}

/**
 * Removes secrets from text on its way out: credential values, the user-data (plain, JSON-escaped,
 * base64, URL-encoded base64, and each long line of it), and credential shapes (authorization
 * headers, bearer tokens, AWS key ids). Every byte the CLI writes passes through one of these.
 */
export class Redactor {
  readonly #values = new Set<string>();
  readonly #encodings: string[] = [];
  #sorted: string[] | undefined;

  /** Adds one value to remove (ignored when shorter than 6 characters). */
  addValue(value: string | undefined): void {
    if (value === undefined || value.trim().length < MIN_SECRET_LENGTH) return;
    for (const form of printedForms(value)) this.#values.add(form);
    const trimmed = value.trim();
    if (trimmed !== value) for (const form of printedForms(trimmed)) this.#values.add(form);
    this.#sorted = undefined;
  }

  /**
   * Adds the secret settings every installed provider reads from the environment: its required
   * variables (credentials), and any of its variables whose name says it is a secret or names one
   * of its `secretSettings`.
   */
  addProviderSecrets(
    plugins: ReadonlyArray<Pick<AnyPluginManifest, 'secretSettings' | 'env'>>,
    env: Readonly<Record<string, string | undefined>>,
  ): void {
    for (const plugin of plugins) {
      const settingWords = plugin.secretSettings.map((setting) =>
        setting.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
      );
      const secretNames = [
        ...plugin.env.required,
        ...plugin.env.optional.filter(
          (name) => SECRET_NAME.test(name) || settingWords.some((word) => name.toUpperCase().includes(word)),
        ),
      ];
      for (const name of secretNames) this.addValue(env[name]);
    }
  }

  /** Adds every environment variable whose name says it holds a secret, whichever plugin reads it. */
  addEnvironmentSecrets(env: Readonly<Record<string, string | undefined>>): void {
    for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) this.addValue(value);
  }

  /** Adds the user-data given to `create`, in every form a cloud may echo it. */
  addUserData(text: string): void {
    this.addValue(text);
    for (const line of text.split(/\r?\n/)) {
      if (line.trim().length >= MIN_USER_DATA_LINE) this.addValue(line.trim());
    }
    const base64 = Buffer.from(text, 'utf8').toString('base64');
    this.#encodings.push(base64, encodeURIComponent(base64));
    this.addValue(base64);
    this.addValue(encodeURIComponent(base64));
  }

  /** The text with every known secret replaced by `[redacted]`. */
  redact(text: string): string {
    let result = text;
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    // Text without a truncation mark has none once values are replaced (each by `[redacted]`,
    // which has none): most text, searched once instead of once for each value.
    const truncated = TRUNCATION_MARK.test(text);
    for (const value of this.#sorted) {
      if (result.includes(value)) result = result.split(value).join(REDACTED);
      if (truncated) result = redactTruncated(result, value);
    }
    if (this.#encodings.length > 0) {
      // A part of the encoded user-data (an echo cut short, or split by the cloud).
      result = result.replace(/[A-Za-z0-9+/%]{16,}={0,2}/g, (run) =>
        run.length >= MIN_BASE64_RUN && this.#encodings.some((encoded) => encoded.includes(run))
          ? REDACTED
          : run,
      );
    }
    for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
    return result;
  }
}

/** Where a message was cut short: `...`, or U+2026, an ellipsis (escaped so the bundle stays ASCII). */
const TRUNCATION_MARK = /\.\.\.|\u2026/;

/** Removes the start of `value` where a message was cut short right after it (`dop_v1_ab12...`). */
function redactTruncated(text: string, value: string): string {
  if (value.length <= MIN_TRUNCATED_PREFIX) return text;
  const mark = new RegExp(TRUNCATION_MARK.source, 'g');
  let result = '';
  let copied = 0;
  for (let found = mark.exec(text); found !== null; found = mark.exec(text)) {
    const before = text.slice(copied, found.index);
    let cut = 0;
    for (
      let length = Math.min(before.length, value.length - 1, MAX_TRUNCATED_PREFIX);
      length >= MIN_TRUNCATED_PREFIX;
      length--
    ) {
      if (before.endsWith(value.slice(0, length))) {
        cut = length;
        break;
      }
    }
    result += cut > 0 ? `${before.slice(0, before.length - cut)}${REDACTED}` : before;
    copied = found.index;
  }
  return copied === 0 ? text : result + text.slice(copied);
}
