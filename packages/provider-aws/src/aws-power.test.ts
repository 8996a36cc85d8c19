import { HostNotFoundError, ProviderApiError, waitForHost } from '@provision/core';
import { cloudErrorClass } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAws } from './create-aws.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

const server = setupFakeServer();
let fake: AwsEc2Fake;

beforeEach(() => {
  fake = new AwsEc2Fake({ readsUntilActive: 3 });
  server.use(fake);
});

function cloud() {
  return createAws(
    {
      credentials: { ...AWS_FAKE_CREDENTIALS },
      endpoint: fake.baseUrl,
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
    },
    { env: { AWS_EC2_METADATA_DISABLED: 'true' } },
  );
}

const fast = { interval: 1, maxInterval: 1, timeout: 10_000 };

describe('AWS power actions', () => {
  it('reads stopping after stop, and a start between two states is a retryable busy error sent once', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'web' });
    await waitForHost(provisioner, host.id, { ...fast, until: 'active' });
    const stopped = await provisioner.stop?.(host.id);
    expect(stopped).toMatchObject({ status: 'stopping', nativeStatus: 'stopping' });
    const mark = fake.mark();
    const error = await provisioner.start?.(host.id).catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error) && error).toMatchObject({
      providerCode: 'IncorrectInstanceState',
      retryable: true,
    });
    expect(cloudErrorClass(error)).toBe('busy');
    // Not repeated by the SDK's retries; the one read tells a terminated instance from a busy one.
    expect(fake.since(mark).map((entry) => entry.operation)).toEqual(['StartInstances', 'DescribeInstances']);
    await waitForHost(provisioner, host.id, { ...fast, until: 'stopped' });
    expect(await provisioner.start?.(host.id)).toMatchObject({ status: 'starting', nativeStatus: 'pending' });
  });

  it('is HostNotFoundError for a terminated instance', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'gone' });
    for (let call = 0; call < 10 && !(await provisioner.delete({ id: host.id })).done; call++);
    const error = await provisioner.reboot?.(host.id).catch((caught: unknown) => caught);
    expect(HostNotFoundError.isInstance(error) && error).toMatchObject({
      hostId: host.id,
      operation: 'reboot',
    });
  });
});
