import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cheapestPlan,
  MissingCredentialsError,
  QuotaExceededError,
  silentLogger,
  UnsupportedError,
  waitForHost,
} from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { setupFakeServer } from '@provision/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { createScaleway } from './create-scaleway.js';
import { scalewayCatalog } from './scaleway-catalog.js';
import { MANAGED_TAG } from './scaleway-tags.js';
import {
  SCALEWAY_API_URL,
  SCALEWAY_FAKE_ACCESS_KEY,
  SCALEWAY_FAKE_PROJECT_ID,
  SCALEWAY_FAKE_SECRET_KEY,
  ScalewayFake,
} from './testing/index.js';

const fakeServer = setupFakeServer();
let fake: ScalewayFake;

beforeEach(() => {
  fake = new ScalewayFake({ readsUntilActive: 1 });
  fakeServer.use(fake);
});

// No retries: a fault here is meant to end the call.
const settings = {
  secretKey: SCALEWAY_FAKE_SECRET_KEY,
  projectId: SCALEWAY_FAKE_PROJECT_ID,
  retry: { maxRetries: 0 },
};
const cloud = (env: Record<string, string> = {}) =>
  createScaleway(env.HOME === undefined ? settings : { retry: { maxRetries: 0 } }, {
    env,
    logger: silentLogger,
  });

const requestsOf = (operation: string) => fake.requests.filter((request) => request.operation === operation);
const bodyOf = (operation: string) => JSON.parse(requestsOf(operation)[0]?.body ?? 'null');

describe('what reaches Scaleway', () => {
  it('creates the server stopped, then sets its cloud-init user-data as text and powers it on', async () => {
    const script = '#!/bin/sh\necho héllo\n';
    const host = await cloud().provision({ name: 'web', userData: script });
    const order = fake.requests.map((request) => request.operation);
    expect(order).toEqual([
      'listServers',
      'createServer',
      'listServers',
      'setServerUserData',
      'serverAction',
    ]);
    expect(bodyOf('createServer')).toMatchObject({
      name: 'web',
      commercial_type: 'DEV1-S',
      image: 'ubuntu_noble',
      project: SCALEWAY_FAKE_PROJECT_ID,
      dynamic_ip_required: true,
      volumes: { '0': { volume_type: 'l_ssd' } },
    });
    const userData = requestsOf('setServerUserData')[0];
    expect(userData?.path).toMatch(/\/servers\/[0-9a-f-]{36}\/user_data\/cloud-init$/);
    expect(userData?.body).toBe(script);
    expect(bodyOf('serverAction')).toEqual({ action: 'poweron' });
    expect(host.status).toBe('provisioning');
    const [server] = fake.servers();
    expect(host.id).toBe(`fr-par-1/${server?.id}`);
    expect(server?.userData.get('cloud-init')).toBe(script);
  });

  it('creates the security group, drop by default, with all its rules, before the server inside it', async () => {
    const host = await cloud().provision({
      name: 'web',
      inbound: [{ from: 22 }, { from: 8000, to: 8100, protocol: 'udp' }],
    });
    const order = fake.requests.map((request) => request.operation);
    expect(order.indexOf('setSecurityGroupRules')).toBeLessThan(order.indexOf('createServer'));
    const [group] = fake.groups();
    expect(group).toMatchObject({
      inboundDefaultPolicy: 'drop',
      outboundDefaultPolicy: 'accept',
      stateful: true,
    });
    expect(bodyOf('createServer').security_group).toBe(group?.id);
    expect(host.id).toBe(`fr-par-1/${fake.servers()[0]?.id}/${group?.id}`);
    expect(
      group?.rules.map((rule) => `${rule.protocol} ${rule.ipRange} ${rule.destPortFrom}-${rule.destPortTo}`),
    ).toEqual(['TCP 0.0.0.0/0 22-22', 'TCP ::/0 22-22', 'UDP 0.0.0.0/0 8000-8100', 'UDP ::/0 8000-8100']);
  });
});

