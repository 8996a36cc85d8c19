import { describe, expect, it } from 'vitest';
import { IgnoresOrphanAge } from '../example/broken/listing-defects.js';
import { exampleOrphansPlugin } from '../example/example-orphans.js';
import { type ExampleCloudFake, ExampleContractFake, type ExampleSettings } from '../example/index.js';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import type { ContractCheck } from './contract-check.js';
import { contractChecks } from './contract-checks.js';
import type { ContractConfig } from './contract-config.js';
import { exampleContractConfig } from './example-contract-config.js';

const server = setupFakeServer();
const context = { use: server.use };
const ORPHANS = 'capabilities / orphans lists what a vanished host left, and only that';
const YOUNG = 'capabilities / orphans leave a resource made moments ago alone';
const WHY = 'The example cloud keeps no creation time of a firewall, and takes no tags on one.';

type Config = ContractConfig<ExampleSettings, ExampleCloudFake>;

function checks(config: Config): ContractCheck[] {
  return contractChecks(config).filter((check) =>
    `${check.group} / ${check.name}`.startsWith('capabilities / orphans'),
  );
}

async function failureOf(config: Config, name = ORPHANS): Promise<string | undefined> {
  const check = checks(config).find((candidate) => `${candidate.group} / ${candidate.name}` === name);
  expect(check, `no check "${name}"`).toBeDefined();
  expect(check?.skip).toBeUndefined();
  try {
    await check?.run(context);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The example config with an orphans-declaring plugin, and the fakes its checks made. */
function configWith(
  plugin = exampleOrphansPlugin(),
  options: { aging?: boolean; orphanAgeUnknown?: string } = {},
): { config: Config; fakes: ExampleContractFake[] } {
  const fakes: ExampleContractFake[] = [];
  const config: Config = {
    ...exampleContractConfig,
    plugin,
    createFake: (fakeOptions) => {
      const fake = new ExampleContractFake(fakeOptions);
      // A contract adapter written before the rule: no way to age what the fake stores.
      if (options.aging === false) Object.defineProperty(fake, 'ageSecondaryResources', { value: undefined });
      fakes.push(fake);
      return fake;
    },
    ...(options.orphanAgeUnknown === undefined ? {} : { orphanAgeUnknown: options.orphanAgeUnknown }),
  };
  return { config, fakes };
}

describe('the orphans check and the age of what a host leaves', () => {
  it('passes a plugin whose scan leaves a young firewall alone and lists it once old', async () => {
    const { config, fakes } = configWith();
    // The same plugin the next test breaks in one way: here it passes, so that failure is the defect.
    expect(await failureOf(config)).toBeUndefined();
    expect(fakes.flatMap((fake) => fake.cloud.firewalls.values())).toEqual([]);
    expect(checks(config).map((check) => `${check.group} / ${check.name}`)).not.toContain(YOUNG);
  }, 60_000);

  it('fails a plugin whose scan lists a firewall made moments ago', async () => {
    const { config } = configWith(exampleOrphansPlugin(IgnoresOrphanAge));
    expect(await failureOf(config)).toMatch(/orphans\(\) listed .*fw-\d+.*made moments ago/);
  }, 60_000);

  it('fails, before any request, a plugin declaring orphans whose contract fake cannot age its resources', async () => {
    const { config, fakes } = configWith(exampleOrphansPlugin(), { aging: false });
    expect(await failureOf(config)).toMatch(
      /declares orphans, but its contract fake has no ageSecondaryResources\(ms\).*orphanAgeUnknown/,
    );
    expect(fakes.flatMap((fake) => fake.cloud.requests)).toEqual([]);
  });

  it('with orphanAgeUnknown, runs without the young part and shows that part as skipped with the reason', async () => {
    const { config } = configWith(exampleOrphansPlugin(IgnoresOrphanAge), {
      aging: false,
      orphanAgeUnknown: WHY,
    });
    expect(checks(config).find((check) => `${check.group} / ${check.name}` === YOUNG)?.skip).toBe(WHY);
    // The scan that ignores age passes: without a creation time, use is all it can judge by.
    expect(await failureOf(config)).toBeUndefined();
  }, 60_000);

  it('refuses orphanAgeUnknown where the fake can age, and a reason that is no sentence', async () => {
    const stale = configWith(exampleOrphansPlugin(), { orphanAgeUnknown: WHY });
    expect(await failureOf(stale.config)).toMatch(
      /sets orphanAgeUnknown, but the contract fake has ageSecondaryResources/,
    );
    expect(stale.fakes.flatMap((fake) => fake.cloud.requests)).toEqual([]);
    const short = configWith(exampleOrphansPlugin(), { aging: false, orphanAgeUnknown: 'none' });
    expect(await failureOf(short.config)).toMatch(/orphanAgeUnknown must say why/);
  });

  it('does not apply to a plugin that does not declare orphans', () => {
    const names = contractChecks({ ...exampleContractConfig, orphanAgeUnknown: WHY }).map(
      (check) => `${check.group} / ${check.name}`,
    );
    expect(names).not.toContain(YOUNG);
    expect(
      contractChecks(exampleContractConfig).find((check) => `${check.group} / ${check.name}` === ORPHANS)
        ?.skip,
    ).toBe('orphans not declared by the plugin');
  });
});
