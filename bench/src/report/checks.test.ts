import { describe, expect, it } from 'vitest';
import { phaseStats } from '../sections/lifecycle.ts';
import { cli, command, fleet, fleetPhase, lifecycle, results } from './__fixtures__/synthetic-results.ts';
import { fleetChecks, judgeAtMost, listScaleChecks, runChecks } from './checks.ts';
import { cpuShareVerdict } from './reading.ts';
import { renderChecks } from './render-checks.ts';

const steady = (value: number, runs: number) => Array.from({ length: runs }, () => value);

describe('judgeAtMost', () => {
  it('gives met and not met only from enough runs with a narrow spread', () => {
    expect(judgeAtMost(1.2, 1.5, 0.1, 20).verdict).toBe('met');
    expect(judgeAtMost(3, 1.5, 0.1, 20).verdict).toBe('not met');
    expect(judgeAtMost(3, 1.5, 0.1, 3).verdict).toBe('noise');
    expect(judgeAtMost(1.55, 1.5, 0.1, 20).verdict).toBe('noise');
  });

  it('can be strict', () => {
    expect(judgeAtMost(0.2, 0.2, 0, 1, { minRuns: 1, strict: true }).verdict).toBe('not met');
    expect(judgeAtMost(0.2, 0.2, 0, 1, { minRuns: 1 }).verdict).toBe('met');
  });
});

