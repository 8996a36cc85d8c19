import { emulated, VULTR_FAKE_API_KEY, type VultrFake } from '@provision/provider-vultr/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPythonModule, isolatedEnv, runPython, withClient } from './__fixtures__/third-party-clients.js';
import type { RunningEmulator } from './emulator-options.js';
import { startEmulator } from './start-emulator.js';

// Apache Libcloud's Vultr API v2 driver (Debian's python3-libcloud) pointed at the emulator on a
// port of Vultr's own: what it sends must work, and what it asked for must be what the fake holds.
const CLIENT_TIMEOUT = 120_000;
const APT = 'apt-get install -y python3-libcloud, done by scripts/setup.sh as root';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ clouds: [emulated], cloudPorts: true });
});
afterAll(() => emulator.close());

const fake = () => emulator.fake('vultr') as VultrFake;
const env = () => {
  const { port } = new URL(emulator.endpoints[0]?.baseUrl as string);
  return isolatedEnv({ VULTR_API_KEY: VULTR_FAKE_API_KEY, VULTR_PORT: port });
};

const DRIVER = `
import json, os
from libcloud.compute.providers import get_driver
from libcloud.compute.types import Provider
driver = get_driver(Provider.VULTR)(
    os.environ["VULTR_API_KEY"], api_version="2", secure=False, host="127.0.0.1", port=int(os.environ["VULTR_PORT"]),
)
`;

withClient('Libcloud’s Vultr driver', findPythonModule('libcloud'), APT, (python) => {
  it('lists the catalog, creates an instance with user data, reads, reboots and destroys it', {
    timeout: CLIENT_TIMEOUT,
  }, async () => {
    const mark = fake().mark();
    const result = await runPython(
      python,
      `${DRIVER}
sizes = {s.id: s for s in driver.list_sizes(ex_list_bare_metals=False)}
locations = {l.id: l for l in driver.list_locations()}
images = {i.id: i for i in driver.list_images()}
node = driver.create_node(
    "libcloud-1", sizes["vc2-1c-1gb"], locations["ams"], image=images["2284"],
    ex_userdata="#!/bin/sh\\necho from libcloud\\n", ex_hostname="libcloud-1",
)
listed = [n.name for n in driver.list_nodes(ex_list_bare_metals=False)]
read = driver.ex_get_node(node.id)
rebooted = driver.reboot_node(read)
print(json.dumps({
    "sizes": sorted(sizes), "price": sizes["vc2-1c-1gb"].price, "id": node.id, "listed": listed,
    "rebooted": rebooted,
}))
`,
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    const output = result.output as {
      sizes: string[];
      price: number;
      id: string;
      listed: string[];
      rebooted: boolean;
    };
    expect(output.sizes).toContain('vc2-1c-1gb');
    expect(output.price).toBeGreaterThan(0);
    expect(output.listed).toEqual(['libcloud-1']);
    expect(output.rebooted).toBe(true);

    // What the fake holds is what the driver asked for, the user data base64 as Vultr keeps it.
    const held = fake()
      .instances()
      .find((instance) => instance.id === output.id);
    expect(held).toMatchObject({ label: 'libcloud-1', region: 'ams', plan: 'vc2-1c-1gb', osId: 2284 });
    expect(Buffer.from(held?.userData ?? '', 'base64').toString('utf8')).toBe(
      '#!/bin/sh\necho from libcloud\n',
    );

    const destroyed = await runPython(
      python,
      `${DRIVER}
print(json.dumps(driver.destroy_node(driver.ex_get_node("${output.id}"))))
`,
      env(),
    );
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(destroyed.output).toBe(true);
    expect(
      fake()
        .instances()
        .some((instance) => instance.id === output.id),
    ).toBe(false);
    expect(
      fake()
        .since(mark)
        .map((entry) => `${entry.method} ${entry.path.split('?')[0]} ${entry.status}`),
    ).toEqual([
      'GET /v2/plans 200',
      'GET /v2/regions 200',
      'GET /v2/os 200',
      'POST /v2/instances 202',
      'GET /v2/instances 200',
      `GET /v2/instances/${output.id} 200`,
      `POST /v2/instances/${output.id}/reboot 204`,
      `GET /v2/instances/${output.id} 200`,
      `DELETE /v2/instances/${output.id} 204`,
    ]);
  });

  it('gets Vultr’s own error for an unknown region', { timeout: CLIENT_TIMEOUT }, async () => {
    const result = await runPython(
      python,
      `${DRIVER}
from libcloud.compute.base import NodeLocation, NodeSize
try:
    driver.create_node(
        "libcloud-2", NodeSize("vc2-1c-1gb", "", 0, 0, 0, 0, driver), NodeLocation("nowhere", "", "", driver),
    )
    print(json.dumps({"error": None}))
except Exception as error:
    print(json.dumps({"error": str(error)}))
`,
      env(),
    );
    expect(result.code, result.stderr).toBe(0);
    expect((result.output as { error: string }).error).toMatch(/region/i);
    expect(
      fake()
        .instances()
        .some((instance) => instance.label === 'libcloud-2'),
    ).toBe(false);
  });
});
