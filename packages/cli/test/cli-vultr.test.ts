import { VULTR_FAKE_API_KEY, type VultrFake } from '@provision/provider-vultr/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The CLI on Vultr over real HTTP to the emulator's fake Vultr API v2: the whole life of a host
// with a firewall group, found again by its address at the end.
describeCliLifecycle<VultrFake>({
  provider: 'vultr',
  displayName: 'Vultr',
  secrets: [VULTR_FAKE_API_KEY],
  userData: true,
  endpoints: { VULTR_API_URL: /^http:\/\/127\.0\.0\.1:\d+\/vultr$/ },
  name: 'cli-vultr',
  ports: ['443'],
  host: { firewalled: true },
  ref: /^vultr:[0-9a-f-]{36}\/[0-9a-f-]{36}$/,
  afterCreate: (host, cli) => {
    expect(host.ipv6).toBeDefined();
    const [instance] = cli.fake().instances();
    expect(Buffer.from(instance?.userData ?? '', 'base64').toString('utf8')).toBe(cli.userData);
    expect(cli.fake().inboundRules(instance?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
  },
  power: true,
  deleteBy: 'ip',
});
