import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPlugin, validateHostSpec } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { linodePlugin } from './index.js';
import { linodeCliToken } from './linode-settings.js';

const TOKEN = 'a'.repeat(64);

/** A home directory holding linode-cli's config with `text`. */
function homeWithConfig(text: string): string {
  const home = mkdtempSync(join(tmpdir(), 'linode-cli-'));
  mkdirSync(join(home, '.config'));
  writeFileSync(join(home, '.config', 'linode-cli'), text);
  return home;
}

describe('the Linode plugin', () => {
  it('registers itself when the package is imported', () => {
    expect(getPlugin('linode')).toBe(linodePlugin);
  });

  it('defaults to the Nanode in a region with the Metadata service, on the current Ubuntu LTS', () => {
    const resolved = validateHostSpec(linodePlugin, { name: 'web' });
    expect(resolved).toMatchObject({ region: 'us-ord', plan: 'g6-nanode-1', image: 'linode/ubuntu26.04' });
    const cheapest = [...linodePlugin.catalog.plans].sort(
      (a, b) => (a.price.monthly ?? Number.POSITIVE_INFINITY) - (b.price.monthly ?? Number.POSITIVE_INFINITY),
    )[0];
    expect(cheapest).toMatchObject({ id: 'g6-nanode-1', price: { monthly: 5, currency: 'USD' } });
    expect(linodePlugin.catalog.pricedRegions).toContain('us-ord');
  });

  it('refuses, before any request, a region without the Metadata service', () => {
    // us-east (Newark) lists no "Metadata" capability in the description's example.
    expect(() => validateHostSpec(linodePlugin, { name: 'web', region: 'us-east' })).toThrow(
      /Unknown Linode region "us-east"/,
    );
  });

  it('keeps the name out of the tags (the label holds it) so every stored tag fits 50 characters', () => {
    const owner = 'o'.repeat(32);
    const resolved = validateHostSpec(linodePlugin, {
      name: `a${'b'.repeat(55)}`,
      owner,
      inbound: [{ from: 22 }],
      ttl: 60_000,
    });
    const tags = linodePlugin.hostTags?.(resolved, new Date(0)) ?? {};
    expect(tags).not.toHaveProperty('provision-name');
    expect(tags).toMatchObject({
      'provision-owner': owner,
      'provision-firewall': expect.stringMatching(/^\d+$/),
    });
    expect(Object.entries(tags).map(([key, value]) => `${key}:${value}`.length)).toSatisfy(
      (lengths: number[]) => lengths.every((length) => length <= 50),
    );
  });

  it('refuses names a Linode label cannot hold, and user tags too long once stored', () => {
    expect(() => validateHostSpec(linodePlugin, { name: '1web' })).toThrow(/starting with a letter/);
    expect(() => validateHostSpec(linodePlugin, { name: 'web--1' })).toThrow(/single "-"/);
    expect(() => validateHostSpec(linodePlugin, { name: 'w'.repeat(57) })).toThrow(/at most 56/);
    expect(() => validateHostSpec(linodePlugin, { name: 'web', tags: { team: 'x'.repeat(46) } })).toThrow(
      /at most 50/,
    );
  });

  it('finds credentials in LINODE_TOKEN, LINODE_CLI_TOKEN or linode-cli config, without a request', async () => {
    expect(await linodePlugin.hasCredentials?.({})).toBe(false);
    expect(await linodePlugin.hasCredentials?.({ LINODE_TOKEN: TOKEN })).toBe(true);
    expect(await linodePlugin.hasCredentials?.({ LINODE_CLI_TOKEN: TOKEN })).toBe(true);
    const home = homeWithConfig(
      `[DEFAULT]\ndefault-user = sam\n\n[sam]\ntoken = ${TOKEN}\nregion = us-ord\n`,
    );
    expect(await linodePlugin.hasCredentials?.({ HOME: home })).toBe(true);
    expect(linodeCliToken({ HOME: home })).toBe(TOKEN);
  });

  it("reads linode-cli's default user only, and XDG_CONFIG_HOME before HOME", () => {
    const other = homeWithConfig(`[DEFAULT]\ndefault-user = sam\n\n[alex]\ntoken = ${TOKEN}\n`);
    expect(linodeCliToken({ HOME: other })).toBeUndefined();
    const xdg = homeWithConfig(`[DEFAULT]\ndefault-user = alex\n[alex]\ntoken = ${'b'.repeat(64)}\n`);
    expect(linodeCliToken({ HOME: other, XDG_CONFIG_HOME: join(xdg, '.config') })).toBe('b'.repeat(64));
  });
});
