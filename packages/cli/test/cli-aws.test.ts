import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { parseJson, runCli } from './run-cli.js';

// The real AWS SDK (@aws-sdk/client-ec2 inside @provision/provider-aws), driven by the CLI,
// talking real HTTP to the emulator's fake EC2: the full lifecycle with a security group.
let emulator: RunningEmulator;
let env: Record<string, string>;

beforeAll(async () => {
  ({ emulator, env } = await startTestEmulator());
});

afterAll(async () => {
  await emulator.close();
});

describe('the CLI on AWS, against the emulator', () => {
  it('creates with ports and waits, lists, deletes until nothing is left', async () => {
    expect(env.AWS_ENDPOINT_URL_EC2).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/aws$/);
    const created = await runCli(
      [
        'create',
        '--provider',
        'aws',
        '--name',
        'cli-aws',
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
    const host = (
      parseJson(created) as { host: { ref: string; status: string; firewalled: boolean; ipv4?: string } }
    ).host;
    expect(host).toMatchObject({ status: 'active', firewalled: true });
    expect(host.ref).toMatch(/^aws:us-east-1\/i-[0-9a-f]+\/sg-[0-9a-f]+$/);

    const listed = await runCli(['list', '--provider', 'aws', '--output', 'json'], { env });
    expect((parseJson(listed) as { hosts: Array<{ ref: string }> }).hosts.map((item) => item.ref)).toEqual([
      host.ref,
    ]);

    const deleted = await runCli(['delete', host.ref, '--wait', '--interval', '50ms', '--timeout', '60s'], {
      env,
    });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(emulator.fake('aws')?.leftovers()).toEqual([]);
  });
});
