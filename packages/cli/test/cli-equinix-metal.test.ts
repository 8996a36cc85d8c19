import { METAL_FAKE_TOKEN, type MetalFake } from '@provision/provider-equinix-metal/testing';
import { describe, expect, it } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';
import { parseJson } from './run-cli.js';

// The CLI on Equinix Metal over real HTTP to the emulator's fake Metal API v1: the whole life of
// a bare-metal device, found again by its address at the end; inbound rules refused up front.
const cli = describeCliLifecycle<MetalFake>({
  provider: 'equinix-metal',
  displayName: 'Equinix Metal',
  secrets: [METAL_FAKE_TOKEN],
  userData: true,
  endpoints: { METAL_API_URL: /^http:\/\/127\.0\.0\.1:\d+\/equinix-metal\/metal\/v1$/ },
  name: 'cli-metal',
  host: { firewalled: false },
  ref: /^equinix-metal:[0-9a-f-]{36}$/,
  afterCreate: (_host, cli) => {
    const [device] = cli.fake().devices();
    expect(device).toMatchObject({
      hostname: 'cli-metal',
      metro: 'da',
      plan: 'c3.small.x86',
      operatingSystem: 'ubuntu_24_04',
      billingCycle: 'hourly',
      userdata: cli.userData,
    });
  },
  power: true,
  deleteBy: 'ip',
  refusesPorts: /--port needs a per-host firewall, and Equinix Metal has none/,
});

describe('the CLI on Equinix Metal: what `provision providers` says', () => {
  it('shows the service status and the missing firewall', async () => {
    const shown = await cli.run(['providers', '--output', 'json']);
    expect(shown.code, shown.stderr).toBe(0);
    const metal = parseJson<{ providers: Array<{ id: string; notes: string[]; capabilities: string[] }> }>(
      shown,
    ).providers.find((provider) => provider.id === 'equinix-metal');
    expect(metal?.notes.join(' ')).toMatch(/ended new sales of Metal on 2026-06-30/);
    expect(metal?.notes.join(' ')).toMatch(/no cloud firewall/);
    expect(metal?.capabilities).not.toContain('inbound');
    const text = await cli.run(['providers']);
    expect(text.stdout).toMatch(/notes\s+Service status: Equinix ended new sales/);
  });
});
