import { commonSettings, type SettingsOf, setting, settingsSchema } from '@provision/core';

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
// Long-term access key ids start with AKIA, temporary ones (which need a session token) with ASIA.
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+]{40}$/;
/** Region names such as `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * Settings of the AWS plugin. Every field is optional. Credentials come from `credentials`, then
 * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, then the SDK's default chain
 * (shared config and `profile`/`AWS_PROFILE`, SSO, web identity, container and instance roles).
 * `endpoint` falls back to `AWS_ENDPOINT_URL_EC2`, then `AWS_ENDPOINT_URL`, then EC2's regional endpoint.
 */
export const awsSettingsSchema = settingsSchema({
  /** Static credentials. Never logged. */
  credentials: setting
    .object({
      accessKeyId: setting.string(),
      secretAccessKey: setting.string(),
      sessionToken: setting.string().optional(),
    })
    .optional(),
  /** A named profile of the shared config files, for the SDK's default chain. Default `AWS_PROFILE`. */
  profile: setting.string({ minLength: 1 }).optional(),
  /** Region for calls that name no host (`regions`, `plans`, `verifyCredentials`, `quota`, `list`). */
  region: setting
    .string({ pattern: AWS_REGION_PATTERN, message: 'must be a region name like "us-east-1"' })
    .optional(),
  ...commonSettings,
});

/** Settings of the AWS plugin. */
export type AwsSettings = SettingsOf<typeof awsSettingsSchema.shape>;

/** The static credential variables, as the AWS SDKs and CLI read them. */
export const AWS_CREDENTIAL_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;

/** The SDK's service-specific endpoint variable for EC2 (what the emulator sets), then the global one. */
export const AWS_ENDPOINT_ENV = ['AWS_ENDPOINT_URL_EC2', 'AWS_ENDPOINT_URL'] as const;

/** Region variables, in the order read, for calls that name no host. */
export const AWS_REGION_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/** Other variables the plugin reads. */
export const AWS_OTHER_ENV = ['AWS_PROFILE', 'AWS_EC2_METADATA_DISABLED'] as const;

/** What is wrong with an access key id's form, without repeating it; undefined when it looks right. */
export function checkAccessKeyId(value: string): string | undefined {
  if (/\s/.test(value)) return 'it contains white space (a stray newline from copying?)';
  if (!ACCESS_KEY_ID.test(value))
    return 'an access key id is "AKIA" or "ASIA" followed by 16 letters and digits';
  return undefined;
}

/** What is wrong with a secret access key's form, without repeating it; undefined when it looks right. */
export function checkSecretAccessKey(value: string): string | undefined {
  if (/\s/.test(value)) return 'it contains white space (a stray newline from copying?)';
  if (!SECRET_ACCESS_KEY.test(value))
    return 'a secret access key is 40 characters of letters, digits, "/" and "+"';
  return undefined;
}
