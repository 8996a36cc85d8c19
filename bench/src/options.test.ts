import { describe, expect, it } from 'vitest';
import { parseOptions, SECTIONS } from './options.ts';
import { type InstalledProvider, selectProviders } from './providers.ts';

describe('parseOptions', () => {
  it('measures every provider and every section by default', () => {
    const options = parseOptions([]);
    expect(options.providers).toBeUndefined();
    expect([...options.only]).toEqual([...SECTIONS]);
  });

  it('reads --providers as a set of ids, spaces and empty items dropped', () => {
    const options = parseOptions(['--only=list', '--providers=ovh, gcp,,']);
    expect(options.providers).toEqual(new Set(['ovh', 'gcp']));
    expect([...options.only]).toEqual(['list']);
  });

  it('refuses an empty --providers and --write-docs with --providers', () => {
    expect(() => parseOptions(['--providers='])).toThrow(/names no provider/);
    expect(() => parseOptions(['--write-docs', '--providers=ovh'])).toThrow(/leave out --providers/);
  });

  it('renders a saved run with --providers and --write-docs (nothing is measured)', () => {
    expect(parseOptions(['--write-docs', '--providers=ovh', '--from=run.json']).from).toBe('run.json');
  });
});

describe('selectProviders', () => {
  const installed = (id: string) => ({ id }) as unknown as InstalledProvider;
  const found = {
    providers: [installed('aws'), installed('gcp'), installed('ovh')],
    skipped: [{ packageName: '@provision/provider-civo', reason: 'not built' }],
  };

  it('keeps the wanted ones in discovery order and names the others', () => {
    const { providers, leftOut } = selectProviders(found, new Set(['ovh', 'aws']));
    expect(providers.map((provider) => provider.id)).toEqual(['aws', 'ovh']);
    expect(leftOut).toEqual(['gcp']);
  });

  it('keeps every one without a filter', () => {
    expect(selectProviders(found, undefined)).toEqual({ providers: found.providers, leftOut: [] });
  });

  it('refuses an id that is not installed, naming the installed and the skipped', () => {
    expect(() => selectProviders(found, new Set(['civo']))).toThrow(
      '--providers: civo not installed in the bench package; installed: aws, gcp, ovh; skipped: @provision/provider-civo (not built).',
    );
  });
});
