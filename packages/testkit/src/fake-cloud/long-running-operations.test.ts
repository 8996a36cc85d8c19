import { describe, expect, it } from 'vitest';
import { defineErrorCodes } from './error-codes.js';
import { FakeCloud } from './fake-cloud.js';
import {
  azureAsyncHeaders,
  azureOperationBody,
  gceOperationBody,
  LongRunningOperations,
} from './long-running-operations.js';
import type { RouteContext } from './route-context.js';

const FIXED = () => new Date('2026-12-01T00:00:00Z');

/** An Azure-like cloud: PUT a VM answers 201 with Azure-AsyncOperation; the VM exists once it succeeds. */
class ArmLikeCloud extends FakeCloud {
  readonly operations = new LongRunningOperations({ readsUntilDone: 2, now: FIXED });
  readonly vms = new Set<string>();
  readonly errors = defineErrorCodes(
    {
      notFound: {
        status: 404,
        code: 'ResourceNotFound',
        message: (detail) => `Not found: ${detail ?? 'resource'}.`,
      },
      throttled: { status: 429, code: 'TooManyRequests', message: 'Retry later.' },
    },
    (error, headers) =>
      Response.json(
        { error: { code: error.code, message: error.message } },
        { status: error.status, headers },
      ),
    { not_found: 'notFound', rate_limited: 'throttled' },
  );

  constructor() {
    super({ provider: 'arm-like', baseUrl: 'https://management.example.test' });
    this.route('PUT', '/vms/:name', 'vms.put', (context) => this.#put(context));
    this.route('GET', '/vms/:name', 'vms.get', (context) => {
      const name = context.params.name as string;
      if (!this.vms.has(name)) this.errors.fail('notFound', `virtual machine ${name}`);
      return Response.json({ name });
    });
    this.route('GET', '/operations/:id', 'operations.get', (context) => {
      const record = this.operations.read(context.params.id as string);
      if (record === undefined) return this.errors.fail('notFound', 'operation');
      return Response.json(azureOperationBody(record, context.url.href));
    });
  }

  #put(context: RouteContext): Response {
    const name = context.params.name as string;
    const failing = name.startsWith('doomed');
    const record = this.operations.start({
      kind: 'Microsoft.Compute/virtualMachines/write',
      target: name,
      ...(failing ? { fail: { code: 'AllocationFailed', message: 'No capacity.' } } : {}),
      onSucceeded: () => this.vms.add(name),
    });
    return Response.json(
      { name },
      {
        status: 201,
        headers: azureAsyncHeaders(`${this.baseUrl}/operations/${record.id}`, {
          location: `${this.baseUrl}/vms/${name}`,
        }),
      },
    );
  }

  protected errorResponse(
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Response {
    return this.errors.fromBase(status, code, message, headers);
  }
}

describe('LongRunningOperations', () => {
  it('moves an operation one step per read, runs its hook once, and fails with the given error', () => {
    const operations = new LongRunningOperations({ readsUntilDone: 3, now: FIXED });
    let done = 0;
    const ok = operations.start({ kind: 'insert', target: 'vm-1', onSucceeded: () => done++ });
    const bad = operations.start({
      kind: 'insert',
      fail: { code: 'QUOTA_EXCEEDED', message: 'Quota exceeded.' },
    });
    expect([
      operations.read(ok.id)?.state,
      operations.read(ok.id)?.state,
      operations.read(ok.id)?.state,
    ]).toEqual(['running', 'running', 'succeeded']);
    operations.read(ok.id);
    expect(done).toBe(1);
    expect(operations.peek(bad.id)?.reads).toBe(0);
    for (let read = 0; read < 3; read++) operations.read(bad.id);
    expect(operations.peek(bad.id)).toMatchObject({ state: 'failed', error: { code: 'QUOTA_EXCEEDED' } });
    expect(operations.running()).toEqual([]);
    expect(operations.read('operation-99')).toBeUndefined();
    expect(() => new LongRunningOperations({ readsUntilDone: 0 })).toThrow(TypeError);
  });

  it('speaks Compute Engine: PENDING before any read, RUNNING, then DONE with error.errors', () => {
    const operations = new LongRunningOperations({ readsUntilDone: 2, idPrefix: 'operation-16', now: FIXED });
    const record = operations.start({
      kind: 'insert',
      fail: { code: 'ZONE_RESOURCE_POOL_EXHAUSTED', message: 'No room.' },
    });
    const links = { selfLink: 'https://compute.test/op', targetLink: 'https://compute.test/vm' };
    expect(gceOperationBody(record, links)).toMatchObject({ kind: 'compute#operation', status: 'PENDING' });
    expect(gceOperationBody(operations.read(record.id) ?? record, links)).toMatchObject({
      status: 'RUNNING',
    });
    expect(gceOperationBody(operations.read(record.id) ?? record, links)).toMatchObject({
      status: 'DONE',
      progress: 100,
      error: { errors: [{ code: 'ZONE_RESOURCE_POOL_EXHAUSTED', message: 'No room.' }] },
    });
  });
});

describe('an Azure-style cloud on FakeCloud', () => {
  it('answers 201 with Azure-AsyncOperation and Location, and the operation reaches Succeeded by reads', async () => {
    const cloud = new ArmLikeCloud();
    const put = await cloud.handle(new Request('https://management.example.test/vms/web', { method: 'PUT' }));
    if (!(put instanceof Response)) throw new Error('no response');
    expect(put.status).toBe(201);
    const poll = put.headers.get('azure-asyncoperation') as string;
    expect(put.headers.get('location')).toBe('https://management.example.test/vms/web');
    expect(put.headers.get('retry-after')).toBe('0');
    const read = async (url: string) => (await cloud.handle(new Request(url))) as Response;
    expect((await read('https://management.example.test/vms/web')).status).toBe(404);
    expect(await (await read(poll)).json()).toMatchObject({ status: 'InProgress' });
    expect(await (await read(poll)).json()).toMatchObject({
      status: 'Succeeded',
      endTime: '2026-12-01T00:00:00.000Z',
    });
    expect((await read('https://management.example.test/vms/web')).status).toBe(200);
  });

  it('fails an operation with the cloud error, and answers its own and the base errors from one table', async () => {
    const cloud = new ArmLikeCloud();
    const put = (await cloud.handle(
      new Request('https://management.example.test/vms/doomed', { method: 'PUT' }),
    )) as Response;
    const poll = put.headers.get('azure-asyncoperation') as string;
    await cloud.handle(new Request(poll));
    const done = (await cloud.handle(new Request(poll))) as Response;
    expect(await done.json()).toMatchObject({ status: 'Failed', error: { code: 'AllocationFailed' } });
    const missing = (await cloud.handle(new Request('https://management.example.test/vms/none'))) as Response;
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { error: { code: 'ResourceNotFound', message: 'Not found: virtual machine none.' } },
    ]);
    cloud.injectFault({ kind: 'rate-limit' });
    const throttled = (await cloud.handle(new Request(poll))) as Response;
    expect([
      throttled.status,
      (await throttled.json()).error.code,
      throttled.headers.get('retry-after'),
    ]).toEqual([429, 'TooManyRequests', '1']);
    const unrouted = (await cloud.handle(new Request('https://management.example.test/nowhere'))) as Response;
    expect((await unrouted.json()).error.code).toBe('ResourceNotFound');
  });
});
