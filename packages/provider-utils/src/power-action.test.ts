import { type Host, HostNotFoundError, ProviderApiError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { afterPowerAction, type PowerActionInput, powerAction } from './power-action.js';

const host = (status: Host['status']): Host => ({
  id: 'h-1',
  provider: 'acme',
  name: 'web',
  owner: 'default',
  status,
  nativeStatus: status,
  region: 'r1',
  plan: 'p1',
  tags: {},
  firewalled: false,
});

// A cloud of one machine: the action and the read each count their requests, as a fake's log would.
function cloud(
  options: { status?: Host['status']; sendFails?: unknown; readFails?: unknown; gone?: boolean } = {},
) {
  const requests: string[] = [];
  const input = (
    operation: PowerActionInput['operation'],
    extra: Partial<PowerActionInput> = {},
  ): PowerActionInput => ({
    provider: 'acme',
    id: 'h-1',
    operation,
    send: async () => {
      requests.push(`action ${operation}`);
      if (options.sendFails !== undefined) throw options.sendFails;
      return options.gone ? 'gone' : undefined;
    },
    read: async () => {
      requests.push('read');
      if (options.readFails !== undefined) throw options.readFails;
      return options.status === undefined ? undefined : host(options.status);
    },
    ...extra,
  });
  return { requests, input };
}

describe('powerAction', () => {
  it('sends the action once, reads once, and shows the transition the cloud has not reported yet', async () => {
    const running = cloud({ status: 'active' });
    expect((await powerAction(running.input('stop'))).status).toBe('stopping');
    expect(running.requests).toEqual(['action stop', 'read']);
    expect((await powerAction(cloud({ status: 'stopped' }).input('start'))).status).toBe('starting');
    expect((await powerAction(cloud({ status: 'provisioning' }).input('start'))).status).toBe('starting');
    expect((await powerAction(cloud({ status: 'active' }).input('reboot'))).status).toBe('active');
  });

  it('is HostNotFoundError when the action answer, the read, or an error says the host is gone', async () => {
    const gone = cloud({ gone: true, status: 'active' });
    await expect(powerAction(gone.input('stop'))).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(gone.requests).toEqual(['action stop']);
    await expect(powerAction(cloud({}).input('start'))).rejects.toSatisfy(HostNotFoundError.isInstance);
    const notFound = new ProviderApiError('no such instance', { providerCode: 'InvalidInstanceID.NotFound' });
    const failing = cloud({ sendFails: notFound });
    const error = await powerAction(
      failing.input('reboot', { isGone: async (caught) => caught === notFound }),
    ).catch((caught: unknown) => caught);
    expect(HostNotFoundError.isInstance(error) && error).toMatchObject({
      hostId: 'h-1',
      operation: 'reboot',
    });
    const readGone = cloud({ readFails: notFound });
    await expect(
      powerAction(readGone.input('stop', { isGone: (caught) => caught === notFound })),
    ).rejects.toSatisfy(HostNotFoundError.isInstance);
  });

  it('reads the host when a repeat finds the same action under way, and passes other errors on', async () => {
    const pending = new ProviderApiError('Droplet already has a pending event.', { status: 422 });
    const repeat = cloud({ sendFails: pending, status: 'active' });
    const seen = await powerAction(repeat.input('stop', { isUnderWay: (caught) => caught === pending }));
    expect(seen.status).toBe('stopping');
    expect(repeat.requests).toEqual(['action stop', 'read']);
    const other = new ProviderApiError('boom', { status: 500, retryable: true });
    await expect(
      powerAction(cloud({ sendFails: other }).input('stop', { isGone: () => false })),
    ).rejects.toBe(other);
  });

  it('leaves statuses that are no transition alone', () => {
    expect(afterPowerAction(host('stopped'), 'stop').status).toBe('stopped');
    expect(afterPowerAction(host('active'), 'start').status).toBe('active');
    expect(afterPowerAction(host('error'), 'start').status).toBe('error');
  });
});
