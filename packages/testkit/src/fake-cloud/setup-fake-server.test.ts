import { describe, expect, it } from 'vitest';
import { FakeCloud } from './fake-cloud.js';
import { setupFakeServer } from './setup-fake-server.js';

class NamedCloud extends FakeCloud {
  constructor(host: string) {
    super({ provider: host, baseUrl: `https://${host}.test` });
    this.route('GET', '/whoami', 'whoami', () => Response.json({ host }));
  }

  protected errorResponse(status: number, code: string, message: string): Response {
    return Response.json({ code, message }, { status });
  }
}

const fakeServer = setupFakeServer();

describe('setupFakeServer', () => {
  it('routes each fake its own origin', async () => {
    const one = new NamedCloud('one');
    const two = new NamedCloud('two');
    fakeServer.use(one, two);
    expect(await (await fetch('https://two.test/whoami')).json()).toEqual({ host: 'two' });
    expect(await (await fetch('https://one.test/whoami')).json()).toEqual({ host: 'one' });
    expect([one.count(), two.count()]).toEqual([1, 1]);
  });

  it('fails a request no fake handles instead of sending it to the network', async () => {
    fakeServer.use(new NamedCloud('one'));
    await expect(fetch('https://elsewhere.test/whoami')).rejects.toThrow();
  });

  it('holds the next matching request from its fake until released, and that one only', async () => {
    const one = new NamedCloud('one');
    fakeServer.use(one);
    const held = fakeServer.hold(one, (request) => new URL(request.url).pathname === '/whoami');
    const answer = fetch('https://one.test/whoami');
    await held.arrived;
    // Held: the fake has not seen it, and a later request goes past it.
    expect(one.count()).toBe(0);
    expect(await (await fetch('https://one.test/whoami')).json()).toEqual({ host: 'one' });
    expect(one.count()).toBe(1);
    held.release();
    expect(await (await answer).json()).toEqual({ host: 'one' });
    expect(one.count()).toBe(2);
  });

  it('replaces the fakes of the previous use()', async () => {
    const first = new NamedCloud('one');
    fakeServer.use(first);
    fakeServer.use(new NamedCloud('two'));
    await expect(fetch('https://one.test/whoami')).rejects.toThrow();
    expect(first.count()).toBe(0);
  });
});
