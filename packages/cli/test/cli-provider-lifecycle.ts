import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningEmulator } from '@provision/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator } from './emulator.js';
import { type CliRun, parseJson, type RunCliOptions, recordedOutputs, runCli } from './run-cli.js';

// The scaffolding every provider's CLI test shares: one emulator for the file, a user-data file,
// the checks that no output leaks a secret, and the steps of a host's life as the CLI runs them.
// A provider's test file is its config plus what only that cloud's fake can show.

/** Polls fast, but gives a busy machine a whole minute: speed never decides a result. */
export const FAST = ['--interval', '50ms', '--timeout', '60s'] as const;

/** A host as `--output json` prints it (the fields these tests read). */
export interface HostJson {
  readonly ref: string;
  readonly id: string;
  readonly provider: string;
  readonly name: string;
  readonly owner: string;
  readonly status: string;
  readonly firewalled: boolean;
  readonly region: string;
  readonly plan: string;
  readonly tags: Record<string, string>;
  readonly ipv4?: string;
  readonly ipv6?: string;
}

/** A fake cloud as the emulator serves it. */
export type EmulatedFake = NonNullable<ReturnType<RunningEmulator['fake']>>;

/** Options of `useCliProvider`. */
export interface CliProviderOptions {
  /** The provider id, as `--provider` takes it. */
  readonly provider: string;
  /**
   * Writes a user-data script with a marker line to a file for `--user-data` (`userDataFile`);
   * the marker joins `secrets`. Default: none.
   */
  readonly userData?: boolean;
  /** Strings no output of any run in the file may hold: the fake's credentials and tokens. */
  readonly secrets: readonly string[];
}

/** One provider's CLI under test: the emulator, its fake, and the steps of a host's life. */
export interface CliProvider<Fake extends EmulatedFake> {
  readonly provider: string;
  /** The emulator's environment (endpoints and fake credentials); set once `beforeAll` ran. */
  readonly env: Record<string, string>;
  readonly emulator: RunningEmulator;
  /** The user-data script (when `userData` was asked for) and the file that holds it. */
  readonly userData: string;
  readonly userDataFile: string;
  /** The emulator's fake of this provider, to check what reached the cloud. */
  fake(): Fake;
  /** Runs the CLI with the emulator's environment (or `options.env` instead). */
  run(args: readonly string[], options?: RunCliOptions): Promise<CliRun>;
  /** `create --provider <id> ...args --wait --output json`: exits 0, returns the host. */
  create(args: readonly string[]): Promise<HostJson>;
  /** `status <ref> --output json`: exits 0 with the host in `status`. */
  expectStatus(ref: string, status: string): Promise<void>;
  /** `list --provider <id> ...args --output json`: exactly these refs. */
  expectListed(refs: readonly string[], args?: readonly string[]): Promise<void>;
  /** `stop --wait`, then `start --wait`: stopped, then active again. */
  stopAndStart(ref: string): Promise<void>;
  /** `delete <ref> --wait` or `delete --ip <ip> --provider <id> --wait`: done, and the fake holds nothing. */
  deleteToDone(target: { readonly ref: string } | { readonly ip: string }): Promise<void>;
}

/**
 * Starts the emulator before the file's tests and closes it after them, then checks that every
 * output of every run (stdout and stderr) holds none of `secrets` nor the user-data. Call it at
 * the top of a test file.
 */
