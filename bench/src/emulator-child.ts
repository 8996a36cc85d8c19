// Runs the emulator in its own process, so the CPU time the bench measures in its own process is
// the client's alone. Talks to the parent over IPC: see emulator-process.ts.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discoverEmulatedClouds, startEmulator } from '@provision/emulator';

type Message =
  | { type: 'mark'; id: number; provider: string }
  | { type: 'since'; id: number; provider: string; seq: number }
  | { type: 'close' };

const send = (message: unknown) => process.send?.(message);
const benchRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const latencyMs = Number(process.argv[2] ?? '0');
const limits = process.argv[3] === undefined ? undefined : JSON.parse(process.argv[3]);

const { clouds, skipped } = await discoverEmulatedClouds({ from: [benchRoot] });
const emulator = await startEmulator({ clouds, latencyMs, ...(limits === undefined ? {} : { limits }) });

process.on('message', (message: Message) => {
  if (message.type === 'close') {
    void emulator.close().finally(() => process.exit(0));
    return;
  }
  const fake = emulator.fake(message.provider);
  if (fake === undefined) {
    send({ type: 'error', id: message.id, message: `no emulated cloud ${message.provider}` });
  } else if (message.type === 'mark') {
    send({ type: 'reply', id: message.id, value: fake.mark() });
  } else {
    const entries = fake
      .since(message.seq)
      .map((entry) => ({ operation: entry.operation, status: entry.status }));
    send({ type: 'reply', id: message.id, value: entries });
  }
});
process.on('disconnect', () => {
  void emulator.close().finally(() => process.exit(0));
});

send({
  type: 'ready',
  url: emulator.url,
  env: emulator.env,
  endpoints: emulator.endpoints.map((endpoint) => ({
    provider: endpoint.provider,
    baseUrl: endpoint.baseUrl,
  })),
  skipped: skipped.map((item) => `${item.packageName}: ${item.reason}`),
});
