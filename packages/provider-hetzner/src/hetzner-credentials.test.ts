import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthenticationError, MissingCredentialsError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHetzner } from './create-hetzner.js';
import { hetznerPlugin } from './hetzner-plugin.js';
import { HETZNER_API_URL, HETZNER_FAKE_TOKEN, HetznerFake } from './testing/index.js';

const server = setupFakeServer();
let fake: HetznerFake;
let home: string;
const OTHER = 'O'.repeat(64);

// The hcloud CLI's file, as `hcloud context create` writes it.
function writeConfig(path: string, active: string): void {
  writeFileSync(
    path,
    `active_context = "${active}"\n\n[[contexts]]\n  name = "work"\n  token = "${HETZNER_FAKE_TOKEN}"\n\n[[contexts]]\n  name = "play"\n  token = "${OTHER}"\n`,
  );
}

beforeEach(() => {
  fake = new HetznerFake();
  server.use(fake);
  home = mkdtempSync(join(tmpdir(), 'provision-hcloud-'));
  mkdirSync(join(home, '.config', 'hcloud'), { recursive: true });
});

async function verify(env: Record<string, string>): Promise<void> {
  await createHetzner({ endpoint: HETZNER_API_URL }, { env }).verifyCredentials?.();
}

describe('credentials', () => {
  it('the active context of ~/.config/hcloud/cli.toml', async () => {
    writeConfig(join(home, '.config', 'hcloud', 'cli.toml'), 'work');
    await verify({ HOME: home });
    expect(fake.requests).toHaveLength(1);
    expect(hetznerPlugin.hasCredentials?.({ HOME: home })).toBe(true);
  });

  it('HCLOUD_CONTEXT picks another context, HCLOUD_CONFIG another file', async () => {
    const file = join(home, 'elsewhere.toml');
    writeConfig(file, 'work');
    await expect(verify({ HCLOUD_CONFIG: file, HCLOUD_CONTEXT: 'play' })).rejects.toSatisfy(
      AuthenticationError.isInstance,
    );
    await verify({ HCLOUD_CONFIG: file });
  });

  it('HCLOUD_TOKEN wins over the file; nothing anywhere is MissingCredentialsError before any request', async () => {
    writeConfig(join(home, '.config', 'hcloud', 'cli.toml'), 'play');
    await verify({ HOME: home, HCLOUD_TOKEN: HETZNER_FAKE_TOKEN });
    const error = await verify({ HOME: join(home, 'nowhere') }).catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain('HCLOUD_TOKEN');
    expect(hetznerPlugin.hasCredentials?.({ HOME: join(home, 'nowhere') })).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it('a malformed token in the file is refused before any request, named by its context', async () => {
    const file = join(home, 'broken.toml');
    writeFileSync(file, 'active_context = "work"\n[[contexts]]\nname = "work"\ntoken = "not-a-token"\n');
    const error = await verify({ HCLOUD_CONFIG: file }).catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('context "work"');
    expect((error as Error).message).not.toContain('not-a-token');
    expect(fake.requests).toEqual([]);
  });
});
