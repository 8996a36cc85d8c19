import {
  emulated,
  FAKE_PROJECT_ID,
  METAL_FAKE_TOKEN,
  type MetalFake,
} from '@provision/provider-equinix-metal/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPythonModule, isolatedEnv, runPython, withClient } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Apache Libcloud's Equinix Metal driver (Debian's python3-libcloud) pointed at the emulator on a
// port of Equinix Metal's own (the driver builds its paths as `/metal/v1/...` from the host): what
// it sends must work, and what it asked for must be what the fake holds.
const CLIENT_TIMEOUT = 120_000;
const APT = 'apt-get install -y python3-libcloud, done by scripts/setup.sh as root';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated], cloudPorts: true });
});
afterAll(() => emulator.close());

const fake = () => emulator.fake('equinix-metal') as MetalFake;
const env = () => {
  const { port } = new URL(emulator.endpoints[0]?.baseUrl as string);
  return isolatedEnv({ METAL_TOKEN: METAL_FAKE_TOKEN, METAL_PORT: port, METAL_PROJECT: FAKE_PROJECT_ID });
};

// The driver takes no host or port, and connects (to api.equinix.com) as it is made: its
// connection is pointed at the emulator and made again before the first request.
const DRIVER = `
import json, os
from libcloud.compute.providers import get_driver
from libcloud.compute.types import Provider
driver = get_driver(Provider.EQUINIXMETAL)(os.environ["METAL_TOKEN"])
driver.connection.host = "127.0.0.1"
driver.connection.port = int(os.environ["METAL_PORT"])
driver.connection.secure = False
driver.connection.connect()
assert driver.connection.connection.host == "http://127.0.0.1:%s" % os.environ["METAL_PORT"]
project = os.environ["METAL_PROJECT"]
`;

withClient('Libcloud’s Equinix Metal driver', findPythonModule('libcloud'), APT, (python) => {
  it('lists plans and images, creates a device with cloud-init, lists, reboots, stops and destroys it', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const mark = fake().mark();
    const result = await runPython(
      python,
      `${DRIVER}
from libcloud.compute.base import NodeLocation
sizes = {s.id: s for s in driver.list_sizes(ex_project_id=project)}
images = {i.id: i for i in driver.list_images()}
# The driver names a facility; the metro the description prefers goes in as an extra field.
anywhere = NodeLocation("da11", "Dallas", "US", driver, extra={"code": None})
node = driver.create_node(
    "libcloud-1", sizes["c3.small.x86"], images["ubuntu_24_04"], anywhere,
    ex_project_id=project, cloud_init="#cloud-config\\nruncmd: [echo from libcloud]\\n", metro="da",
)
for _ in range(10):
    listed = driver.ex_list_nodes_for_project(project)
    if listed and listed[0].public_ips:
        break
rebooted = driver.reboot_node(listed[0])
stopped = driver.stop_node(listed[0])
print(json.dumps({
    "sizes": sorted(sizes), "price": sizes["c3.small.x86"].price, "ram": sizes["c3.small.x86"].ram,
    "images": sorted(images), "id": node.id, "listed": [n.name for n in listed],
    "ips": listed[0].public_ips, "rebooted": rebooted, "stopped": stopped,
}))
`,
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    const output = result.output as {
      sizes: string[];
      price: number;
      ram: number;
      images: string[];
      id: string;
      listed: string[];
      ips: string[];
      rebooted: boolean;
      stopped: boolean;
    };
    expect(output.sizes).toContain('c3.small.x86');
    expect(output.price).toBe(0.75);
    expect(output.ram).toBe(32 * 1024);
    expect(output.images).toContain('ubuntu_24_04');
    expect(output.listed).toEqual(['libcloud-1']);
    expect(output.ips.length).toBeGreaterThan(0);
    // The driver tells success by 200; the description answers an action 202 (and a DELETE 204),
    // so it says False while the action is taken: the fake's state says what happened.
    expect([output.rebooted, output.stopped]).toEqual([false, false]);

    // What the fake holds is what the driver asked for.
    const held = fake()
      .devices()
      .find((device) => device.id === output.id);
    expect(held).toMatchObject({
      state: 'powering_off',
      hostname: 'libcloud-1',
      metro: 'da',
      plan: 'c3.small.x86',
      operatingSystem: 'ubuntu_24_04',
      billingCycle: 'hourly',
      userdata: '#cloud-config\nruncmd: [echo from libcloud]\n',
    });

    const destroyed = await runPython(
      python,
      `${DRIVER}
node = [n for n in driver.ex_list_nodes_for_project(project) if n.id == "${output.id}"][0]
print(json.dumps(driver.destroy_node(node)))
`,
      env(),
    );
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(destroyed.output).toBe(false);
    expect(
      fake()
        .devices()
        .find((device) => device.id === output.id)?.state,
    ).toBe('deprovisioning');
    expect(
      fake()
        .since(mark)
        .map((entry) => `${entry.method} ${entry.path.split('?')[0]} ${entry.status}`)
        // Repeats in a row (the listing polled until addressed, reboot then stop) counted once.
        .filter((line, index, lines) => line !== lines[index - 1]),
    ).toEqual([
      `GET /metal/v1/projects/${FAKE_PROJECT_ID}/plans 200`,
      'GET /metal/v1/operating-systems 200',
      `POST /metal/v1/projects/${FAKE_PROJECT_ID}/devices 201`,
      `GET /metal/v1/projects/${FAKE_PROJECT_ID}/devices 200`,
      `POST /metal/v1/devices/${output.id}/actions 202`,
      `GET /metal/v1/projects/${FAKE_PROJECT_ID}/devices 200`,
      `DELETE /metal/v1/devices/${output.id} 204`,
    ]);
  });
});
