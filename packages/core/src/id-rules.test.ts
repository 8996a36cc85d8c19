import { describe, expect, it } from 'vitest';
import { samplePlugin } from './__fixtures__/sample-plugin.js';
import { InvalidRequestError } from './errors/errors.js';
import { DEFAULT_ID_RULE, passesDefaultIdRule } from './id-rules.js';
import { createProvisioner } from './plugin/create-provisioner.js';
import { definePlugin } from './plugin/define-plugin.js';
import type { AnyPluginManifest } from './plugin/manifest.js';
import { validateHostSpec } from './validate-host-spec.js';

// Real region/zone and plan ids of the clouds in DESIGN.md, in the case each cloud writes them.
const REAL_REGIONS = [
  'fr-par-1',
  'GRA11',
  'BHS5',
  'eastus',
  'LON1',
  'us-central1-a',
  'nyc3',
  'ap-southeast-2',
];
const REAL_PLANS = ['DEV1-S', 'Standard_B1s', 'g3.xsmall', 'e2-micro', 'cx23', 'b2-7', 's-1vcpu-512mb-10gb'];

/** A plugin whose catalog lists every real region above (catalog membership still applies). */
function manyClouds(ids?: AnyPluginManifest['limits']['ids']): AnyPluginManifest {
  const base = samplePlugin();
  return definePlugin({
    ...base,
    limits: { ...base.limits, ...(ids === undefined ? {} : { ids }) },
    catalog: {
      ...base.catalog,
      regions: [...base.catalog.regions, ...REAL_REGIONS.map((id) => ({ id, name: id, available: true }))],
    },
  });
}

function refusal(manifest: AnyPluginManifest, spec: unknown) {
  try {
    validateHostSpec(manifest, spec);
  } catch (error) {
    return error as { code: string; field: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('region and plan ids', () => {
  const manifest = manyClouds();

  it.each(REAL_REGIONS)('accepts the real region id %s under the default rule', (region) => {
    expect(validateHostSpec(manifest, { name: 'a', region }).region).toBe(region);
  });

  it.each(REAL_PLANS)('accepts the real plan id %s under the default rule', (plan) => {
    expect(validateHostSpec(manifest, { name: 'a', plan }).plan).toBe(plan);
  });

  it.each([
    ['empty', ''],
    ['a space', 'Big Plan'],
    ['a tab', 'a\tb'],
    ['a newline', 'a\nb'],
    ['a control character', 'a\u0007'],
    ['a zero-width space', 'a\u200bb'],
    ['a slash', '../sizes'],
    ['a question mark', 'x?y=1'],
    ['a hash', 'x#y'],
    ['a percent sign', 'x%2F'],
    ['129 characters', 'a'.repeat(129)],
    ['a number', 42],
  ])('refuses a plan with %s before any request', (_label, plan) => {
    const error = refusal(manifest, { name: 'a', plan });
    expect(error).toMatchObject({ code: 'invalid_request', field: 'plan' });
    expect(error.message).toContain('without white space');
  });

  it('refuses a malformed region the same way, never echoing more than 80 characters', () => {
    const error = refusal(manifest, { name: 'a', region: `r/${'x'.repeat(500)}` });
    expect(error).toMatchObject({ code: 'invalid_request', field: 'region' });
    expect(error.message.length).toBeLessThan(260);
  });

  it("applies the plugin's own rule after core's and names its description", () => {
    const base = manyClouds();
    const scaleway = definePlugin({
      ...base,
      defaults: { ...base.defaults, region: 'fr-par-1', plan: 'DEV1-S' },
      limits: {
        ...base.limits,
        ids: {
          region: { pattern: /^[a-z]{2}-[a-z]{3}-\d$/, description: 'a zone like "fr-par-1"' },
          plan: { pattern: /^[A-Z0-9]+(-[A-Z0-9]+)*$/, description: 'a commercial type like "DEV1-S"' },
        },
      },
      catalog: {
        ...base.catalog,
        plans: base.catalog.plans.map((plan) => ({ ...plan, id: 'DEV1-S' })),
      },
    });
    expect(validateHostSpec(scaleway, { name: 'a', region: 'fr-par-1', plan: 'DEV1-S' })).toMatchObject({
      region: 'fr-par-1',
      plan: 'DEV1-S',
    });
    const plan = refusal(scaleway, { name: 'a', region: 'fr-par-1', plan: 'dev1-s' });
    expect(plan).toMatchObject({ field: 'plan' });
    expect(plan.message).toContain('a commercial type like "DEV1-S"');
    expect(plan.message).toContain('plan "dev1-s" is not a valid Sample Cloud plan id');
    const region = refusal(scaleway, { name: 'a', region: 'GRA11' });
    expect(region).toMatchObject({ field: 'region' });
    expect(region.message).toContain('a zone like "fr-par-1"');
  });

  it('still checks the region against the catalog when the catalog lists regions', () => {
    expect(refusal(manifest, { name: 'a', region: 'FR-PAR-1' })).toMatchObject({ field: 'region' });
  });

  it('refuses a manifest whose defaults break its own id rules, or whose patterns keep state', () => {
    const base = samplePlugin();
    expect(() =>
      definePlugin({
        ...base,
        limits: { ...base.limits, ids: { plan: { pattern: /^[A-Z]+$/, description: 'upper case' } } },
      }),
    ).toThrow(/defaults.plan "small" breaks the plan id rule/);
    expect(() =>
      definePlugin({
        ...base,
        limits: { ...base.limits, ids: { region: { pattern: /r\d/g, description: 'r and a digit' } } },
      }),
    ).toThrow(/must not use the g or y flag/);
  });

  it('refuses a malformed id through provision() without loading the implementation', async () => {
    const loads = { count: 0 };
    const provisioner = createProvisioner(samplePlugin({}, loads));
    const error = await provisioner.provision({ name: 'a', plan: 'two words' }).catch((caught) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(loads.count).toBe(0);
  });
});

describe('passesDefaultIdRule', () => {
  it('answers as DEFAULT_ID_RULE.pattern for every UTF-16 code unit, alone and inside an id', () => {
    const disagree: string[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const char = String.fromCharCode(unit);
      for (const value of [char, `a${char}1`]) {
        if (passesDefaultIdRule(value) !== DEFAULT_ID_RULE.pattern.test(value))
          disagree.push(unit.toString(16));
      }
    }
    expect(disagree).toEqual([]);
  });

  it('answers as the pattern for real ids, lengths at the limit, pairs and the empty id', () => {
    const values = [
      ...REAL_REGIONS,
      'x'.repeat(128),
      'x'.repeat(129),
      `${'x'.repeat(127)}\u00e9`,
      `${'x'.repeat(128)}\u00e9`,
      '',
      'zone-\u{1f600}',
      'r\u00e9gion',
      'a b',
      'a/b',
      'a?b',
      'a#b',
      'a%b',
      'a\u200bb',
    ];
    for (const value of values)
      expect(passesDefaultIdRule(value), value).toBe(DEFAULT_ID_RULE.pattern.test(value));
    expect(passesDefaultIdRule('x'.repeat(128))).toBe(true);
    expect(passesDefaultIdRule('x'.repeat(129))).toBe(false);
    expect(passesDefaultIdRule('r\u00e9gion')).toBe(true);
    expect(passesDefaultIdRule('a\u200bb')).toBe(false);
  });
});