describe('plans', () => {
  it('leaves out the types the zone sells that take no local root volume, which the create cannot boot', async () => {
    const answer = await fetch(`${fake.baseUrl}/instance/v1/zones/fr-par-1/products/servers`, {
      headers: { 'X-Auth-Token': SCALEWAY_FAKE_SECRET_KEY },
    });
    const { servers } = (await answer.json()) as {
      servers: Record<string, { volumes_constraint: { max_size: number } }>;
    };
    expect(servers['PLAY2-PICO']?.volumes_constraint.max_size).toBe(0);
    const sent = fake.requests.length;
    const plans = await cloud().plans?.({ region: 'fr-par-1' });
    expect(fake.requests.slice(sent).map((request) => request.operation)).toEqual(['listServersTypes']);
    expect(plans?.map((plan) => plan.id).sort()).toEqual(
      Object.entries(servers)
        .filter(([, type]) => type.volumes_constraint.max_size > 0)
        .map(([id]) => id)
        .sort(),
    );
    expect(plans?.map((plan) => plan.id)).not.toContain('PLAY2-PICO');
    expect(plans?.map((plan) => plan.id)).toContain('DEV1-S');
  });
});

describe('STARDUST1-S, sold only in fr-par-1 and nl-ams-1', () => {
  it('is offered by the catalog in those zones only', () => {
    expect(cheapestPlan(scalewayCatalog.plans, { region: 'fr-par-1' })?.id).toBe('STARDUST1-S');
    expect(cheapestPlan(scalewayCatalog.plans, { region: 'nl-ams-1' })?.id).toBe('STARDUST1-S');
    for (const zone of ['fr-par-2', 'nl-ams-2', 'pl-waw-1'])
      expect(cheapestPlan(scalewayCatalog.plans, { region: zone })?.id).toBe('DEV1-S');
  });

  it('asked for in another zone, is refused with UnsupportedError before any request', async () => {
    const outcome = await cloud()
      .provision({ name: 'dust', region: 'fr-par-2', plan: 'STARDUST1-S' })
      .catch((error: unknown) => error);
    expect(UnsupportedError.isInstance(outcome)).toBe(true);
    expect((outcome as UnsupportedError).message).toContain('STARDUST1-S');
    expect((outcome as UnsupportedError).message).toContain('fr-par-2');
    expect((outcome as UnsupportedError).hint).toContain('fr-par-1, nl-ams-1');
    expect(fake.requests).toEqual([]);
  });

  it('asked for in fr-par-1, is created', async () => {
    await cloud().provision({ name: 'dust', region: 'fr-par-1', plan: 'STARDUST1-S' });
    expect(bodyOf('createServer')).toMatchObject({ commercial_type: 'STARDUST1-S' });
  });
});

describe('an interrupted provision', () => {
  it('is completed by a repeat: the server found by its identity tag gets its user-data and power-on', async () => {
    fake.injectFault({ kind: 'http-500', operation: 'setServerUserData', times: 10 });
    await expect(cloud().provision({ name: 'web', userData: 'echo 1' })).rejects.toThrow();
    const [server] = fake.servers();
    expect(server?.state).toBe('stopped');
    // Stopped, never booted: not `stopped`, which would say a user stopped it.
    const id = `fr-par-1/${server?.id}`;
    expect((await cloud().status(id)).status).toBe('provisioning');
    fake.clearFaults();
    const again = await cloud().provision({ name: 'web', userData: 'echo 1' });
    expect(again.id).toBe(id);
    expect(fake.servers()).toHaveLength(1);
    expect(server?.userData.get('cloud-init')).toBe('echo 1');
    expect((await cloud().status(id)).status).toBe('active');
  });
});

