import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEmulatedClouds, startEmulator } from '@provision/emulator';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// A third party's plugin, installed the way npm would put it: node_modules/provision-provider-example
// in the folder the CLI runs from. The package is examples/provision-provider-example (provider
// `acme`), written only against the published packages.
const FIXTURE = join(import.meta.dirname, '../../../examples/provision-provider-example');

function projectWithThirdPartyPlugin(): string {
  const project = mkdtempSync(join(tmpdir(), 'provision-third-party-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(FIXTURE, join(project, 'node_modules', 'provision-provider-example'), 'dir');
  return project;
}

describe('a third-party plugin', () => {
  it('is discovered by its "provision" field and listed with its package', async () => {
    // The example marks itself a fixture ("fixture": true), so it is listed only when asked for.
    const run = await runCli(['providers', '--output', 'json'], {
      cwd: projectWithThirdPartyPlugin(),
      env: { PROVISION_SHOW_FIXTURES: '1' },
    });
    expect(run.code, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as { providers: Array<{ id: string; package: string }> };
    expect(listed.providers).toContainEqual(
      expect.objectContaining({ id: 'acme', package: expect.stringContaining('provision-provider-example') }),
    );
  });

  it('provisions, lists and deletes against its own fake, served by the emulator', async () => {
    const cwd = projectWithThirdPartyPlugin();
    // The emulator finds the plugin's fake the same way: by discovery, through its ./testing subpath.
    const clouds = await findEmulatedClouds({ from: [cwd] });
    expect(clouds.map((cloud) => cloud.provider)).toContain('acme');
    const emulator = await startEmulator({ clouds, port: 0 });
    try {
      const options = { cwd, env: emulator.env };
      const created = await runCli(
        ['create', '--provider', 'acme', '--name', 'third', '--wait', '--timeout', '30s', '--output', 'json'],
        options,
      );
      expect(created.code, created.stderr).toBe(0);
      const host = (JSON.parse(created.stdout) as { host: { ref: string; provider: string; status: string } })
        .host;
      expect(host).toMatchObject({ provider: 'acme', status: 'active' });
      const listed = await runCli(['list', '--provider', 'acme', '--output', 'json'], options);
      expect(
        (JSON.parse(listed.stdout) as { hosts: Array<{ ref: string }> }).hosts.map((item) => item.ref),
      ).toEqual([host.ref]);
      // The fixture does not declare inboundRules: a usage error, before any request.
      const sent = emulator.fake('acme')?.requests.length;
      const ports = await runCli(['status', host.ref, '--ports'], options);
      expect(ports.code).toBe(2);
      expect(ports.stderr).toMatch(/cannot show which ports a host has open with this provider plugin/);
      expect(emulator.fake('acme')?.requests.length).toBe(sent);
      const deleted = await runCli(['delete', host.ref, '--wait', '--timeout', '30s'], options);
      expect(deleted.code, deleted.stderr).toBe(0);
      expect(emulator.fake('acme')?.leftovers()).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});