export function useCliProvider<Fake extends EmulatedFake>(options: CliProviderOptions): CliProvider<Fake> {
  const { provider } = options;
  const userData = options.userData ? `#!/bin/sh\necho ${provider}-user-data-marker-7f3a > /tmp/ready\n` : '';
  let emulator: RunningEmulator | undefined;
  let env: Record<string, string> = {};
  let userDataFile = '';

  beforeAll(async () => {
    ({ emulator, env } = await startTestEmulator());
    if (options.userData) {
      userDataFile = join(mkdtempSync(join(tmpdir(), `provision-cli-${provider}-`)), 'user-data.sh');
      writeFileSync(userDataFile, userData);
    }
  });

  afterAll(async () => {
    await emulator?.close();
    const everything = recordedOutputs.join('\n');
    expect(recordedOutputs.length).toBeGreaterThan(0);
    for (const secret of options.secrets) expect(everything).not.toContain(secret);
    if (options.userData) expect(everything).not.toContain(`${provider}-user-data-marker-7f3a`);
  });

  const run = (args: readonly string[], runOptions: RunCliOptions = {}) =>
    runCli(args, { env, ...runOptions });
  const fake = (): Fake => {
    const served = emulator?.fake(provider);
    if (served === undefined) throw new Error(`the emulator serves no ${provider} fake`);
    return served as Fake;
  };

  return {
    provider,
    get env() {
      return env;
    },
    get emulator() {
      if (emulator === undefined) throw new Error('the emulator starts in beforeAll');
      return emulator;
    },
    userData,
    get userDataFile() {
      return userDataFile;
    },
    fake,
    run,
    async create(args) {
      const created = await run([
        'create',
        '--provider',
        provider,
        ...args,
        '--wait',
        ...FAST,
        '--output',
        'json',
      ]);
      expect(created.code, created.stderr).toBe(0);
      return parseJson<{ host: HostJson }>(created).host;
    },
    async expectStatus(ref, status) {
      const shown = await run(['status', ref, '--output', 'json']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(parseJson<{ host: HostJson }>(shown).host.status).toBe(status);
    },
    async expectListed(refs, args = []) {
      const listed = await run(['list', '--provider', provider, ...args, '--output', 'json']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(parseJson<{ hosts: HostJson[] }>(listed).hosts.map((item) => item.ref)).toEqual(refs);
    },
    async stopAndStart(ref) {
      const stopped = await run(['stop', ref, '--wait', ...FAST, '--output', 'json']);
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(parseJson<{ host: HostJson }>(stopped).host.status).toBe('stopped');
      const started = await run(['start', ref, '--wait', ...FAST, '--output', 'json']);
      expect(started.code, started.stderr).toBe(0);
      expect(parseJson<{ host: HostJson }>(started).host.status).toBe('active');
    },
    async deleteToDone(target) {
      const byIp = 'ip' in target;
      const deleted = await run(
        byIp
          ? ['delete', '--ip', target.ip, '--provider', provider, '--wait', ...FAST, '--output', 'json']
          : ['delete', target.ref, '--wait', ...FAST, '--output', 'json'],
      );
      expect(deleted.code, deleted.stderr).toBe(0);
      expect(parseJson(deleted)).toMatchObject({
        deletion: byIp ? { done: true, ip: target.ip } : { ref: target.ref, done: true, remaining: [] },
      });
      // The host and every secondary resource (firewall, addresses, disks, groups): all gone.
      expect(fake().leftovers()).toEqual([]);
    },
  };
}

/** What one provider's CLI lifecycle test runs; see `describeCliLifecycle`. */
export interface CliLifecycleConfig<Fake extends EmulatedFake> extends CliProviderOptions {
  /** The cloud's name for the test titles (`'Hetzner Cloud'`). */
  readonly displayName: string;
  /** The emulator's endpoint variables and what each must look like (a local port, this fake's path). */
  readonly endpoints: Readonly<Record<string, RegExp>>;
  /** The host's name; `owner` adds `--owner` to create and list. */
  readonly name: string;
  readonly owner?: string;
  /** Each one a `--port` of the create; none: the cloud's default networking. */
  readonly ports?: readonly string[];
  /** What the created (and active) host must match, and its printed ref. */
  readonly host: Readonly<Record<string, unknown>>;
  readonly ref: RegExp;
  /** The cloud's own checks right after the create: what reached the fake (user-data, rules). */
  readonly afterCreate?: (host: HostJson, cli: CliProvider<Fake>) => void | Promise<void>;
  /** Runs `status` on the new host. Default: false. */
  readonly status?: boolean;
  /** Runs `stop --wait` and `start --wait` (the cloud declares power operations). Default: false. */
  readonly power?: boolean;
  /** How the lifecycle ends: `delete <ref>` or `delete --ip`. */
  readonly deleteBy: 'ref' | 'ip';
  /** A second test: a new host, deleted by its address (with these ports). */
  readonly deleteByIp?: { readonly ports?: readonly string[] };
  /** A test that `--port` is refused before any request, the message matching this. */
  readonly refusesPorts?: RegExp;
}

/**
 * The CLI's whole lifecycle on one provider, against the emulator: `create --wait` (with the
 * config's ports, owner and user-data), the cloud's own checks, `status`, `list`, `stop`/`start`,
 * then a converging `delete --wait` that leaves nothing in the fake; optionally a delete by IP and
 * a refused `--port`. Returns the provider's handle for the file's further tests.
 */
export function describeCliLifecycle<Fake extends EmulatedFake>(
  config: CliLifecycleConfig<Fake>,
): CliProvider<Fake> {
  const cli = useCliProvider<Fake>(config);
  const ownerArgs = config.owner === undefined ? [] : ['--owner', config.owner];
  const portArgs = (ports: readonly string[] = []) => ports.flatMap((port) => ['--port', port]);
  const steps = [
    `create${config.ports === undefined ? '' : ' --port'} --wait`,
    ...(config.status ? ['status'] : []),
    'list',
    ...(config.power ? ['stop', 'start'] : []),
    `delete ${config.deleteBy === 'ip' ? '--ip ' : ''}--wait`,
  ];

  describe(`the CLI on ${config.displayName}, against the emulator`, () => {
    it(`${steps.join(', ')}: nothing is left`, async () => {
      for (const [name, pattern] of Object.entries(config.endpoints)) expect(cli.env[name]).toMatch(pattern);
      const host = await cli.create([
        '--name',
        config.name,
        ...ownerArgs,
        ...(config.userData ? ['--user-data', cli.userDataFile] : []),
        ...portArgs(config.ports),
      ]);
      expect(host).toMatchObject({ ...config.host, status: 'active' });
      expect(host.ref).toMatch(config.ref);
      await config.afterCreate?.(host, cli);
      if (config.status) await cli.expectStatus(host.ref, 'active');
      await cli.expectListed([host.ref], ownerArgs);
      if (config.power) await cli.stopAndStart(host.ref);
      await cli.deleteToDone(config.deleteBy === 'ip' ? { ip: host.ipv4 as string } : { ref: host.ref });
    });

    const byIp = config.deleteByIp;
    if (byIp !== undefined)
      it('delete --ip finds a host by its address and deletes it and all it has to done', async () => {
        const host = await cli.create(['--name', 'by-ip', ...portArgs(byIp.ports)]);
        expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        await cli.deleteToDone({ ip: host.ipv4 as string });
      });

    const refusal = config.refusesPorts;
    if (refusal !== undefined)
      it('refuses --port before any request: the cloud has no per-host firewall', async () => {
        const mark = cli.fake().mark();
        const refused = await cli.run([
          'create',
          '--provider',
          config.provider,
          '--name',
          `${config.name}-ports`,
          '--port',
          '443',
        ]);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(refusal);
        expect(cli.fake().since(mark)).toEqual([]);
      });
  });
  return cli;
}
