import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

/**
 * Settings of the example plugin. Every field is optional: `token` falls back to `EXAMPLE_TOKEN`,
 * `endpoint` to `EXAMPLE_ENDPOINT`, then the example cloud's public address.
 */
export const exampleSettingsSchema = settingsSchema({
  /** API token (`ex_` and 16-64 letters or digits). Never logged. */
  token: setting.string().optional(),
  ...commonSettings,
});

/** Settings of the example plugin. */
export type ExampleSettings = SettingsOf<typeof exampleSettingsSchema.shape>;

/** Environment variables holding the token, in the order they are read. */
export const EXAMPLE_TOKEN_ENV = ['EXAMPLE_TOKEN'] as const;

/** Environment variable overriding the API base URL. */
export const EXAMPLE_ENDPOINT_ENV = 'EXAMPLE_ENDPOINT';

const TOKEN = /^ex_[A-Za-z0-9]{16,64}$/;

/** What is wrong with a token's form, without repeating it; undefined when it looks right. */
export function checkExampleToken(token: string): string | undefined {
  if (/\s/.test(token)) return 'it contains white space (a stray newline from copying?)';
  if (!TOKEN.test(token)) return 'an example token is "ex_" followed by 16-64 letters or digits';
  return undefined;
}
