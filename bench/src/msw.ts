import { toMswHandlers } from '@provision/testkit';
import type { FakeCloud } from '@provision/testkit/fake-cloud';
import { setupServer } from 'msw/node';

/**
 * Runs `work` with `fakes` answering through msw; any request no fake answers fails instead of
 * reaching the network. The interception ends when `work` settles, so later sections can use
 * real HTTP to the emulator.
 */
export async function withFakes<T>(fakes: readonly FakeCloud[], work: () => Promise<T>): Promise<T> {
  const server = setupServer(...fakes.flatMap((fake) => toMswHandlers(fake)));
  server.listen({ onUnhandledFrame: 'error' });
  try {
    return await work();
  } finally {
    server.close();
  }
}
