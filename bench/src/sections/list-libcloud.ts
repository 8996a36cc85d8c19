import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from '../emulator-process.ts';
import { runPool } from '../pool.ts';
import { type InstalledProvider, provisionerWithEnv } from '../providers.ts';
import { round } from '../stats.ts';
import { findOneShotScript } from './one-shot-get.ts';

/** How Libcloud's driver of one cloud reaches the emulator: the emulator's variables it reads, and the limit raised. */
interface LibcloudCloud {
  /** `BENCH_DRIVER` of libcloud-list.py. */
  readonly driver: string;
  /** The emulator's variables (`emulated.env`) holding the base URL and the fake's credential. */
  readonly urlVariable: string;
  readonly tokenVariable: string;
  /** The emulator limit (`emulated.limits`) raised to the hosts listed. */
  readonly limit: string;
  /** What the cloud calls a host, for the report. */
  readonly hostWord: string;
}

/**
 * The providers whose list is held against Libcloud's: Libcloud 3.4.1's driver can be pointed at
 * the emulator (a base URL and a token; Linode v4 reads 25 a page, Vultr v2 100, DigitalOcean 200,
 * each one page after another). Not here, from Libcloud 3.4.1's sources: its Equinix Metal driver
 * reads one page of at most 1,000 devices (`ex_list_nodes_for_project`: `page=1`, `per_page=1000`,
 * no next page), so it cannot list 5,000; its Scaleway driver speaks the older per-region
 * `cp-<region>.scaleway.com` `/servers` API, not the Instance API (`/instance/v1/zones/...`) the
 * fake serves; its EC2 driver sends one `DescribeInstances` and never follows `NextToken`, then a
 * `DescribeAddresses`. OpenStack (Keystone first) and GCE (a service account's token) are not tried.
 */
export const LIBCLOUD_CLOUDS: Readonly<Record<string, LibcloudCloud>> = {
  digitalocean: {
    driver: 'digitalocean',
    urlVariable: 'DIGITALOCEAN_API_URL',
    tokenVariable: 'DIGITALOCEAN_TOKEN',
    limit: 'droplets',
    hostWord: 'droplets',
  },
  linode: {
    driver: 'linode',
    urlVariable: 'LINODE_URL',
    tokenVariable: 'LINODE_TOKEN',
    limit: 'linodes',
    hostWord: 'Linodes',
  },
  vultr: {
    driver: 'vultr',
    urlVariable: 'VULTR_API_URL',
    tokenVariable: 'VULTR_API_KEY',
    limit: 'instances',
    hostWord: 'instances',
  },
};

const SCRIPT = fileURLToPath(new URL('../one-shot/libcloud-list.py', import.meta.url));

/** One list call's costs: the client's CPU alone (the emulator runs in a process of its own). */
export interface ListCall {
  readonly cpuMs: number;
  readonly wallMs: number;
}

/**
 * Our `list()` and Apache Libcloud's `list_nodes()` of the same hosts, served over HTTP by the
 * emulator in a child process (no added latency), so each figure is the client's CPU alone.
 */
export type ListBesideLibcloud =
  | { readonly skipped: string }
  | {
      readonly hosts: number;
      /** What the cloud calls a host (`droplets`); absent in older results (DigitalOcean's). */
      readonly hostWord?: string;
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
 * Fills the emulator's cloud of `provider` (one of `LIBCLOUD_CLOUDS`) with `hosts` hosts through
 * our `provision()`, then lists them `runs` times with our `list()` and `runs` times with
 * Libcloud's `list_nodes()` (Libcloud reads its pages one after another). Skipped without a Python
 * that has Libcloud, or for a provider Libcloud is not pointed at here.
 */
export async function measureListBesideLibcloud(
  provider: InstalledProvider,
  hosts: number,
  runs: number,
): Promise<ListBesideLibcloud> {
  const cloud = LIBCLOUD_CLOUDS[provider.id];
  if (cloud === undefined) return { skipped: `Libcloud is not pointed at the ${provider.id} emulator here` };
  const found = findOneShotScript();
  if (found?.kind !== 'libcloud') {
    return {
      skipped: 'Libcloud is not installed for the system Python (Debian: apt-get install python3-libcloud)',
    };
  }
  const emulator = await startEmulatorProcess(0, { [provider.id]: { [cloud.limit]: hosts } });
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
      BENCH_DRIVER: cloud.driver,
      BENCH_API_URL: emulator.env[cloud.urlVariable] ?? '',
      BENCH_TOKEN: emulator.env[cloud.tokenVariable] ?? '',
      BENCH_RUNS: String(count),
    });
    return {
      hosts,
      hostWord: cloud.hostWord,
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
