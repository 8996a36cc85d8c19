import { HETZNER_FAKE_TOKEN, type HetznerFake } from '@provision/provider-hetzner/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The Hetzner plugin, driven by the CLI, talking real HTTP to the emulator's fake Hetzner Cloud:
// the whole lifecycle of a firewalled host, then a delete by address.
describeCliLifecycle<HetznerFake>({
  provider: 'hetzner',
  displayName: 'Hetzner Cloud',
  secrets: [HETZNER_FAKE_TOKEN],
  endpoints: { HCLOUD_ENDPOINT: /^http:\/\/127\.0\.0\.1:\d+\/hetzner$/ },
  name: 'cli-hetzner',
  owner: 'ci',
  ports: ['443'],
  host: { name: 'cli-hetzner', owner: 'ci', firewalled: true },
  ref: /^hetzner:\d+\/\d+$/,
  afterCreate: (host, cli) => {
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(host.ipv6).toMatch(/::1$/);
    const [firewall] = cli.fake().firewalls();
    expect(firewall?.rules).toEqual([
      expect.objectContaining({ direction: 'in', protocol: 'tcp', port: '443' }),
    ]);
  },
  status: true,
  power: true,
  // The server, its primary IPs (auto_delete) and its firewall: all gone.
  deleteBy: 'ref',
  deleteByIp: { ports: ['22'] },
});
