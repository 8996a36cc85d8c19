// One provider's first and second lifecycle in a fresh process, as a user's program would meet
// them: plugins found the way the CLI finds them, one provisioner, provision -> status until
// active -> delete until done against the emulator. Nothing else of the bench is imported, so the
// first lifecycle pays every import, the first fetch() and the first schema parse itself.
// Usage (from sections/cold-lifecycle.ts): node lifecycle-child.ts <provider>, with the emulator's
// variables in the environment; the result goes back over IPC.
const startupCpu = process.cpuUsage();
const { createProvisioner, getPlugin } = await import('@provision/core');
const { findPluginPackages, loadPlugins } = await import('@provision/core/discovery');
const { dirname } = await import('node:path');
const { fileURLToPath } = await import('node:url');

const MAX_CALLS = 100;
const providerId = process.argv[2] ?? '';

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function lifecycle(provisioner: ReturnType<typeof createProvisioner>, name: string) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let calls = 1;
  const { id } = await provisioner.provision({ name, owner: 'bench' });
  for (let call = 0; ; call += 1) {
    if (call >= MAX_CALLS) throw new Error(`${providerId}: ${name} not active after ${MAX_CALLS} calls`);
    calls += 1;
    const host = await provisioner.status(id);
    if (host.status === 'error') throw new Error(`${providerId}: ${name} failed (${host.nativeStatus})`);
    if (host.status === 'active') break;
  }
  for (let call = 0; ; call += 1) {
    if (call >= MAX_CALLS) throw new Error(`${providerId}: ${name} not deleted after ${MAX_CALLS} calls`);
    calls += 1;
    if ((await provisioner.delete({ id })).done) break;
  }
  return { calls, wallMs: performance.now() - start, cpuMs: cpuSince(cpu) };
}

try {
  const benchRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  await loadPlugins(findPluginPackages([benchRoot]));
  const manifest = getPlugin(providerId);
  if (manifest === undefined) throw new Error(`provider ${providerId} is not installed in the bench package`);
  const provisioner = createProvisioner(manifest, undefined, { env: { ...process.env } });
  const startupCpuMs = cpuSince(startupCpu);
  const first = await lifecycle(provisioner, 'cold-1');
  const second = await lifecycle(provisioner, 'cold-2');
  process.send?.({ type: 'result', result: { first, second, startupCpuMs } });
} catch (error) {
  process.send?.({
    type: 'error',
    error: error instanceof Error ? error.message.split('\n')[0] : String(error),
  });
}
process.disconnect?.();
