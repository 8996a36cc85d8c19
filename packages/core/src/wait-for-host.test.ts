import { describe, expect, it } from 'vitest';
import { sampleHost } from './__fixtures__/sample-plugin.js';
import { HostNotFoundError, RateLimitError, WaitTimeoutError } from './errors/errors.js';
import type { Host } from './spec/v1/host.js';
import type { ProvisionerV1 } from './spec/v1/provisioner-v1.js';
import { waitForHost } from './wait-for-host.js';

function scripted(steps: Array<Partial<Host> | Error>): ProvisionerV1 & { calls: number } {
  const provisioner = {
    specificationVersion: 'v1' as const,
    provider: 'sample',
    calls: 0,
    async status() {
      const step = steps[Math.min(provisioner.calls++, steps.length - 1)];
      if (step instanceof Error) throw step;
      return sampleHost(step);
    },
    provision: async () => sampleHost(),
    delete: async () => ({ done: true }),
  };
  return provisioner;
}

const fast = { interval: 1, maxInterval: 2 };

describe('waitForHost', () => {
  it('polls until the host is active and reports progress', async () => {
    const provisioner = scripted([
      { status: 'provisioning' },
      { status: 'provisioning' },
      { status: 'active', ipv4: '203.0.113.9' },
    ]);
    const seen: string[] = [];
    const host = await waitForHost(provisioner, 'h-1', {
      ...fast,
      onProgress: ({ host }) => seen.push(host.status),
    });
    expect(host.ipv4).toBe('203.0.113.9');
    expect(seen).toEqual(['provisioning', 'provisioning', 'active']);
  });

  it('throws WaitTimeoutError with the last status at the deadline', async () => {
    const error = await waitForHost(scripted([{ status: 'provisioning' }]), 'h-1', {
      ...fast,
      timeout: 30,
    }).catch((caught) => caught);
    expect(WaitTimeoutError.isInstance(error)).toBe(true);
    expect(error.lastStatus).toBe('provisioning');
  });

  it('fails fast when the host goes to error, with the cloud reason', async () => {
    const error = await waitForHost(scripted([{ status: 'error', error: 'no capacity' }]), 'h-1', fast).catch(
      (caught) => caught,
    );
    expect(error.code).toBe('host_failed');
    expect(error.message).toContain('no capacity');
  });

  it('rides out retryable errors and honours retryAfterMs', async () => {
    const provisioner = scripted([
      new RateLimitError('slow down', { retryAfterMs: 5 }),
      { status: 'active' },
    ]);
    await expect(waitForHost(provisioner, 'h-1', fast)).resolves.toMatchObject({ status: 'active' });
  });

  it('rethrows non-retryable errors such as HostNotFoundError', async () => {
    await expect(waitForHost(scripted([new HostNotFoundError('h-1')]), 'h-1', fast)).rejects.toThrow(
      /not found/,
    );
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = waitForHost(scripted([{ status: 'provisioning' }]), 'h-1', {
      interval: 50,
      signal: controller.signal,
    });
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });

  it('can wait for other states, such as stopped', async () => {
    const provisioner = scripted([{ status: 'stopping' }, { status: 'stopped' }]);
    await expect(waitForHost(provisioner, 'h-1', { ...fast, until: 'stopped' })).resolves.toMatchObject({
      status: 'stopped',
    });
    expect(provisioner.calls).toBe(2);
  });
});
