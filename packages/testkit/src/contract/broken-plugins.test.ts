import type { PluginManifest } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { brokenExamplePlugins, type ExampleSettings } from '../example/index.js';
import { type FakeServer, setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import type { ContractGroup } from './contract-check.js';
import { contractChecks } from './contract-checks.js';
import { exampleContractConfig } from './example-contract-config.js';

const server: FakeServer = setupFakeServer();
const context = { use: (...fakes: Parameters<FakeServer['use']>) => server.use(...fakes) };

/** Runs every applicable check of `group` one at a time; returns the failures by check name. */
async function failuresOf(
  plugin: PluginManifest<ExampleSettings>,
  group: ContractGroup,
): Promise<Map<string, string>> {
  const checks = contractChecks({ ...exampleContractConfig, plugin }).filter(
    (check) => check.group === group && check.skip === undefined,
  );
  expect(checks.length).toBeGreaterThan(0);
  const failures = new Map<string, string>();
  for (const check of checks) {
    try {
      await check.run(context);
    } catch (error) {
      failures.set(check.name, error instanceof Error ? error.message : String(error));
    }
  }
  return failures;
}

// Each deliberately broken plugin must be caught by the group that owns its defect, and the
// correct plugin must pass that same group here, so the failure is the defect and not the setup.
const expectations: Array<[keyof typeof brokenExamplePlugins, ContractGroup, RegExp]> = [
  ['blocking', 'lifecycle', /waited for the host|must not sleep/],
  ['leaksFirewall', 'ports', /left behind.*firewall/],
  ['duplicates', 'idempotency', /returned id|holds 2|saw 2/],
  ['leaksToken', 'secrets', /Secrets leaked/],
  ['overBudget', 'call budgets', /callBudget\./],
];

describe('the contract catches broken plugins', () => {
  for (const [variant, group, reason] of expectations) {
    describe(group, () => {
      it(`the correct example plugin passes every ${group} check`, async () => {
        const failures = await failuresOf(exampleContractConfig.plugin, group);
        expect(Object.fromEntries(failures)).toEqual({});
      }, 60_000);

      it(`brokenExamplePlugins.${variant} fails it for its defect`, async () => {
        const failures = await failuresOf(brokenExamplePlugins[variant], group);
        expect(failures.size).toBeGreaterThan(0);
        expect(
          [...failures.values()].some((message) => reason.test(message)),
          [...failures.values()].join('\n---\n'),
        ).toBe(true);
      }, 60_000);
    });
  }
});
