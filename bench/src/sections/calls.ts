import type { Host, HostSpec, ProvisionerV1 } from '@provision/core';
import type { FakeCloud } from '@provision/testkit/fake-cloud';
import { withFakes } from '../msw.ts';
import { type InstalledProvider, interceptedBaseUrl, provisionerFor } from '../providers.ts';

/** The ports `provision()` with `inbound` opens; the reference's per-port figure is counted for these. */
export const BENCH_PORTS = [{ from: 80 }, { from: 443 }] as const;

/** Requests of one call, as the fake logged them. */
export interface CallCount {
  readonly requests: number;
  /** The fake's operation name of each request, in order (e.g. `droplets_list`, `droplets_create`). */
  readonly operations: readonly string[];
}

/** Requests per operation for one provider, counted by its fake (`emulated.create`). */
export interface CallsResult {
  readonly provider: string;
  /** A fresh provisioner's first provision: nothing cached. */
  readonly provision: CallCount;
  /** A second provision (another name) on the same provisioner: what a long-lived program pays. */
  readonly provisionWarm: CallCount;
  /** A fresh provisioner's first provision with inbound; `undefined` when the provider does not support `inbound`. */
  readonly provisionWithInbound?: CallCount;
  readonly status: CallCount;
  /** Each `delete()` call until it answered done, for the host without inbound. */
  readonly deleteCalls: readonly CallCount[];
  /** The same for the host with inbound. */
  readonly deleteWithInboundCalls?: readonly CallCount[];
}

const MAX_CALLS = 50;

async function counted<T>(fake: FakeCloud, call: () => Promise<T>): Promise<{ value: T; count: CallCount }> {
  const mark = fake.mark();
  const value = await call();
  const entries = fake.since(mark);
  return { value, count: { requests: entries.length, operations: entries.map((entry) => entry.operation) } };
}

async function untilActive(provisioner: ProvisionerV1, id: string): Promise<Host> {
  for (let attempt = 0; attempt < MAX_CALLS; attempt += 1) {
    const host = await provisioner.status(id);
    if (host.status === 'active') return host;
    if (host.status === 'error') throw new Error(`host ${id} failed: ${host.nativeStatus}`);
  }
  throw new Error(`host ${id} was not active after ${MAX_CALLS} status calls`);
}

async function deleteCounts(fake: FakeCloud, provisioner: ProvisionerV1, id: string): Promise<CallCount[]> {
  const calls: CallCount[] = [];
  for (let attempt = 0; attempt < MAX_CALLS; attempt += 1) {
    const { value, count } = await counted(fake, () => provisioner.delete({ id }));
    calls.push(count);
    if (value.done) return calls;
  }
  throw new Error(`delete of ${id} was not done after ${MAX_CALLS} calls`);
}

function checkNoLeftovers(fake: FakeCloud): void {
  const leftovers = fake.leftovers();
  if (leftovers.length > 0) {
    throw new Error(`the fake still holds ${leftovers.map((item) => item.description).join(', ')}`);
  }
}

/**
 * Provisions a host without and one with `inbound`, reads status once, waits for active (not
 * counted) and deletes each until done, counting every request at the fake the emulator serves.
 */
export async function measureCalls(provider: InstalledProvider): Promise<CallsResult> {
  const baseUrl = interceptedBaseUrl(provider.id);
  const fake = provider.emulated.create({ baseUrl });
  // Each measured provision starts from a fresh provisioner, so nothing it caches (an image
  // lookup, say) makes the figure look better than a new process would see.
  const provisioner = provisionerFor(provider, baseUrl);
  const supportsInbound = provider.manifest.capabilities.inbound === true;
  return withFakes([fake], async () => {
    const plainSpec: HostSpec = { name: 'bench-calls', owner: 'bench' };
    const plain = await counted(fake, () => provisioner.provision(plainSpec));
    const status = await counted(fake, () => provisioner.status(plain.value.id));
    await untilActive(provisioner, plain.value.id);
    const deleteCalls = await deleteCounts(fake, provisioner, plain.value.id);
    const warm = await counted(fake, () =>
      provisioner.provision({ name: 'bench-calls-warm', owner: 'bench' }),
    );
    await untilActive(provisioner, warm.value.id);
    await deleteCounts(fake, provisioner, warm.value.id);
    if (!supportsInbound) {
      checkNoLeftovers(fake);
      return {
        provider: provider.id,
        provision: plain.count,
        provisionWarm: warm.count,
        status: status.count,
        deleteCalls,
      };
    }
    const portsSpec: HostSpec = { name: 'bench-calls-ports', owner: 'bench', inbound: BENCH_PORTS };
    const fresh = provisionerFor(provider, baseUrl);
    const withPorts = await counted(fake, () => fresh.provision(portsSpec));
    await untilActive(fresh, withPorts.value.id);
    const deleteWithInboundCalls = await deleteCounts(fake, fresh, withPorts.value.id);
    checkNoLeftovers(fake);
    return {
      provider: provider.id,
      provision: plain.count,
      provisionWarm: warm.count,
      provisionWithInbound: withPorts.count,
      status: status.count,
      deleteCalls,
      deleteWithInboundCalls,
    };
  });
}

/** Total requests of a sequence of calls. */
export function totalRequests(calls: readonly CallCount[]): number {
  return calls.reduce((sum, call) => sum + call.requests, 0);
}
