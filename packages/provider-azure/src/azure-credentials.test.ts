import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, MissingCredentialsError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { azurePlugin } from './azure-plugin.js';
import { createAzure } from './create-azure.js';
import { AZURE_FAKE_ACCESS_TOKEN, AZURE_FAKE_CREDENTIALS, AzureFake } from './testing/index.js';

const server = setupFakeServer();
let fake: AzureFake;
beforeEach(() => {
  fake = new AzureFake({ readsUntilActive: 1 });
  server.use(fake);
});

/** A machine where `az login` was run: the CLI's profile, and an `az` that prints what `az account get-access-token` prints. */
function machine(
  options: { token?: string; fail?: boolean; loggedIn?: boolean } = {},
): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'provision-azure-cli-'));
  const answer = JSON.stringify({
    accessToken: options.token ?? AZURE_FAKE_ACCESS_TOKEN,
    expiresOn: '2026-12-02 05:00:00.000000',
    expires_on: Math.floor(Date.now() / 1000) + 3600,
    subscription: AZURE_FAKE_CREDENTIALS.subscriptionId,
    tenant: AZURE_FAKE_CREDENTIALS.tenantId,
    tokenType: 'Bearer',
  });
  writeFileSync(
    join(root, 'az'),
    options.fail === true
      ? `#!/bin/sh\necho "ERROR: AADSTS70043: The refresh token has expired. Please run 'az login'. ${options.token ?? ''}" >&2\nexit 1\n`
      : `#!/bin/sh\n[ "$1 $2" = "account get-access-token" ] || exit 2\necho '${answer}'\n`,
  );
  chmodSync(join(root, 'az'), 0o755);
  if (options.loggedIn !== false)
    writeFileSync(
      join(root, 'azureProfile.json'),
      `\uFEFF${JSON.stringify({ installationId: 'x', subscriptions: [{ id: AZURE_FAKE_CREDENTIALS.subscriptionId, isDefault: true, tenantId: AZURE_FAKE_CREDENTIALS.tenantId, state: 'Enabled' }] })}`,
    );
  return { PATH: `${root}:/usr/bin:/bin`, AZURE_CONFIG_DIR: root };
}

describe('credentials as DefaultAzureCredential finds them', () => {
  it("without a service principal, the Azure CLI's login: its token and its default subscription", async () => {
    const env = machine();
    expect(await azurePlugin.hasCredentials?.(env)).toBe(true);
    const host = await createAzure({}, { env }).provision({ name: 'cli-login' });
    expect(host.id).toContain(`/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/`);
    // No token request: the CLI gave the token.
    expect(fake.requests.map((request) => request.operation)).not.toContain('token');
    expect(fake.createdCount('virtualMachine')).toBe(1);
  });

  it('a service principal in the environment wins over the CLI', async () => {
    const env = {
      ...machine({ token: 'a-cli-token-the-fake-refuses' }),
      ...{
        AZURE_TENANT_ID: AZURE_FAKE_CREDENTIALS.tenantId,
        AZURE_CLIENT_ID: AZURE_FAKE_CREDENTIALS.clientId,
        AZURE_CLIENT_SECRET: AZURE_FAKE_CREDENTIALS.clientSecret,
        AZURE_SUBSCRIPTION_ID: AZURE_FAKE_CREDENTIALS.subscriptionId,
      },
    };
    await createAzure({}, { env }).provision({ name: 'secret-wins' });
    expect(fake.requests[0]?.operation).toBe('token');
  });

  it('neither: MissingCredentialsError naming the variables and az login, before any request', async () => {
    const env = machine({ loggedIn: false });
    expect(await azurePlugin.hasCredentials?.(env)).toBe(false);
    const error = await createAzure({}, { env })
      .provision({ name: 'nothing' })
      .catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as MissingCredentialsError).envVars).toContain('AZURE_CLIENT_SECRET');
    expect((error as MissingCredentialsError).hint).toMatch(/az login/);
    expect(fake.requests).toEqual([]);
  });

  it("an expired CLI login is an AuthenticationError that repeats none of the CLI's output", async () => {
    const env = machine({ fail: true, token: 'SECRET-IN-STDERR' });
    const error = await createAzure({}, { env })
      .status(
        `/subscriptions/${AZURE_FAKE_CREDENTIALS.subscriptionId}/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm`,
      )
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('SECRET-IN-STDERR');
    expect((error as AuthenticationError).hint).toMatch(/az login/);
  });
});
