import { createProvisioner, getPlugin, HostNotFoundError, ProvisionError } from '@provision/core';
import { findPluginPackages, loadPlugins } from '@provision/core/discovery';
import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { PACKAGE_DIR, parseJson, runCli } from './run-cli.js';

// A provider's implementation bundle (dist/bundled-*.js) carries its own copy of core's error
// classes, and the CLI's bundle another: an error thrown by one copy is checked against the other.
const MISSING = '424242';

let emulator: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});
afterAll(async () => {
  await emulator.close();
});

describe("a provider bundle's HostNotFoundError", () => {
  it("is instanceof the caller's HostNotFoundError, though it comes from another copy of core", async () => {
    // The manifest as the CLI finds it: by discovery, the bundled manifest and implementation.
    const packages = findPluginPackages([PACKAGE_DIR]).filter((pkg) => pkg.provider === 'digitalocean');
    expect(packages.map((pkg) => pkg.entry)).toEqual([
      expect.stringMatching(/provider-digitalocean\/dist\/manifest\.js$/),
    ]);
    await loadPlugins(packages);
    const manifest = getPlugin('digitalocean');
    if (manifest === undefined) throw new Error('digitalocean was not registered');
    const provisioner = createProvisioner(manifest, {}, { env });
    const before = emulator.fake('digitalocean')?.requests.length ?? 0;

    const error: unknown = await provisioner.status(MISSING).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    // The fake was asked, and answered 404.
    const sent = emulator.fake('digitalocean')?.requests.slice(before) ?? [];
    expect(sent.map((entry) => [entry.method, entry.path.split('?')[0], entry.status])).toContainEqual([
      'GET',
      `/v2/droplets/${MISSING}`,
      404,
    ]);
    // Thrown by the bundle's own class, not this test's copy of core ...
    expect(Object.getPrototypeOf(error)).not.toBe(HostNotFoundError.prototype);
    // ... and still one, both ways of asking.
    expect(error instanceof HostNotFoundError).toBe(true);
    expect(error instanceof ProvisionError).toBe(true);
    expect(HostNotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'host_not_found', provider: 'digitalocean', hostId: MISSING });
  });

  it('is caught by the CLI as a missing host: exit code 1, code host_not_found, its hint', async () => {
    const run = await runCli(['status', MISSING, '--provider', 'digitalocean', '--output', 'json'], { env });
    expect(run.code, run.stderr).toBe(1);
    expect(parseJson(run)).toMatchObject({
      error: { code: 'host_not_found', exitCode: 1, provider: 'digitalocean' },
    });
    expect(run.stderr).toMatch(new RegExp(`^error: Host ${MISSING} was not found`, 'm'));
    expect(run.stderr).toMatch(/^hint: /m);
  });
});
