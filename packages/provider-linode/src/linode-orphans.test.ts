import { describeOrphanAge } from '@provision/testkit';
import { createLinode } from './create-linode.js';
import { LINODE_API_URL, LINODE_FAKE_TOKEN, LinodeFake } from './testing/index.js';

// A provision makes the host's Cloud Firewall before its Linode.
describeOrphanAge({
  cloud: 'Linode',
  kind: 'firewall',
  createFake: () => new LinodeFake({ readsUntilActive: 1, destroyAfterReads: 0 }),
  provisioner: () =>
    createLinode(
      { endpoint: LINODE_API_URL, token: LINODE_FAKE_TOKEN, retry: { maxRetries: 0 } },
      { env: {} },
    ),
  machineDelete: {
    url: (_fake, host) => `${LINODE_API_URL}/v4/linode/instances/${host.id.split('/')[0]}`,
    headers: { authorization: `Bearer ${LINODE_FAKE_TOKEN}` },
    status: 200,
  },
  machines: (fake) => fake.linodes(),
  resourceIds: (fake) => fake.firewalls().map((firewall) => String(firewall.id)),
  age: (fake, ms) => fake.ageFirewalls(ms),
  // Every firewall was young: the Linodes were not asked for.
  youngScanOperations: ['get-firewalls'],
});
