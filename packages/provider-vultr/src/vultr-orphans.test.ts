import { silentLogger } from '@provision/core';
import { describeOrphanAge } from '@provision/testkit';
import { createVultr } from './create-vultr.js';
import { VULTR_FAKE_API_KEY, VultrFake } from './testing/index.js';

// A provision makes the host's firewall group before its instance. (Each group tells its
// `instance_count`: a scan is one request, young or old.)
describeOrphanAge({
  cloud: 'Vultr',
  kind: 'firewall-group',
  createFake: () => new VultrFake({ readsUntilActive: 1 }),
  provisioner: () =>
    createVultr({ apiKey: VULTR_FAKE_API_KEY, retry: { maxRetries: 0 } }, { env: {}, logger: silentLogger }),
  machineDelete: {
    url: (fake, host) => `${fake.baseUrl}/v2/instances/${host.id.split('/')[0]}`,
    headers: { authorization: `Bearer ${VULTR_FAKE_API_KEY}` },
    status: 204,
  },
  machines: (fake) => fake.instances(),
  resourceIds: (fake) => fake.groups().map((group) => String(group.id)),
  age: (fake, ms) => fake.ageGroups(ms),
});
