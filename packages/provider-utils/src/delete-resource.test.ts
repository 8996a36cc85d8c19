import { ProviderApiError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { TEST_CLOUD, testCloudClient, useTestServer } from '../test/test-cloud.js';
import { deleteResource } from './delete-resource.js';

const server = useTestServer();
const client = testCloudClient({ retry: { maxRetries: 0 } });

// Firewall 1 exists, 2 is gone, 3 is still applied to a server, 4 is refused for another reason.
function cloud() {
  const asked: string[] = [];
  server.use(
    http.delete(`${TEST_CLOUD}/firewalls/:id`, ({ request, params }) => {
      asked.push(`${request.method} ${new URL(request.url).pathname}`);
      if (params.id === '1') return new HttpResponse(null, { status: 204 });
      if (params.id === '2') return HttpResponse.json({ error: { code: 'not_found' } }, { status: 404 });
      if (params.id === '3')
        return HttpResponse.json({ error: { code: 'resource_in_use', message: 'in use' } }, { status: 422 });
      return HttpResponse.json({ error: { code: 'protected', message: 'protected' } }, { status: 422 });
    }),
  );
  return asked;
}

const inUse = (error: unknown) =>
  ProviderApiError.isInstance(error) && error.providerCode === 'resource_in_use';
const remove = (id: string) =>
  deleteResource(client, { path: `/firewalls/${id}`, operation: 'delete', inUse });

describe('deleteResource', () => {
  it('answers deleted, absent on 404, in-use when the refusal says so, and throws any other refusal', async () => {
    const asked = cloud();
    await expect(remove('1')).resolves.toBe('deleted');
    await expect(remove('2')).resolves.toBe('absent');
    await expect(remove('3')).resolves.toBe('in-use');
    await expect(remove('4')).rejects.toSatisfy(ProviderApiError.isInstance);
    await expect(deleteResource(client, { path: '/firewalls/3', operation: 'delete' })).rejects.toSatisfy(
      ProviderApiError.isInstance,
    );
    expect(asked).toEqual([
      'DELETE /firewalls/1',
      'DELETE /firewalls/2',
      'DELETE /firewalls/3',
      'DELETE /firewalls/4',
      'DELETE /firewalls/3',
    ]);
  });
});
