import { describeOrphanAge } from '@provision/testkit';
import { createDigitalOcean } from './create-digitalocean.js';
import { DIGITALOCEAN_FAKE_TOKEN, DigitalOceanFake } from './testing/index.js';

// A provision makes the host's firewall before its droplet (which carries the tag it targets).
describeOrphanAge({
  cloud: 'DigitalOcean',
  kind: 'firewall',
  createFake: () => new DigitalOceanFake({ readsUntilActive: 1, destroyAfterReads: 0 }),
  provisioner: () =>
    createDigitalOcean({ token: DIGITALOCEAN_FAKE_TOKEN, retry: { maxRetries: 0 } }, { env: {} }),
  machineDelete: {
    url: (_fake, host) => `https://api.digitalocean.com/v2/droplets/${host.id.split('/')[0]}`,
    headers: { authorization: `Bearer ${DIGITALOCEAN_FAKE_TOKEN}` },
    status: 204,
  },
  machines: (fake) => fake.droplets(),
  resourceIds: (fake) => fake.firewalls().map((firewall) => firewall.id),
  age: (fake, ms) => fake.ageFirewalls(ms),
  // Every firewall was young: the droplets carrying their tags were not asked for.
  youngScanOperations: ['firewalls_list'],
});
