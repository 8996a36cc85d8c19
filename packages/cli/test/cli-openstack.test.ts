import { OPENSTACK_FAKE_PASSWORD, type OpenStackFake } from '@provision/provider-openstack/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The CLI on OpenStack over real HTTP to the emulator's fake cloud (Keystone, Nova, Neutron,
// Glance): the whole life of a host with its own security group and floating IP, found again by
// its address at the end.
describeCliLifecycle<OpenStackFake>({
  provider: 'openstack',
  displayName: 'OpenStack',
  secrets: [OPENSTACK_FAKE_PASSWORD],
  userData: true,
  endpoints: { OS_AUTH_URL: /^http:\/\/127\.0\.0\.1:\d+\/openstack\/identity\/v3$/ },
  name: 'cli-openstack',
  ports: ['443'],
  // The defaults: the credentials' region, the smallest flavor that fits, a floating IP.
  host: { firewalled: true, region: 'RegionOne', plan: 'ds1G' },
  ref: /^openstack:RegionOne\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/fip\/[0-9a-f-]{36}\/sg\/[0-9a-f-]{36}$/,
  afterCreate: (host, cli) => {
    const [server] = cli.fake().servers();
    expect(Buffer.from(server?.userData ?? '', 'base64').toString('utf8')).toBe(cli.userData);
    expect(cli.fake().inboundRules(server?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
    expect(
      cli
        .fake()
        .floatingIps()
        .map((address) => address.address),
    ).toEqual([host.ipv4]);
  },
  power: true,
  deleteBy: 'ip',
});