describe('provision() of a name that exists', () => {
  it('returns the server after one listing, and says how it differs from the spec', async () => {
    const first = await cloud().provision({ name: 'web', tags: { team: 'a' } });
    const before = fake.requests.length;
    const again = await cloud().provision({
      name: 'web',
      plan: 'DEV1-M',
      inbound: [{ from: 22 }],
      tags: { team: 'b' },
    });
    expect(again.id).toBe(first.id);
    // Nothing made for the differing spec: no group, no second server.
    expect(fake.requests.slice(before).map((request) => request.operation)).toEqual(['listServers']);
    // Scaleway shows the image it resolved a label to, never the label: the OS is not compared.
    expect(again.specMismatch).toEqual([
      'plan: DEV1-S (asked: DEV1-M)',
      'inbound: none (the default networking) (asked: 22/tcp)',
      'tags: team=a (asked: team=b)',
    ]);
    const same = await cloud().provision({ name: 'web', tags: { team: 'a' } });
    expect(same.specMismatch).toBeUndefined();
    expect(fake.servers()).toHaveLength(1);
  });

  it('names a security group of its own that the spec does not ask for', async () => {
    const first = await cloud().provision({ name: 'guarded', inbound: [{ from: 443 }] });
    const again = await cloud().provision({ name: 'guarded' });
    expect(again.id).toBe(first.id);
    expect(again.specMismatch).toEqual(['inbound: its own firewall (asked: none (the default networking))']);
    const same = await cloud().provision({ name: 'guarded', inbound: [{ from: 443 }] });
    expect(same.specMismatch).toBeUndefined();
  });
});

describe('delete', () => {
  it('terminates a running server, then finds its volume and IP gone with it, then the group', async () => {
    // Three reads per transition: the calls after the terminate find the server stopping.
    fake = new ScalewayFake({ readsUntilActive: 3 });
    fakeServer.use(fake);
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 443 }] });
    await waitForHost(cloud(), host.id, { until: 'active', interval: 0, timeout: 5_000 });
    expect(fake.ips()).toHaveLength(1);
    let result = await cloud().delete({ id: host.id });
    expect(bodyOf('serverAction')).toEqual({ action: 'poweron' });
    expect(JSON.parse(requestsOf('serverAction')[1]?.body ?? '{}')).toEqual({ action: 'terminate' });
    const answers = [result];
    for (let call = 0; call < 5 && !result.done; call++) {
      result = await cloud().delete({ id: host.id });
      answers.push(result);
    }
    expect(result.done).toBe(true);
    // One terminate: the calls that find the server stopping (terminating) only read it.
    const actions = requestsOf('serverAction').map((request) => JSON.parse(request.body ?? '{}').action);
    expect(actions.filter((action) => action === 'terminate')).toHaveLength(1);
    expect(answers.length).toBeGreaterThan(2);
    expect(answers[1]?.remaining).toEqual([
      `server ${host.id.split('/')[1]}`,
      `security group ${host.id.split('/')[2]}`,
    ]);
    expect(fake.leftovers()).toEqual([]);
  });

  it('deletes a server that never booted, and its volume, which a terminate cannot', async () => {
    fake.injectFault({ kind: 'http-500', operation: 'serverAction', times: 10 });
    await expect(cloud().provision({ name: 'web' })).rejects.toThrow();
    fake.clearFaults();
    const id = `fr-par-1/${fake.servers()[0]?.id}`;
    let result = await cloud().delete({ id });
    for (let call = 0; call < 5 && !result.done; call++) result = await cloud().delete({ id });
    expect(result.done).toBe(true);
    expect(requestsOf('deleteServer')).toHaveLength(1);
    expect(requestsOf('deleteVolume')).toHaveLength(1);
    expect(fake.leftovers()).toEqual([]);
  });
});

