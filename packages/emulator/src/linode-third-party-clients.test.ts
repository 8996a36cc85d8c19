import { emulated, LINODE_FAKE_TOKEN, type LinodeFake } from '@provision/provider-linode/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPythonModule, isolatedEnv, runPython, withClient } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Apache Libcloud's Linode API v4 driver (Debian's python3-libcloud) pointed at the emulator on a
// port of Linode's own: what it sends must work, and what it asked for must be what the fake holds.
const CLIENT_TIMEOUT = 120_000;
const APT = 'apt-get install -y python3-libcloud, done by scripts/setup.sh as root';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated], cloudPorts: true });
});
afterAll(() => emulator.close());

const fake = () => emulator.fake('linode') as LinodeFake;
const env = () => {
  const { port } = new URL(emulator.endpoints[0]?.baseUrl as string);
  return isolatedEnv({ LINODE_TOKEN: LINODE_FAKE_TOKEN, LINODE_PORT: port });
};

const DRIVER = `
import json, os
from libcloud.compute.providers import get_driver
from libcloud.compute.types import Provider
driver = get_driver(Provider.LINODE)(
    os.environ["LINODE_TOKEN"], api_version="4.0", secure=False, host="127.0.0.1", port=int(os.environ["LINODE_PORT"]),
)
`;

withClient('Libcloud’s Linode driver', findPythonModule('libcloud'), APT, (python) => {
  it('lists the catalog, creates a tagged Linode, reads, reboots and destroys it', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const mark = fake().mark();
    const result = await runPython(
      python,
      `${DRIVER}
sizes = {s.id: s for s in driver.list_sizes()}
locations = {l.id: l for l in driver.list_locations()}
images = {i.id: i for i in driver.list_images()}
node = driver.create_node(
    locations["us-ord"], sizes["g6-nanode-1"], image=images["linode/ubuntu24.04"],
    name="libcloud-1", root_pass="Correct-Horse-Battery-9", ex_tags=["libcloud"],
)
listed = [n.name for n in driver.list_nodes()]
reads = 0
read = driver.ex_get_node(node.id)
# A Linode takes no reboot while it boots: read until it runs, as a caller of this driver must.
while read.state != "running" and reads < 20:
    reads += 1
    read = driver.ex_get_node(node.id)
rebooted = driver.reboot_node(read)
destroyed = driver.destroy_node(read)
print(json.dumps({
    "sizes": sorted(sizes), "nanode": sizes["g6-nanode-1"].price, "id": node.id, "listed": listed,
    "ipv4": read.public_ips, "state": read.state, "reads": reads, "rebooted": rebooted, "destroyed": destroyed,
}))
`,
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    const output = result.output as {
      sizes: string[];
      nanode: number;
      id: string;
      listed: string[];
      ipv4: string[];
      reads: number;
      rebooted: boolean;
      destroyed: boolean;
    };
    expect(output.sizes).toContain('g6-nanode-1');
    expect(output.nanode).toBeGreaterThan(0);
    expect(output.listed).toEqual(['libcloud-1']);
    expect(output.ipv4.some((address) => /^\d+\.\d+\.\d+\.\d+$/.test(address))).toBe(true);
    expect(output).toMatchObject({ state: 'running', rebooted: true, destroyed: true });

    // What the fake held is what the driver asked for; the destroy is under way.
    const held = fake()
      .linodes()
      .find((linode) => linode.id === output.id);
    expect(held).toMatchObject({
      label: 'libcloud-1',
      region: 'us-ord',
      type: 'g6-nanode-1',
      image: 'linode/ubuntu24.04',
      tags: ['libcloud'],
    });
    expect(
      fake()
        .since(mark)
        .map((entry) => `${entry.method} ${entry.path.split('?')[0]} ${entry.status}`),
    ).toEqual([
      'GET /v4/linode/types 200',
      'GET /v4/regions 200',
      'GET /v4/images 200',
      'POST /v4/linode/instances 200',
      'GET /v4/linode/instances 200',
      ...Array.from({ length: output.reads + 1 }, () => `GET /v4/linode/instances/${output.id} 200`),
      `POST /v4/linode/instances/${output.id}/reboot 200`,
      `DELETE /v4/linode/instances/${output.id} 200`,
    ]);
  });

  it('gets Linode’s own error for an unknown plan', { timeout: CLIENT_TIMEOUT }, async () => {
    const result = await runPython(
      python,
      `${DRIVER}
from libcloud.compute.base import NodeLocation, NodeSize
try:
    driver.create_node(
        NodeLocation("us-ord", "", "", driver), NodeSize("g6-nope-1", "", 0, 0, 0, 0, driver), name="libcloud-2",
    )
    print(json.dumps({"error": None}))
except Exception as error:
    print(json.dumps({"error": str(error)}))
`,
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect((result.output as { error: string }).error).toMatch(/type/i);
    expect(
      fake()
        .linodes()
        .some((linode) => linode.label === 'libcloud-2'),
    ).toBe(false);
  });
});