describe('cold-start checks', () => {
  it('hold each start-up command to 1.5x bare Node, and leave --version and status out', () => {
    const section = cli(
      [
        command('provision --version', steady(60, 20), 50),
        command('provision --help', steady(160, 20), 50),
        command('provision providers', steady(70, 20), 50),
        command('provision status <id> --provider aws', steady(500, 20), 50),
      ],
      20,
    );
    const checks = runChecks(results({ cli: section }));
    const verdicts = checks
      .filter((check) => check.area === 'cold start')
      .map((check) => [check.name, check.verdict]);
    expect(verdicts).toEqual([
      ['`provision --help`', 'not met'],
      ['`provision providers`', 'met'],
      ['`provision status` (DigitalOcean)', 'not measured'],
    ]);
  });

  it('judge start-up on CPU time when every run reported it, whatever the wall time', () => {
    const cpuSamplesMs = Array.from({ length: 20 }, () => 30);
    const section = cli(
      [{ ...command('provision providers', steady(200, 20), 50), cpuSamplesMs, cpuMedianMs: 30 }],
      20,
    );
    if ('skipped' in section) throw new Error('the synthetic section is never skipped');
    const floorCpu = Array.from({ length: 20 }, () => 25);
    const withCpu = { ...section, floor: { ...section.floor, cpuSamplesMs: floorCpu, cpuMedianMs: 25 } };
    const [check] = runChecks(results({ cli: withCpu })).filter((item) => item.area === 'cold start');
    expect(check?.verdict).toBe('met');
    expect(check?.measured).toMatch(/^1\.2× \(CPU 30(\.0)? ms vs 25(\.0)? ms/);
    // Without the floor's CPU figures the wall time decides (200 ms vs 50 ms).
    const [wall] = runChecks(results({ cli: section })).filter((item) => item.area === 'cold start');
    expect(wall?.verdict).toBe('not met');
  });

  it('mark a quick run of 3 rounds noise, never met or not met', () => {
    const section = cli([command('provision --help', steady(500, 3), 50)], 3);
    const [check] = runChecks(results({ cli: section }, 'quick'));
    expect(check?.verdict).toBe('noise');
    expect(check?.note).toBe('3 runs, fewer than 5');
    expect(renderChecks(results({ cli: section }, 'quick'))).toContain('_noise_');
  });

  it('hold status to 1.2x the one-shot GET, naming the stand-in when Libcloud is absent', () => {
    const section = {
      ...cli([command('provision status <id> --provider digitalocean', steady(130, 10), 50)], 10),
      oneShot: {
        kind: 'urllib' as const,
        description: 'a one-shot Python urllib GET standing in for Libcloud',
        provider: 'digitalocean',
        medianMs: 100,
        minMs: 100,
        maxMs: 100,
        samplesMs: steady(100, 10),
        failedRuns: 0,
      },
    };
    const check = runChecks(results({ cli: section })).find((item) => item.name.includes('status'));
    expect(check?.target).toBe('≤ 1.2× a one-shot urllib GET (stand-in)');
    expect(check?.verdict).toBe('not met');
    expect(check?.note).toContain('standing in for Libcloud');
  });

  it('compare the first lifecycle of fresh processes with the warm one', () => {
    const slow = lifecycle(steady(18, 15), [400, 401, 402, 399, 405]);
    const coldCheck = (run: ReturnType<typeof results>) =>
      runChecks(run).find((item) => item.name === 'first lifecycle CPU, digitalocean');
    const check = coldCheck(results({ lifecycle: [slow] }));
    expect(check?.measured.startsWith('22×')).toBe(true);
    expect(check?.verdict).toBe('not met');
    const fast = lifecycle(steady(18, 15), [30, 30, 31, 29, 30]);
    expect(coldCheck(results({ lifecycle: [fast] }))?.verdict).toBe('met');
    const quick = lifecycle(steady(18, 3), [400, 401]);
    expect(coldCheck(results({ lifecycle: [quick] }))?.verdict).toBe('noise');
  });
});

describe('list and fleet checks', () => {
  it('hold the list of 5,000 to 1.2x of two round trips plus transfer', () => {
    const scale = {
      hosts: 5000,
      requests: 25,
      cpuMs: 800,
      cpuPerHostMs: 0.16,
      baselineRssBytes: 0,
      peakRssBytes: 0,
      latencyMs: 50,
      transferMs: 100,
      idealMs: 200,
    };
    const slow = listScaleChecks('digitalocean', { ...scale, wallMs: [1900, 1950, 2000, 1980, 1990] });
    expect(slow[0]?.verdict).toBe('not met');
    expect(slow[1]?.verdict).toBe('not judged');
    const fast = listScaleChecks('digitalocean', { ...scale, wallMs: [220, 221, 222, 223, 224] });
    expect(fast[0]?.verdict).toBe('met');
    expect(listScaleChecks('digitalocean', { ...scale, wallMs: [220] })[0]?.verdict).toBe('noise');
  });

  it('hold a cloud paged by cursor to one round trip per page plus transfer', () => {
    const scale = {
      hosts: 5000,
      requests: 10,
      cpuMs: 300,
      cpuPerHostMs: 0.06,
      baselineRssBytes: 0,
      peakRssBytes: 0,
      latencyMs: 50,
      transferMs: 50,
      roundTrips: 10,
      idealMs: 550,
    };
    const [met] = listScaleChecks('vultr', { ...scale, wallMs: [600, 610, 620, 615, 605] });
    expect(met).toMatchObject({
      verdict: 'met',
      target: '≤ 1.2× of one round trip per page + transfer',
      note: 'cursor pages: each names the next, so they are read one after another',
    });
    expect(met?.measured).toContain('= 10 × 50 ms + 50.0 ms; 10 requests');
    const [slow] = listScaleChecks('vultr', { ...scale, wallMs: [900, 910, 920, 915, 905] });
    expect(slow?.verdict).toBe('not met');
  });

  it('hold a listing of one request to 1 round trip, and cite the reason a cloud is cursor-paged', () => {
    const scale = {
      hosts: 5000,
      requests: 1,
      cpuMs: 150,
      cpuPerHostMs: 0.03,
      baselineRssBytes: 0,
      peakRssBytes: 0,
      latencyMs: 50,
      transferMs: 60,
      roundTrips: 1,
      idealMs: 110,
    };
    const [single] = listScaleChecks('ovh', { ...scale, wallMs: [120, 121, 122, 123, 124] });
    expect(single).toMatchObject({ verdict: 'met', target: '≤ 1.2× of 1 round trip + transfer' });
    expect(single?.note).toBeUndefined();
    const cursor = { ...scale, requests: 3, roundTrips: 3, idealMs: 210, cursorPaged: 'pageToken only' };
    const [paged] = listScaleChecks('gcp', { ...cursor, wallMs: [300, 301, 302, 303, 304] });
    expect(paged).toMatchObject({
      verdict: 'not met',
      target: '≤ 1.2× of one round trip per page + transfer',
      note: 'cursor pages: pageToken only',
    });
  });

  it('judge CPU per host against Libcloud when both listed every host, else say why not', () => {
    const scale = {
      hosts: 5000,
      requests: 25,
      cpuMs: 500,
      cpuPerHostMs: 0.1,
      baselineRssBytes: 0,
      peakRssBytes: 0,
      latencyMs: 50,
      transferMs: 100,
      idealMs: 200,
      wallMs: [300, 301, 302, 303, 304],
    };
    const calls = (cpu: number) =>
      Array.from({ length: 5 }, (_, index) => ({ cpuMs: cpu + index, wallMs: cpu }));
    const beside = {
      hosts: 5000,
      libcloudDescription: 'Apache Libcloud 3.4.1 (/usr/bin/python3)',
      ours: calls(200),
      libcloud: calls(800),
      oursListed: 5000,
      libcloudListed: 5000,
    };
    const [, cheaper] = listScaleChecks('digitalocean', scale, beside);
    expect(cheaper).toMatchObject({ verdict: 'met', target: "at or below Libcloud's" });
    expect(cheaper?.measured).toMatch(/^40 µs vs 160 µs, 0\.3× \(5,000 droplets/);
    const [, dearer] = listScaleChecks('digitalocean', scale, { ...beside, ours: calls(1200) });
    expect(dearer?.verdict).toBe('not met');
    const [, short] = listScaleChecks('digitalocean', scale, { ...beside, libcloudListed: 4000 });
    expect(short).toMatchObject({
      verdict: 'not measured',
      note: 'listed 5000 (ours) and 4000 (Libcloud) of 5000',
    });
    const [, skipped] = listScaleChecks('digitalocean', scale, { skipped: 'Libcloud is not installed' });
    expect(skipped).toMatchObject({ verdict: 'not judged', note: 'Libcloud is not installed' });
    expect(listScaleChecks('aws', scale)[1]).toMatchObject({
      verdict: 'not judged',
      note: "Libcloud's list is not measured here",
    });
  });

  it('judge a fleet of 200 by wall, rejected requests and RateLimitError', () => {
    // 1,000 useful requests a phase: ideal 99 s; 300 rejected; 5 calls gave up.
    const checks = fleetChecks(fleet(200, fleetPhase(1000, 300, 5, 104_000)));
    expect(checks.map((check) => check.verdict)).toEqual(['met', 'not met', 'not met']);
    expect(checks[1]?.measured).toBe('0.30 (900 / 3000)');
    const good = fleetChecks(fleet(200, fleetPhase(1000, 100, 0, 120_000)));
    expect(good.map((check) => check.verdict)).toEqual(['not met', 'met', 'met']);
  });

  it('count a call that failed for good with RateLimitError as reaching its caller', () => {
    const phase = { ...fleetPhase(1000, 100, 0, 100_000), failures: ['RateLimitError: rate limited (429)'] };
    const checks = fleetChecks(fleet(200, phase));
    expect(checks[2]?.measured).toBe('3');
    expect(checks[2]?.verdict).toBe('not met');
  });

  it('give a fleet smaller than 200 no verdict', () => {
    const checks = fleetChecks(fleet(40, fleetPhase(100, 0, 0, 9000)));
    expect(checks.every((check) => check.verdict === 'not judged')).toBe(true);
    expect(checks[0]?.note).toBe('a fleet of 40; the target is for 200');
  });
});

describe('the lifecycle floor', () => {
  it('is one request per call, so requests beyond the first of a call show above it', () => {
    const runs = [
      { calls: 1, requests: 2, wallMs: 110, cpuMs: 5 },
      { calls: 1, requests: 2, wallMs: 112, cpuMs: 5 },
    ];
    const stats = phaseStats(runs, 50);
    expect(stats.floorMs).toBe(50);
    expect(stats.requests).toBe(2);
    expect(stats.wallMs / stats.floorMs).toBeGreaterThan(2);
  });

  it('gives no CPU-share verdict from too few runs or a spread across a band edge', () => {
    const total = { calls: 4, cpuPerCallMs: 2, perRun: steady(8, 15).map((cpuMs) => ({ cpuMs })) };
    expect(cpuShareVerdict(15, total)).toBe(': negligible next to the network, as the design asks');
    expect(cpuShareVerdict(3, total)).toContain('_noise_');
    const straddling = {
      calls: 1,
      cpuPerCallMs: 4.9,
      perRun: [3, 4, 4.9, 5.5, 6].map((cpuMs) => ({ cpuMs })),
    };
    expect(cpuShareVerdict(5, straddling)).toContain("across a band's edge");
  });
});
