import { type Host, QuotaExceededError } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOpenStack } from './create-openstack.js';
import { RESOURCE_KEYS } from './openstack-ids.js';
import { OPENSTACK_FAKE_URL, OpenStackFake, openStackFakeSettings } from './testing/index.js';

const fakeServer = setupFakeServer();
let fake: OpenStackFake;
let warnings: string[];

beforeEach(() => {
  fake = new OpenStackFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
  warnings = [];
});

/** A provisioner of its own (its own Keystone token), as a second process would have. */
const cloud = () =>
  createOpenStack(openStackFakeSettings(), {
    env: {},
    logger: { debug() {}, warn: (message) => warnings.push(message) },
  });

/** `GET ports`, `POST security-group-rules`: a request's method and the last part of its path. */
const keyOf = (request: Request) => `${request.method} ${new URL(request.url).pathname.split('/').at(-1)}`;

/**
 * Puts itself in front of the fake: each request may first wait for `before` to resolve, and every
 * answer is counted, so a test can hold one caller's request until the fake has answered another's.
 */
function orderRequests(before: (key: string, token: string, nth: number) => Promise<void> | undefined) {
  const answered = new Map<string, number>();
  const arrived = new Map<string, number>();
  const waiting: Array<{ key: string; count: number; resolve: () => void }> = [];
  fakeServer.server.use(
    http.all(
      ({ request }) => new URL(request.url).origin === OPENSTACK_FAKE_URL,
      async ({ request }) => {
        const key = keyOf(request);
        const nth = (arrived.get(key) ?? 0) + 1;
        arrived.set(key, nth);
        await before(key, request.headers.get('x-auth-token') ?? '', nth);
        const answer = (await fake.handle(request)) as Response;
        answered.set(key, (answered.get(key) ?? 0) + 1);
        for (const waiter of waiting.filter((entry) => (answered.get(entry.key) ?? 0) >= entry.count)) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve();
        }
        return answer;
      },
    ),
  );
  /** Resolves once the fake has answered `count` requests of `key`. */
  return (key: string, count: number) =>
    (answered.get(key) ?? 0) >= count
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiting.push({ key, count, resolve }));
}

const groupDeletes = () =>
  fake.requests.filter((request) => request.operation === 'v2.0/security-groups/id:delete');

/**
 * Two callers provision one host behind a firewall at once. The first makes the host's security
 * group; the second, looking a moment later, finds it and puts its own port in it. Neither found a
 * port of the host's name. `firstWins`: whose server Nova makes first, the older, which both keep.
 */
async function raceForOneGroup(firstWins: boolean): Promise<[Host, Host]> {
  let creatorToken: string | undefined;
  const answered = orderRequests((key, token, nth) => {
    if (key === 'GET security-groups' && nth === 1) creatorToken = token;
    // No port exists when either looks for one.
    if (key === 'POST ports' && nth === 1) return answered('GET ports', 2);
    // The second looks for the group once the first has made it with its rules.
    if (key === 'GET security-groups' && nth === 2) return answered('POST security-group-rules', 1);
    // The winner's server is made first (same second: Nova's smaller id wins the tie).
    if (key === 'POST servers' && (token === creatorToken) !== firstWins) return answered('POST servers', 1);
    return undefined;
  });
  const spec = { name: 'raced', inbound: [{ from: 22 }] };
  return Promise.all([cloud().provision(spec), cloud().provision(spec)]);
}

describe('two callers racing for one host behind one security group', () => {
  for (const [firstWins, story] of [
    [true, 'the loser found the group the winner made'],
    [false, 'the loser made the group the winner found'],
  ] as const)
    it(`${story}: the loser removes its own server, port and address, never the group`, async () => {
      const [one, two] = await raceForOneGroup(firstWins);
      expect(one.id).toBe(two.id);
      // The cloud's own `default` group of each region aside, the host's one group is left.
      const groups = fake.securityGroups().filter((candidate) => candidate.name !== 'default');
      expect(groups).toHaveLength(1);
      const [group] = groups;
      // Both ports were in the one group, and the loser's went with its server.
      expect(fake.requests.filter((request) => request.operation === 'v2.0/ports:post')).toHaveLength(2);
      const live = fake.servers().filter((server) => !server.deleting);
      expect(live).toHaveLength(1);
      const ports = fake.ports().filter((port) => port.name === group?.name);
      expect(ports.map((port) => [port.deviceId, port.securityGroups])).toEqual([[live[0]?.id, [group?.id]]]);
      expect(fake.floatingIps()).toHaveLength(1);
      // Never asked to go while the winner's port is in it, so nothing to warn about.
      expect(groupDeletes()).toEqual([]);
      expect(warnings).toEqual([]);
      expect(fake.inboundRules(live[0]?.id as string)).toEqual([{ from: 22, to: 22, protocol: 'tcp' }]);
    });

  it('each made a group of its own: the loser removes its own group with the rest, the winner keeps its', async () => {
    const answered = orderRequests((key, _token, nth) => {
      // Both look for the port and for the group before either makes one.
      if (key === 'POST ports' && nth === 1) return answered('GET ports', 2);
      if (key === 'POST security-groups' && nth === 1) return answered('GET security-groups', 2);
      return undefined;
    });
    const spec = { name: 'raced', inbound: [{ from: 22 }] };
    const [one, two] = await Promise.all([cloud().provision(spec), cloud().provision(spec)]);
    expect(one.id).toBe(two.id);
    expect(fake.requests.filter((request) => request.operation === 'v2.0/security-groups:post')).toHaveLength(
      2,
    );
    const [winner] = fake.servers().filter((server) => !server.deleting);
    const groups = fake.securityGroups().filter((candidate) => candidate.name !== 'default');
    expect(groups.map((group) => group.id)).toEqual([winner?.metadata[RESOURCE_KEYS.securityGroup]]);
    expect(groupDeletes().map((request) => request.status)).toEqual([204]);
    expect(warnings).toEqual([]);
  });
});

describe('a create Nova refuses while a racer is under way', () => {
  it('removes only what this call made: the port, address and group a racer made for its server stay', async () => {
    const spec = { name: 'raced', inbound: [{ from: 22 }] };
    const held = fakeServer.hold(fake, (request) => keyOf(request) === 'POST servers');
    // The racer has made its group, port and floating IP, and its server's create is on the way.
    const racer = cloud().provision(spec);
    await held.arrived;
    const made = {
      ports: fake.ports().map((port) => port.id),
      floatingIps: fake.floatingIps().map((address) => address.id),
      groups: fake.securityGroups().map((group) => group.id),
    };
    // This call finds the racer's port by name (and its group and address with it); Nova refuses
    // the server (the quota is reached for a moment: another server of the project is going).
    fake.setInstanceLimit(0);
    await expect(cloud().provision(spec)).rejects.toSatisfy(QuotaExceededError.isInstance);
    fake.setInstanceLimit(25);
    held.release();
    const host = await racer;
    expect(fake.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
    expect({
      ports: fake.ports().map((port) => port.id),
      floatingIps: fake.floatingIps().map((address) => address.id),
      groups: fake.securityGroups().map((group) => group.id),
    }).toEqual(made);
    const [server] = fake.servers();
    expect(fake.servers()).toHaveLength(1);
    expect(host.id).toContain(server?.id as string);
    expect(fake.inboundRules(server?.id as string)).toEqual([{ from: 22, to: 22, protocol: 'tcp' }]);
  });
});
