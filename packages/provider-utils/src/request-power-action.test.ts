import { type Host, HostNotFoundError, ProviderApiError } from '@provision/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TEST_CLOUD, testCloudClient, useTestServer } from '../test/test-cloud.js';
import { defineCloudErrors } from './cloud-errors.js';
import { requestPowerAction } from './request-power-action.js';

const server = useTestServer();
const BASE = TEST_CLOUD;

// One server (id 1) whose status is `status`; an action on it answers 201, or 423 `locked` while
// `locked` is set; any other id answers 404. Every request is logged as "METHOD path body".
function cloud(state: { status: string; locked?: boolean; goneAfterAction?: boolean }) {
  const log: string[] = [];
  const missing = () =>
    HttpResponse.json({ error: { code: 'not_found', message: 'not found' } }, { status: 404 });
  server.use(
    http.post(`${BASE}/servers/:id/actions/:action`, async ({ request, params }) => {
      const text = await request.text();
      log.push(`POST /servers/${params.id}/actions/${params.action}${text === '' ? '' : ` ${text}`}`);
      if (params.id !== '1') return missing();
      if (state.locked)
        return HttpResponse.json({ error: { code: 'locked', message: 'server is locked' } }, { status: 423 });
      if (state.goneAfterAction) state.status = 'deleted';
      return HttpResponse.json({ action: { id: 9 } }, { status: 201 });
    }),
    http.get(`${BASE}/servers/:id`, ({ params }) => {
      log.push(`GET /servers/${params.id}`);
      if (params.id !== '1' || state.status === 'deleted') return missing();
      return HttpResponse.json({ server: { id: 1, status: state.status } });
    }),
  );
  return log;
}

const client = testCloudClient({
  errors: defineCloudErrors({ provider: 'testcloud', codes: { busy: ['locked'] } }),
  retry: { maxRetries: 0 },
});
const schema = z.object({ server: z.object({ id: z.number(), status: z.string() }) });
const toHost = (data: z.infer<typeof schema>): Host => ({
  id: String(data.server.id),
  provider: 'testcloud',
  name: 'web',
  owner: 'default',
  status: data.server.status === 'running' ? 'active' : 'stopped',
  nativeStatus: data.server.status,
  region: 'r1',
  plan: 'p1',
  tags: {},
  firewalled: false,
});

function power(id: string, action: string, operation: 'start' | 'stop' | 'reboot', underWay = false) {
  return requestPowerAction(client, {
    provider: 'testcloud',
    id,
    operation,
    actionPath: `/servers/${id}/actions/${action}`,
    ...(action === 'typed' ? { actionBody: { type: 'power_off' } } : {}),
    hostPath: `/servers/${id}`,
    schema,
    toHost,
    ...(underWay
      ? { isUnderWay: (error) => ProviderApiError.isInstance(error) && error.providerCode === 'locked' }
      : {}),
  });
}

describe('requestPowerAction', () => {
  it('POSTs the action, then reads the host once, showing the transition not reported yet', async () => {
    const log = cloud({ status: 'running' });
    await expect(power('1', 'poweroff', 'stop')).resolves.toMatchObject({ id: '1', status: 'stopping' });
    expect(log).toEqual(['POST /servers/1/actions/poweroff', 'GET /servers/1']);
  });

  it('sends the action body when one is given', async () => {
    const log = cloud({ status: 'running' });
    await power('1', 'typed', 'stop');
    expect(log[0]).toBe('POST /servers/1/actions/typed {"type":"power_off"}');
  });

  it('is HostNotFoundError when the action or the read answers 404, reading nothing after a 404 action', async () => {
    const log = cloud({ status: 'running' });
    await expect(power('2', 'poweron', 'start')).rejects.toSatisfy(HostNotFoundError.isInstance);
    expect(log).toEqual(['POST /servers/2/actions/poweron']);
    cloud({ status: 'running', goneAfterAction: true });
    await expect(power('1', 'reboot', 'reboot')).rejects.toSatisfy(HostNotFoundError.isInstance);
  });

  it('reads the host when the action is already under way, and passes the refusal on otherwise', async () => {
    const log = cloud({ status: 'stopped', locked: true });
    await expect(power('1', 'poweron', 'start', true)).resolves.toMatchObject({ status: 'starting' });
    expect(log).toEqual(['POST /servers/1/actions/poweron', 'GET /servers/1']);
    const refused = await power('1', 'poweron', 'start').catch((error: unknown) => error);
    expect(ProviderApiError.isInstance(refused) && refused.providerCode).toBe('locked');
  });
});
