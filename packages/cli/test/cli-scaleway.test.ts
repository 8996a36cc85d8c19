import { SCALEWAY_FAKE_SECRET_KEY, type ScalewayFake } from '@provision/provider-scaleway/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The CLI on Scaleway over real HTTP to the emulator's fake Instance API: the whole life of a
// host behind its own security group, from a stopped server to nothing left (volume and IP too).
describeCliLifecycle<ScalewayFake>({
  provider: 'scaleway',
  displayName: 'Scaleway',
  secrets: [SCALEWAY_FAKE_SECRET_KEY],
  userData: true,
  endpoints: { SCW_API_URL: /^http:\/\/127\.0\.0\.1:\d+\/scaleway$/ },
  name: 'cli-scaleway',
  ports: ['443'],
  host: { firewalled: true },
  ref: /^scaleway:fr-par-1\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/,
  afterCreate: (_host, cli) => {
    const [server] = cli.fake().servers();
    expect(server?.userData.get('cloud-init')).toBe(cli.userData);
    expect(cli.fake().inboundRules(server?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
  },
  power: true,
  deleteBy: 'ref',
});
