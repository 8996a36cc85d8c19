import { createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The access token the fake accepts without an exchange (`accessToken`, `GOOGLE_OAUTH_ACCESS_TOKEN`). */
export const GCP_FAKE_ACCESS_TOKEN = 'ya29.fake-provision-access-token-0123456789';

/** The fake service account's e-mail, the `client_email` of its key. */
export const GCP_FAKE_SERVICE_ACCOUNT = 'provision-fake@provision-fake.iam.gserviceaccount.com';

/** The fake project id. */
export const GCP_FAKE_PROJECT = 'provision-fake';

/** The `authorized_user` values the fake's token endpoint accepts (a gcloud ADC file). */
export const GCP_FAKE_AUTHORIZED_USER = {
  client_id: 'provision-fake.apps.googleusercontent.com',
  client_secret: 'fake-client-secret',
  refresh_token: 'fake-refresh-token',
} as const;

let keys: { privateKey: string; publicKey: KeyObject } | undefined;

/** The fake service account's key pair: made once per process, so a key file and the fake agree. */
function keyPair() {
  keys ??= (() => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: pair.publicKey,
    };
  })();
  return keys;
}

/**
 * A service-account key file (its JSON text) for the fake, with `token_uri` pointing at the fake's
 * token endpoint: what a user downloads from the console, but for this process's fake only.
 */
export function gcpFakeServiceAccountKey(tokenUri: string, project = GCP_FAKE_PROJECT): string {
  return JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key_id: 'fake0000000000000000000000000000000000000',
    private_key: keyPair().privateKey,
    client_email: GCP_FAKE_SERVICE_ACCOUNT,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
  });
}

/** A gcloud ADC file (`authorized_user`) for the fake, with its token endpoint. */
export function gcpFakeAdcFile(tokenUri: string): string {
  return JSON.stringify({ type: 'authorized_user', ...GCP_FAKE_AUTHORIZED_USER, token_uri: tokenUri });
}

/**
 * Checks a JWT bearer assertion as Google's token endpoint does: RS256 by the service account's
 * key, `iss` the account, `aud` the token endpoint, not expired, at most an hour long.
 * Returns the reason it is refused, or undefined.
 */
export function assertionProblem(
  assertion: string,
  audience: string,
  nowSeconds: number,
): string | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3)
    return 'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.';
  const [header, claims, signature] = parts as [string, string, string];
  let parsed: { alg?: string; iss?: string; aud?: string; iat?: number; exp?: number; scope?: string };
  try {
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'RS256')
      return 'Invalid JWT: algorithm.';
    parsed = JSON.parse(Buffer.from(claims, 'base64url').toString());
  } catch {
    return 'Invalid JWT.';
  }
  const valid = createVerify('RSA-SHA256')
    .update(`${header}.${claims}`)
    .verify(keyPair().publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return 'Invalid JWT Signature.';
  if (parsed.iss !== GCP_FAKE_SERVICE_ACCOUNT) return 'Invalid grant: account not found';
  if (parsed.aud !== audience) return 'Invalid JWT: audience.';
  if (
    typeof parsed.exp !== 'number' ||
    typeof parsed.iat !== 'number' ||
    parsed.exp < nowSeconds ||
    parsed.exp - parsed.iat > 3600
  )
    return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.';
  if (typeof parsed.scope !== 'string' || parsed.scope === '') return 'Invalid JWT: no scope.';
  return undefined;
}
