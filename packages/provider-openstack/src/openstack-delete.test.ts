import { silentLogger } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createOpenStack } from './create-openstack.js';
import type { OpenStackSettings } from './openstack-settings.js';
import { OpenStackFake, openStackFakeSettings } from './testing/index.js';

const fakeServer = setupFakeServer();
let fake: OpenStackFake;

beforeEach(() => {
  fake = new OpenStackFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

const cloud = (settings: OpenStackSettings = {}) =>
  createOpenStack({ ...openStackFakeSettings(), ...settings }, { env: {}, logger: silentLogger });
const deletes = () =>
  fake.requests.filter((request) => request.method === 'DELETE').map((request) => request.operation);

/** Calls `next` until it answers done (at most 10 times); every answer in order. */
async function converge(next: () => Promise<{ done: boolean }>) {
  const answers = [];
  for (let call = 0; call < 10; call++) {
    const answer = await next();
    answers.push(answer);
    if (answer.done) break;
  }
  return answers;
}

describe('delete: the server once, then its floating IP, port and group, by id and by address', () => {
  it('by id: one DELETE of the server, then, once Nova answers 404, its floating IP, port and group in order in one call', async () => {
    const provisioner = cloud();
    const host = await provisioner.provision({ name: 'going', inbound: [{ from: 443 }] });
    await provisioner.status(host.id);
    const [server, port, address, group] = [
      fake.servers()[0]?.id,
      fake.ports()[0]?.id,
      fake.floatingIps()[0]?.id,
      fake.securityGroups().find((item) => item.name !== 'default')?.id,
    ];
    const answers = await converge(() => provisioner.delete({ id: host.id }));
    expect(answers).toEqual([
      {
        done: false,
        id: host.id,
        remaining: [`server ${server}`, `floating IP ${address}`, `port ${port}`, `security group ${group}`],
        found: true,
      },
      { done: true, id: host.id, found: true },
    ]);
    expect(deletes()).toEqual([
      'servers/id:delete',
      'v2.0/floatingips/id:delete',
      'v2.0/ports/port_id:delete',
      'v2.0/security-groups/id:delete',
    ]);
    expect(fake.leftovers()).toEqual([]);
  });

  it('by address on an external network: once the server is gone, its port is found by its fixed IP, and its group by name', async () => {
    const provisioner = cloud({ network: 'public' });
    const host = await provisioner.provision({ name: 'direct', inbound: [{ from: 22 }] });
    const { ipv4 } = await provisioner.status(host.id);
    const answers = await converge(() => provisioner.delete({ ip: ipv4 as string }));
    expect(answers.at(-1)).toEqual({ done: true, found: true });
    expect(deletes()).toEqual([
      'servers/id:delete',
      'v2.0/ports/port_id:delete',
      'v2.0/security-groups/id:delete',
    ]);
    expect(fake.requests.some((request) => request.path.includes('fixed_ips=ip_address'))).toBe(true);
    expect(fake.leftovers()).toEqual([]);
    expect(await provisioner.delete({ ip: ipv4 as string })).toEqual({ done: true, found: false });
  });
});
