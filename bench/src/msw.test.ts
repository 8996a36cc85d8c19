import { EXAMPLE_API_URL, EXAMPLE_FAKE_TOKEN, ExampleCloudFake } from '@provision/testkit/example';
import { describe, expect, it } from 'vitest';
import { type Wire, withFakes } from './msw.ts';
import { replay } from './sections/list-at-scale.ts';

const headers = { authorization: `Bearer ${EXAMPLE_FAKE_TOKEN}`, 'content-type': 'application/json' };
const server = { name: 'web-1', region: 'east-1', plan: 'nano', image: 'ubuntu-24-04' };

function create(name: string): Request {
  return new Request(`${EXAMPLE_API_URL}/v1/servers`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...server, name }),
  });
}

const list = () => new Request(`${EXAMPLE_API_URL}/v1/servers?per_page=50`, { headers });

describe('withFakes', () => {
  it('answers every request from the fake and keeps a copy of each in the wire', async () => {
    const fake = new ExampleCloudFake();
    const wire: Wire = { latencyMs: 0, recorded: [] };
    const answers = await withFakes(
      [fake],
      async () => [(await fetch(create('web-1'))).status, (await fetch(list())).status],
      wire,
    );
    expect(answers).toEqual([201, 200]);
    expect(fake.servers.values().map((record) => record.name)).toEqual(['web-1']);
    const recorded = wire.recorded ?? [];
    expect(recorded.map((request) => `${request.method} ${request.url}`)).toEqual([
      `POST ${EXAMPLE_API_URL}/v1/servers`,
      `GET ${EXAMPLE_API_URL}/v1/servers?per_page=50`,
    ]);
    // A copy: its body is still there to send again.
    expect(JSON.parse(await (recorded[0] as Request).text())).toEqual(server);
  });

  it('fails a request no fake answers instead of sending it on', async () => {
    const fake = new ExampleCloudFake();
    const mark = fake.mark();
    await expect(
      withFakes([fake], () => fetch('https://elsewhere.example-cloud.test/v1/servers')),
    ).rejects.toThrow();
    expect(fake.since(mark)).toEqual([]);
  });
});

describe('replay (the transfer of the list at scale)', () => {
  it('sends the recorded requests again, in order, bodies included, through msw to the fake', async () => {
    const fake = new ExampleCloudFake();
    const wire: Wire = { latencyMs: 0, recorded: [] };
    const { elapsedMs, replayed } = await withFakes(
      [fake],
      async () => {
        await fetch(create('web-1'));
        await fetch(list());
        const recorded = wire.recorded ?? [];
        delete wire.recorded;
        const mark = fake.mark();
        const elapsedMs = await replay(recorded);
        return { elapsedMs, replayed: fake.since(mark) };
      },
      wire,
    );
    expect(
      replayed.map(({ operation, method, path, status }) => ({ operation, method, path, status })),
    ).toEqual([
      { operation: 'servers.create', method: 'POST', path: '/v1/servers', status: 201 },
      { operation: 'servers.list', method: 'GET', path: '/v1/servers?per_page=50', status: 200 },
    ]);
    expect(JSON.parse(replayed[0]?.body ?? 'null')).toEqual(server);
    // The replayed create made a second server: the request reached the fake whole.
    expect(fake.servers.values()).toHaveLength(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('rejects when an answer cannot be had, instead of timing a failure', async () => {
    const fake = new ExampleCloudFake();
    await expect(
      withFakes([fake], () => replay([new Request('https://elsewhere.example-cloud.test/v1/servers')])),
    ).rejects.toThrow();
  });
});
