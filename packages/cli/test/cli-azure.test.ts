import {
  AZURE_FAKE_ACCESS_TOKEN,
  AZURE_FAKE_CREDENTIALS,
  type AzureFake,
} from '@provision/provider-azure/testing';
import { expect } from 'vitest';
import { describeCliLifecycle } from './cli-provider-lifecycle.js';

// The Azure plugin, driven by the CLI, talking real HTTP to the emulator's fake Azure Resource
// Manager and its token endpoint: the whole lifecycle of a firewalled host, then nothing left (the
// resource group and everything in it are gone).
describeCliLifecycle<AzureFake>({
  provider: 'azure',
  displayName: 'Azure',
  secrets: [AZURE_FAKE_CREDENTIALS.clientSecret, AZURE_FAKE_ACCESS_TOKEN],
  endpoints: {
    AZURE_RESOURCE_MANAGER_ENDPOINT: /^http:\/\/127\.0\.0\.1:\d+\/azure$/,
    AZURE_AUTHORITY_HOST: /^http:\/\/127\.0\.0\.1:\d+\/azure\.login$/,
  },
  name: 'cli-azure',
  owner: 'ci',
  ports: ['443'],
  host: { name: 'cli-azure', owner: 'ci', firewalled: true },
  ref: /\/resourceGroups\/provision-[a-z2-7]{26}\/providers\/Microsoft\.Compute\/virtualMachines\/cli-azure$/,
  afterCreate: (host, cli) => {
    expect(host.ipv4).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const groups = cli
      .fake()
      .leftovers()
      .filter((leftover) => leftover.kind === 'networkSecurityGroup');
    expect(groups).toHaveLength(1);
  },
  status: true,
  power: true,
  deleteBy: 'ref',
  deleteByIp: {},
});
