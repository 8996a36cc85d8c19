import { createProvisioner, type ProvisionerV1 } from '@provision/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { setupFakeServer } from '../../fake-cloud/setup-fake-server.js';
import { ExampleCloudFake } from '../example-cloud-fake.js';
import { type BrokenExampleVariant, brokenExamplePlugins } from './broken-example-plugins.js';

const fakeServer = setupFakeServer();
let fake: ExampleCloudFake;

beforeEach(() => {
  fake = new ExampleCloudFake();
  fakeServer.use(fake);
});

function broken(variant: BrokenExampleVariant): ProvisionerV1 {
  return createProvisioner(
    brokenExamplePlugins[variant],
    { token: fake.token, endpoint: fake.baseUrl, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 10 } },
    { env: {} },
  );
}

async function deleteToDone(provisioner: ProvisionerV1, id: string): Promise<void> {
  for (let call = 0; call < 10; call += 1) if ((await provisioner.delete({ id })).done) return;
  throw new Error('delete never converged');
}

// Each variant must really have its one defect, or the contract suite's self-test proves nothing.
describe('broken example plugins', () => {
  it('have distinct ids and otherwise the example manifest', () => {
    const ids = Object.values(brokenExamplePlugins).map((plugin) => plugin.id);
    expect(ids).toEqual([
      'example-blocking',
      'example-leaks-firewall',
      'example-duplicates',
      'example-leaks-token',
      'example-over-budget',
    ]);
    for (const plugin of Object.values(brokenExamplePlugins))
      expect(plugin.callBudget).toEqual({
        provision: 3,
        provisionWithInbound: 5,
        status: 1,
        delete: 2,
        list: 1,
        plans: 1,
        inboundRules: 2,
      });
  });

  it('blocking: provision returns only once the host is active', async () => {
    const host = await broken('blocking').provision({ name: 'web' });
    expect(host.status).toBe('active');
    expect(fake.count('servers.get')).toBe(2);
  });

  it('leaksFirewall: delete says done while the firewall is still there', async () => {
    const provisioner = broken('leaksFirewall');
    const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
    await deleteToDone(provisioner, host.id);
    expect(fake.leftovers().map((leftover) => leftover.kind)).toEqual(['firewall']);
  });

  it('duplicates: a second provision of the same name creates a second server', async () => {
    const provisioner = broken('duplicates');
    await provisioner.provision({ name: 'web' });
    await provisioner.provision({ name: 'web' });
    expect(fake.servers.size).toBe(2);
  });

  it('leaksToken: status of a missing host puts the token in the message', async () => {
    const failure = (await broken('leaksToken')
      .status('1001')
      .catch((error: Error) => error)) as Error;
    expect(failure.message).toContain(fake.token);
  });

  it('overBudget: status sends two requests', async () => {
    const provisioner = broken('overBudget');
    const host = await provisioner.provision({ name: 'web' });
    const seq = fake.mark();
    await provisioner.status(host.id);
    expect(fake.since(seq)).toHaveLength(2);
  });
});