describe('orphans', () => {
  it('finds the root volume a failed delete left detached, by its name, and deletes it', async () => {
    fake.injectFault({ kind: 'http-500', operation: 'serverAction', times: 10 });
    await expect(cloud().provision({ name: 'web' })).rejects.toThrow();
    fake.clearFaults();
    const id = `fr-par-1/${fake.servers()[0]?.id}`;
    fake.injectFault({ kind: 'http-500', operation: 'deleteVolume', times: 10 });
    await expect(cloud().delete({ id })).rejects.toThrow();
    fake.clearFaults();
    // The server is gone; its volume is not, and no host id names it any more.
    expect((await cloud().delete({ id })).done).toBe(true);
    expect(fake.volumes()).toHaveLength(1);
    // Made moments ago (its `creation_date`), it is not an orphan yet.
    expect(await cloud().orphans?.()).toEqual([]);
    fake.ageGroupsAndVolumes(ORPHAN_MIN_AGE_MS);
    const orphans = (await cloud().orphans?.()) ?? [];
    expect(orphans).toEqual([
      {
        kind: 'volume',
        id: `fr-par-1/${fake.volumes()[0]?.id}`,
        name: fake.volumes()[0]?.name,
        owner: 'default',
      },
    ]);
    expect((await cloud().deleteOrphan?.(orphans[0] as NonNullable<(typeof orphans)[0]>))?.done).toBe(true);
    expect(fake.leftovers()).toEqual([]);
  });
});

describe('stop', () => {
  it('drops the boot marker, so a stopped host reads stopped', async () => {
    const host = await cloud().provision({ name: 'web' });
    await cloud().status(host.id);
    await cloud().stop?.(host.id);
    expect(fake.servers()[0]?.tags.some((tag) => tag.startsWith('provision-boot'))).toBe(false);
    await cloud().status(host.id);
    expect((await cloud().status(host.id)).status).toBe('stopped');
  });
});

