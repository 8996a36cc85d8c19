import { CIVO_FAKE_TOKEN, type CivoFake } from '@provision/provider-civo/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The CLI on Civo over real HTTP to the emulator's fake Civo API v2: the whole life of a host
// behind its own firewall, found again by its address at the end.
describeCliLifecycle<CivoFake>({
  provider: 'civo',
  displayName: 'Civo',
  secrets: [CIVO_FAKE_TOKEN],
  userData: true,
  endpoints: { CIVO_API_URL: /^http:\/\/127\.0\.0\.1:\d+\/civo$/ },
  name: 'cli-civo',
  ports: ['443'],
  host: { firewalled: true },
  ref: /^civo:LON1\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/,
  afterCreate: (_host, cli) => {
    const [instance] = cli.fake().instances();
    expect(instance?.script).toBe(cli.userData);
    expect(instance?.hostname).toBe('cli-civo.default');
    expect(cli.fake().inboundRules(instance?.id ?? '')).toEqual([{ from: 443, to: 443, protocol: 'tcp' }]);
  },
  power: true,
  deleteBy: 'ip',
});
