import { OVH_FAKE_CREDENTIALS, type OvhFake } from '@provision/provider-ovh/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The CLI on OVHcloud over real HTTP to the emulator's fake OVH API, every request signed: the
// whole life of a host, found again by its address at the end; `--port` refused up front (no
// per-instance firewall).
describeCliLifecycle<OvhFake>({
  provider: 'ovh',
  displayName: 'OVHcloud',
  secrets: [OVH_FAKE_CREDENTIALS.applicationSecret, OVH_FAKE_CREDENTIALS.consumerKey],
  userData: true,
  endpoints: { OVH_ENDPOINT: /^http:\/\/127\.0\.0\.1:\d+\/ovh\/1\.0$/ },
  name: 'cli-ovh',
  host: { firewalled: false, region: 'GRA11', plan: 'd2-2' },
  ref: /^ovh:[0-9a-f]{32}\/[0-9a-f-]{36}$/,
  afterCreate: (host, cli) => {
    expect(host.ipv6).toBeDefined();
    const [instance] = cli.fake().instances();
    expect(instance?.userData).toBe(cli.userData);
  },
  power: true,
  deleteBy: 'ip',
  refusesPorts: /--port needs a per-host firewall, and OVHcloud Public Cloud has none/,
});
