/** What stands in a message for a value that was cut out. */
export const REDACTED = '[redacted]';

/** Values shorter than this are not looked for: too likely to match ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** A cut quote of a value is cut out from this many characters of its start on. */
const MIN_PREFIX_LENGTH = 12;

/**
 * The ways a value the client sent can come back quoted in an error: as sent, escaped inside a
 * JSON string, base64 (how EC2 carries user-data) and decoded from it, URL- and form-encoded.
 */
function quotedForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  forms.add(new URLSearchParams({ v: secret }).toString().slice(2));
  forms.add(Buffer.from(secret, 'utf8').toString('base64'));
  // A value that is itself base64 (EC2's UserData) may come back decoded.
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(secret) && secret.length % 4 === 0)
    forms.add(Buffer.from(secret, 'base64').toString('utf8'));
  return [...forms];
}

/** `text` without the longest start of `form` (at least `MIN_PREFIX_LENGTH` characters) it holds. */
function withoutStartOf(text: string, form: string): string {
  // Holding a start of `form` is monotonic in its length: search for the longest one held.
  let low = MIN_PREFIX_LENGTH - 1;
  let high = form.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (text.includes(form.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low < MIN_PREFIX_LENGTH ? text : text.split(form.slice(0, low)).join(REDACTED);
}

/**
 * Cuts out of `text` (a cloud's error message, which a cloud or a proxy in front of it may fill
 * with the request it got) every value the client sent that must never be shown: the credential,
 * the authorization headers, the user-data, in each form they can be quoted in, and the start of
 * one when the quote was cut short. Longest first, so a token inside the user-data goes too.
 */
export function redactSent(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const forms = secrets
    .filter((secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
    .flatMap(quotedForms)
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  let clean = text;
  for (const form of forms) clean = clean.split(form).join(REDACTED);
  for (const form of forms) if (form.length > MIN_PREFIX_LENGTH) clean = withoutStartOf(clean, form);
  return clean;
}
