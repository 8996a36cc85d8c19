import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from '../emulator-process.ts';
import { runPool } from '../pool.ts';
import { type InstalledProvider, provisionerWithEnv } from '../providers.ts';
import { round } from '../stats.ts';
import { findOneShotScript } from './one-shot-get.ts';

/** The provider whose list is held against Libcloud's: its driver can be pointed at the emulator. */
export const LIBCLOUD_LIST_PROVIDER = 'digitalocean';

const SCRIPT = fileURLToPath(new URL('../one-shot/libcloud-list.py', import.meta.url));

/** One list call's costs: the client's CPU alone (the emulator runs in a process of its own). */
export interface ListCall {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/**
 * Our `list()` and Apache Libcloud's `list_nodes()` of the same droplets, served over HTTP by the
 * emulator in a child process (no added latency), so each figure is the client's CPU alone.
 */
export type ListBesideLibcloud =
  | { readonly skipped: string }
  | {
      readonly hosts: number;
      /** `Apache Libcloud 3.4.1 (/usr/bin/python3)`. */
      readonly libcloudDescription: string;
      readonly ours: readonly ListCall[];
      readonly libcloud: readonly ListCall[];
      /** Hosts each client returned on its last run. */
      readonly oursListed: number;
      readonly libcloudListed: number;
    };

function runLibcloud(python: string, env: NodeJS.ProcessEnv): Promise<Array<ListCall & { nodes: number }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`the Libcloud list exited (${code}): ${stderr.trim().split('\n').at(-1)}`));
        return;
      }
      resolve(
        stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as ListCall & { nodes: number }),
      );
    });
  });
}

/**
 * Fills the emulator's DigitalOcean with `hosts` droplets through our `provision()`, then lists
 * them `runs` times with our `list()` and `runs` times with Libcloud's `list_nodes()` (both page
 * by 200; Libcloud reads its pages one after another). Skipped without a Python that has Libcloud.
 */
export async function measureListBesideLibcloud(
  provider: InstalledProvider,
  hosts: number,
  runs: number,
): Promise<ListBesideLibcloud> {
  const found = findOneShotScript();
  if (found?.kind !== 'libcloud') {
    return {
      skipped: 'Libcloud is not installed for the system Python (Debian: apt-get install python3-libcloud)',
    };
  }
  const emulator = await startEmulatorProcess(0, { [LIBCLOUD_LIST_PROVIDER]: { droplets: hosts } });
  try {
    const provisioner = provisionerWithEnv(provider, emulator.env);
    const list = provisioner.list;
    if (list === undefined) return { skipped: 'the provisioner has no list()' };
    const names = Array.from({ length: hosts }, (_, index) => `libcloud-${index + 1}`);
    const created = await runPool(names, 20, (name) => provisioner.provision({ name, owner: 'bench' }));
    const failed = created.find((result) => !result.ok);
    if (failed !== undefined && !failed.ok) {
      throw new Error(`filling the emulator failed: ${(failed.error as Error).message}`);
    }
    const count = Math.max(1, runs);
    const ours: ListCall[] = [];
    let oursListed = 0;
    for (let run = 0; run < count; run += 1) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      oursListed = (await list.call(provisioner)).length;
      const used = process.cpuUsage(cpu);
      ours.push({
        cpuMs: round((used.user + used.system) / 1000, 1),
        wallMs: round(performance.now() - start, 1),
      });
    }
    const libcloudRuns = await runLibcloud(found.python, {
      PATH: process.env.PATH ?? '',
      BENCH_API_URL: emulator.env.DIGITALOCEAN_API_URL ?? '',
      BENCH_TOKEN: emulator.env.DIGITALOCEAN_TOKEN ?? '',
      BENCH_RUNS: String(count),
    });
    return {
      hosts,
      libcloudDescription: found.description,
      ours,
      libcloud: libcloudRuns.map(({ cpuMs, wallMs }) => ({
        cpuMs: round(cpuMs, 1),
        wallMs: round(wallMs, 1),
      })),
      oursListed,
      libcloudListed: libcloudRuns.at(-1)?.nodes ?? 0,
    };
  } finally {
    await emulator.close();
  }
}
