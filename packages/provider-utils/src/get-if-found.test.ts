import { ProviderApiError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TEST_CLOUD, testCloudClient, useTestServer } from '../test/test-cloud.js';
import { getIfFound } from './get-if-found.js';

const server = useTestServer();
const client = testCloudClient({ retry: { maxRetries: 0 } });
const schema = z.object({ server: z.object({ id: z.number() }) });

describe('getIfFound', () => {
  it('is the checked answer when the resource exists, undefined on 404, and throws on other errors', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${TEST_CLOUD}/servers/:id`, ({ request, params }) => {
        asked.push(`${request.method} ${new URL(request.url).pathname}`);
        if (params.id === '1') return HttpResponse.json({ server: { id: 1 } });
        if (params.id === '2') return HttpResponse.json({ error: { code: 'not_found' } }, { status: 404 });
        return HttpResponse.json({ error: { code: 'forbidden' } }, { status: 400 });
      }),
    );
    const get = (id: string) => getIfFound(client, { path: `/servers/${id}`, operation: 'status', schema });
    await expect(get('1')).resolves.toEqual({ server: { id: 1 } });
    await expect(get('2')).resolves.toBeUndefined();
    await expect(get('3')).rejects.toSatisfy(ProviderApiError.isInstance);
    expect(asked).toEqual(['GET /servers/1', 'GET /servers/2', 'GET /servers/3']);
  });
});