describe('credentials', () => {
  function home(config: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'scw-home-'));
    mkdirSync(join(dir, '.config', 'scw'), { recursive: true });
    writeFileSync(join(dir, '.config', 'scw', 'config.yaml'), config);
    return dir;
  }

  it('reads the active profile of the scw CLI, its keys over the top-level ones', async () => {
    const dir = home(
      [
        `secret_key: 00000000-0000-4000-8000-000000000000`,
        `default_project_id: ${SCALEWAY_FAKE_PROJECT_ID}`,
        'active_profile: work',
        'profiles:',
        '  work:',
        `    access_key: ${SCALEWAY_FAKE_ACCESS_KEY}`,
        `    secret_key: "${SCALEWAY_FAKE_SECRET_KEY}"`,
        '',
      ].join('\n'),
    );
    const host = await cloud({ HOME: dir }).provision({ name: 'web' });
    expect(host.name).toBe('web');
    expect(bodyOf('createServer').project).toBe(SCALEWAY_FAKE_PROJECT_ID);
  });

  it('names the option and the variable, never the value, when the key is malformed', async () => {
    const error = await cloud({ HOME: home('secret_key: not-a-uuid-secret\n') })
      .provision({ name: 'web' })
      .catch((caught: unknown) => caught);
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/secretKey|SCW_SECRET_KEY/);
    expect(String((error as Error).message)).not.toContain('not-a-uuid-secret');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('a create Scaleway refuses while a racer is under way', () => {
  it('removes only the security group this call made: the one a racer made for its server stays', async () => {
    const spec = { name: 'web', inbound: [{ from: 22 }] };
    const held = fakeServer.hold(
      fake,
      (request) => request.method === 'POST' && new URL(request.url).pathname.endsWith('/servers'),
    );
    const ownGroups = () => fake.groups().filter((group) => !group.projectDefault);
    // The racer has made the group with its rules, and its server's create is on the way.
    const racer = cloud().provision(spec);
    await held.arrived;
    const [racersGroup] = ownGroups();
    // This call finds that group, unused yet; Scaleway refuses its server (the quota is reached
    // for a moment: another server of the Project is going).
    fake.setServerLimit(0);
    await expect(cloud().provision(spec)).rejects.toSatisfy(QuotaExceededError.isInstance);
    fake.setServerLimit(25);
    held.release();
    const host = await racer;
    expect(requestsOf('deleteSecurityGroup')).toEqual([]);
    expect(ownGroups().map((group) => group.id)).toEqual([racersGroup?.id]);
    expect(fake.servers().map((server) => server.securityGroupId)).toEqual([racersGroup?.id]);
    expect(host.id.split('/').slice(1)).toEqual([fake.servers()[0]?.id, racersGroup?.id]);
  });
});

describe('a provision that loses a race with inbound', () => {
  const spec = { name: 'web', inbound: [{ from: 22 }] };
  const ownGroups = () => fake.groups().filter((group) => !group.projectDefault);
  /**
   * The loser's first `method` request to a path ending in `suffix` is held while a racer
   * provisions to the end; then the loser goes on. A clock a second on per date puts the racers'
   * servers in a known order. `sent`: what the loser sent once it went on.
   */
  const race = async (method: string, suffix: string) => {
    let time = Date.parse('2026-06-01T00:00:00Z');
    const now = () => {
      time += 1_000;
      return new Date(time);
    };
    fake = new ScalewayFake({ readsUntilActive: 1, now });
    fakeServer.use(fake);
    const held = fakeServer.hold(
      fake,
      (request) => request.method === method && new URL(request.url).pathname.endsWith(suffix),
    );
    const loser = cloud().provision(spec);
    await held.arrived;
    const winner = await cloud().provision(spec);
    const [winnersGroup] = ownGroups();
    const start = fake.requests.length;
    held.release();
    const host = await loser;
    const sent = fake.requests.slice(start).map((request) => `${request.method} ${request.operation}`);
    return { winner, winnersGroup, host, sent };
  };

  it('deletes only its server and volume when the winner sits in the group it made', async () => {
    // This call has made the group; its server's create is on the way when the racer adopts the
    // group (no server in it yet) and makes its own server inside it first.
    const { winner, winnersGroup: group, host, sent } = await race('POST', '/servers');
    expect(sent).toEqual([
      'POST createServer',
      'GET listServers',
      'GET getServer',
      'DELETE deleteServer',
      'DELETE deleteVolume',
    ]);
    expect(host.id).toBe(winner.id);
    expect(ownGroups().map((each) => each.id)).toEqual([group?.id]);
    expect(fake.servers().map((server) => server.securityGroupId)).toEqual([group?.id]);
    expect(fake.servers().map((server) => server.id)).toEqual([winner.id.split('/')[1]]);
  });

  it('deletes its server and volume, then the group it made, when the winner sits in another', async () => {
    // This call's group lookup is on the way while the racer makes its group and its server.
    const { winner, winnersGroup, host, sent } = await race('GET', '/security_groups');
    expect(sent).toEqual([
      'GET listSecurityGroups',
      'POST createSecurityGroup',
      'PUT setSecurityGroupRules',
      'POST createServer',
      'GET listServers',
      'GET getServer',
      'DELETE deleteServer',
      'DELETE deleteVolume',
      'DELETE deleteSecurityGroup',
    ]);
    expect(host.id).toBe(winner.id);
    // The group this call made went, once its server had: never the winner's.
    expect(requestsOf('deleteSecurityGroup')[0]?.path).not.toContain(winnersGroup?.id);
    expect(ownGroups().map((each) => each.id)).toEqual([winnersGroup?.id]);
    expect(fake.servers().map((server) => server.securityGroupId)).toEqual([winnersGroup?.id]);
  });
});

describe('with inbound, what reaches Scaleway', () => {
  // Each run of one operation as `<verb> <operation>` with its count when it repeats.
  const runsSince = (start: number) => {
    const runs: { name: string; count: number }[] = [];
    for (const { method, operation } of fake.requests.slice(start)) {
      const name = `${method} ${operation}`;
      const last = runs.at(-1);
      if (last?.name === name) last.count += 1;
      else runs.push({ name, count: 1 });
    }
    return runs.map(({ name, count }) => (count === 1 ? name : `${name} x${count}`));
  };

  it('removes the group this call made once Scaleway refuses the server', async () => {
    fake.setServerLimit(0);
    await expect(cloud().provision({ name: 'web', inbound: [{ from: 22 }] })).rejects.toSatisfy(
      QuotaExceededError.isInstance,
    );
    expect(runsSince(0)).toEqual([
      'GET listServers',
      'GET listSecurityGroups',
      'POST createSecurityGroup',
      'PUT setSecurityGroupRules',
      'POST createServer',
      'GET listServers',
      'DELETE deleteSecurityGroup',
    ]);
    expect(fake.groups().filter((group) => !group.projectDefault)).toEqual([]);
  });

  it('by address: tags the group with the address before the terminate, then finds it by that tag', async () => {
    const host = await cloud().provision({ name: 'web', inbound: [{ from: 22 }] });
    const active = await waitForHost(cloud(), host.id, { until: 'active', interval: 0, timeout: 5_000 });
    const groupId = host.id.split('/')[2];
    const start = fake.requests.length;
    const first = await cloud().delete({ ip: active.ipv4 as string });
    expect(runsSince(start)).toEqual([
      'GET listServers x9',
      'PATCH updateSecurityGroup',
      'POST serverAction',
    ]);
    expect(first).toMatchObject({ done: false, id: host.id });
    expect(fake.groups().find((group) => group.id === groupId)?.tags).toContain(
      `provision-released=${active.ipv4}`,
    );
    const next = fake.requests.length;
    let result = await cloud().delete({ ip: active.ipv4 as string });
    for (let call = 0; call < 5 && !result.done; call++)
      result = await cloud().delete({ ip: active.ipv4 as string });
    expect(result.done).toBe(true);
    expect(runsSince(next).slice(-3)).toEqual([
      'GET listServers x9',
      'GET listSecurityGroups x9',
      'DELETE deleteSecurityGroup',
    ]);
    expect(requestsOf('deleteSecurityGroup').map((request) => request.path)).toEqual([
      expect.stringContaining(`/security_groups/${groupId}`),
    ]);
    expect(fake.leftovers()).toEqual([]);
  });
});

describe('list across pages', () => {
  // Without `page` the API answers page 1 (the SDK leaves it out of the first request).
  const pageOf = (path: string) => new URLSearchParams(path.split('?')[1]).get('page') ?? '1';
  it('returns every managed host of every page in the cloud order, filtered by owner and tags, servers not ours left out', async () => {
    fake.setMaxPerPage(2);
    const provisioner = cloud();
    const list = (filter?: Parameters<NonNullable<typeof provisioner.list>>[0]) =>
      provisioner.list?.({ region: 'fr-par-1', ...filter }) ?? [];
    await provisioner.provision({ name: 'a-1', owner: 'team-a', tags: { tier: 'web' } });
    await provisioner.provision({ name: 'b-2', owner: 'team-b', tags: { tier: 'web' } });
    // A server carrying only the managed-by tag (no name tag): listed by the API's tag filter, not ours.
    const create = bodyOf('createServer');
    const foreign = await fetch(`${SCALEWAY_API_URL}/instance/v1/zones/fr-par-1/servers`, {
      method: 'POST',
      headers: { 'x-auth-token': SCALEWAY_FAKE_SECRET_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ ...create, name: 'not-ours', tags: [MANAGED_TAG, 'tier=web'] }),
    });
    expect(foreign.status).toBe(201);
    await provisioner.provision({ name: 'c-3', owner: 'team-a', tags: { tier: 'db' } });
    await provisioner.provision({ name: 'd-4', owner: 'team-a', tags: { tier: 'web' } });
    const mark = fake.mark();

    const names = async (filter?: Parameters<typeof list>[0]) =>
      (await list(filter)).map((host) => host.name);
    expect(await names()).toEqual(['a-1', 'b-2', 'c-3', 'd-4']);
    // 5 servers carry the managed tag; at 2 a page, that is pages 1, 2 and 3 (page 1 first).
    const pages = fake.since(mark).map((entry) => `${entry.operation} ${entry.status} ${pageOf(entry.path)}`);
    expect([pages[0], ...pages.slice(1).sort()]).toEqual([
      'listServers 200 1',
      'listServers 200 2',
      'listServers 200 3',
    ]);
    expect(await names({ owner: 'team-a', tags: { tier: 'web' } })).toEqual(['a-1', 'd-4']);
    expect(await names({ tags: { tier: 'db' } })).toEqual(['c-3']);
  });
});
