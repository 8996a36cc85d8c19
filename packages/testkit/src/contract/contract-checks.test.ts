import type { PluginManifest } from '@provision/core';
import { describe, expect, it } from 'vitest';
import type { ExampleSettings } from '../example/index.js';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import { CONTRACT_GROUPS } from './contract-check.js';
import { contractChecks } from './contract-checks.js';
import { exampleContractConfig } from './example-contract-config.js';

const server = setupFakeServer();
const context = { use: server.use };

/** The example plugin claiming less than it can do: the suite must adapt to the declaration. */
const modestPlugin: PluginManifest<ExampleSettings> = {
  ...exampleContractConfig.plugin,
  capabilities: { inbound: false, deleteByIp: false },
};

describe('contractChecks', () => {
  it('covers every group, in order, with unique names', () => {
    const checks = contractChecks(exampleContractConfig);
    const groups = [...new Set(checks.map((check) => check.group))];
    expect(groups).toEqual([...CONTRACT_GROUPS]);
    for (const group of CONTRACT_GROUPS) {
      const names = checks.filter((check) => check.group === group).map((check) => check.name);
      expect(new Set(names).size, `duplicate names in ${group}`).toBe(names.length);
    }
    expect(checks.filter((check) => check.group === 'bad input').length).toBeGreaterThanOrEqual(20);
  });

  it('one fault-matrix check per operation and fault kind', () => {
    const names = contractChecks(exampleContractConfig)
      .filter((check) => check.group === 'fault matrix')
      .map((check) => check.name);
    // provision, provision with inbound, status, delete, list, plans, stop, start, reboot.
    expect(names).toHaveLength(9 * 4);
    expect(names).toContain('provision with inbound: lost-response at each request');
    expect(names).toContain('delete to done: connection-reset at each request');
  });

  it('marks what a plugin does not declare as skipped, with the reason', async () => {
    const skipped = contractChecks({ ...exampleContractConfig, plugin: modestPlugin }).filter(
      (check) => check.skip !== undefined,
    );
    const described = skipped.map((check) => `${check.group} / ${check.name} (${check.skip})`);
    expect(described).toContain(
      'ports / a list opens exactly those ports (inbound is not declared by the plugin)',
    );
    expect(described).toContain(
      'capabilities / stop then start move the host through its power states (stop and start not declared by the plugin)',
    );
    expect(described).toContain(
      'lifecycle / list finds the provisioned host (list is not declared by the plugin)',
    );
    for (const check of skipped) await expect(check.run(context)).rejects.toThrow(/does not apply/);
  });

  it('checks the refusals of an undeclared capability against the fake', async () => {
    const checks = contractChecks({ ...exampleContractConfig, plugin: modestPlugin }).filter(
      (check) =>
        check.skip === undefined &&
        [
          'inbound is refused before any request',
          'delete by IP is refused before any request (not declared)',
        ].includes(check.name),
    );
    expect(checks).toHaveLength(2);
    for (const check of checks) await check.run(context);
    const absent = contractChecks({ ...exampleContractConfig, plugin: modestPlugin }).find((check) =>
      check.name.startsWith('undeclared operations are absent'),
    );
    expect(absent?.name).toContain('list');
    await absent?.run(context);
  });
});
