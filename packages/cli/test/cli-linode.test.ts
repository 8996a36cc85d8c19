import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, runCli } from './run-cli.js';

// The CLI driving the Linode plugin over real HTTP against the emulator's fake Linode API: the
// full lifecycle with a Cloud Firewall.
let emulator: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
});

describe('the CLI on Linode, against the emulator', () => {
  it('creates with a port and waits, lists, deletes until nothing is left', async () => {
    expect(env.LINODE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/linode$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'linode',
        '--name',
        'cli-linode',
        '--port',
        '443',
        '--wait',
        '--interval',
        '50ms',
        '--timeout',
        '60s',
        '--output',
        'json',
      ],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    const host = (parseJson(created) as { host: { ref: string; status: string; firewalled: boolean } }).host;
    expect(host).toMatchObject({ status: 'active', firewalled: true });
    expect(host.ref).toMatch(/^linode:\d+\/\d+$/);

    const listed = await runCli(['list', '--provider', 'linode', '--output', 'json'], { env });
    expect((parseJson(listed) as { hosts: Array<{ ref: string }> }).hosts.map((item) => item.ref)).toEqual([
      host.ref,
    ]);

    const deleted = await runCli(['delete', host.ref, '--wait', '--interval', '50ms', '--timeout', '60s'], {
      env,
    });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(emulator.fake('linode')?.leftovers()).toEqual([]);
    expect(`${created.stdout}${created.stderr}${deleted.stdout}${deleted.stderr}`).not.toContain(
      env.LINODE_TOKEN,
    );
  });
});
