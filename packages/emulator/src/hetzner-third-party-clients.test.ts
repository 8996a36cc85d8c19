import { emulated, HETZNER_FAKE_TOKEN, type HetznerFake } from '@provision/provider-hetzner/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPythonModule, isolatedEnv, runPython, withClient } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Hetzner's own Python library (hcloud, Debian's python3-hcloud) pointed at the emulator: what it
// sends must work, and what it asked for must be what the fake holds.
const CLIENT_TIMEOUT = 120_000;
const APT = 'apt-get install -y python3-hcloud, done by scripts/setup.sh as root';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated] });
});
afterAll(() => emulator.close());

const fake = () => emulator.fake('hetzner') as HetznerFake;
const env = () =>
  isolatedEnv({ HCLOUD_TOKEN: HETZNER_FAKE_TOKEN, HCLOUD_ENDPOINT: `${emulator.url}/hetzner` });

// Every step prints one JSON value at the end; the library's own classes and calls only.
const CLIENT = `
import json, os
from hcloud import Client
client = Client(token=os.environ["HCLOUD_TOKEN"], api_endpoint=os.environ["HCLOUD_ENDPOINT"])
`;

withClient('hcloud (Python)', findPythonModule('hcloud', 'hcloud.__version__.VERSION'), APT, (python) => {
  it('lists the catalog, creates a firewalled server, reads and deletes it, then its firewall', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const mark = fake().mark();
    const created = await runPython(
      python,
      `${CLIENT}
from hcloud.firewalls.domain import FirewallRule
from hcloud.images.domain import Image
from hcloud.locations.domain import Location
from hcloud.server_types.domain import ServerType
types = sorted(t.name for t in client.server_types.get_all())
locations = sorted(l.name for l in client.locations.get_all())
rule = FirewallRule(direction="in", protocol="tcp", port="443", source_ips=["0.0.0.0/0", "::/0"])
firewall = client.firewalls.create(name="hcloud-py-fw", rules=[rule]).firewall
answer = client.servers.create(
    name="hcloud-py-1",
    server_type=ServerType(name="cx23"),
    image=Image(name="ubuntu-24.04"),
    location=Location(name="fsn1"),
    user_data="#!/bin/sh\\necho from hcloud\\n",
    labels={"team": "tp"},
    firewalls=[firewall],
)
print(json.dumps({
    "types": types, "locations": locations, "firewall": firewall.id,
    "server": answer.server.id, "status": answer.server.status, "action": answer.action.command,
}))
`,
      env(),
    );
    expect(created.code, created.stderr).toBe(0);
    const output = created.output as {
      types: string[];
      locations: string[];
      firewall: number;
      server: number;
      status: string;
      action: string;
    };
    expect(output.types).toContain('cx23');
    expect(output.locations).toContain('fsn1');
    expect(output).toMatchObject({ status: 'initializing', action: 'create_server' });

    // What the fake holds is what the library asked for.
    const held = fake()
      .servers()
      .find((server) => server.id === String(output.server));
    expect(held).toMatchObject({ name: 'hcloud-py-1', labels: { team: 'tp' } });
    expect(held?.userData).toBe('#!/bin/sh\necho from hcloud\n');
    const firewall = fake()
      .firewalls()
      .find((item) => item.id === String(output.firewall));
    expect(firewall?.rules).toEqual([
      expect.objectContaining({ direction: 'in', protocol: 'tcp', port: '443' }),
    ]);

    const read = await runPython(
      python,
      `${CLIENT}
found = client.servers.get_all(label_selector="team=tp")
server = client.servers.get_by_id(${output.server})
print(json.dumps({
    "found": [s.name for s in found], "type": server.server_type.name,
    "ipv4": server.public_net.ipv4.ip, "firewalls": [f.firewall.id for f in server.public_net.firewalls],
}))
`,
      env(),
    );
    expect(read.code, read.stderr).toBe(0);
    expect(read.output).toMatchObject({ found: ['hcloud-py-1'], type: 'cx23', firewalls: [output.firewall] });
    expect((read.output as { ipv4: string }).ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const deleted = await runPython(
      python,
      `${CLIENT}
from hcloud import APIException
server = client.servers.get_by_id(${output.server})
firewall = client.firewalls.get_by_id(${output.firewall})
try:
    client.firewalls.delete(firewall)
    early = None
except APIException as error:
    early = error.code
action = client.servers.delete(server)
reads = 0
while reads < 20:
    reads += 1
    try:
        client.servers.get_by_id(${output.server})
    except APIException as error:
        if error.code != "not_found":
            raise
        break
print(json.dumps({"action": action.command, "early": early, "gone": reads < 20, "deleted": client.firewalls.delete(firewall)}))
`,
      env(),
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    // The firewall is in use until its server is gone, then it deletes.
    expect(deleted.output).toEqual({
      action: 'delete_server',
      early: 'resource_in_use',
      gone: true,
      deleted: true,
    });
    expect(fake().leftovers()).toEqual([]);

    const operations = fake()
      .since(mark)
      .map((entry) => `${entry.operation} ${entry.status}`);
    expect(operations).toEqual(
      expect.arrayContaining([
        'list_server_types 200',
        'list_locations 200',
        'create_firewall 201',
        'create_server 201',
        'list_servers 200',
        'get_server 200',
        'delete_server 200',
        'delete_firewall 422',
        'delete_firewall 204',
      ]),
    );
  });

  it('gets Hetzner’s own error for a token the cloud does not know', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const refused = await runPython(
      python,
      `${CLIENT}
from hcloud import APIException
try:
    client.servers.get_all()
    print(json.dumps({"error": None}))
except APIException as error:
    print(json.dumps({"error": error.code, "message": error.message}))
`,
      { ...env(), HCLOUD_TOKEN: 'not-the-token' },
    );
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.output).toMatchObject({ error: 'unauthorized' });
  });
});
