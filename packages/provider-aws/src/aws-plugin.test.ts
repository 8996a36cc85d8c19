import { readFileSync } from 'node:fs';
import { getPlugin, HostNotFoundError, validateHostSpec } from '@provision/core';
import { setupFakeServer } from '@provision/testkit';
import { describe, expect, it } from 'vitest';
import { implementationLoads } from './implementation-loads.js';
import { awsPlugin, createAws } from './index.js';
import { AWS_FAKE_CREDENTIALS, AwsEc2Fake } from './testing/index.js';

const server = setupFakeServer();

/** The modules `file` imports statically (`import ... from`, `export ... from`), not `import()`. */
function staticImports(file: URL): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map(
    (match) => match[1] as string,
  );
}

/** Every module reachable from `entry` through static imports, ours as files, packages as names. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of staticImports(new URL(file, import.meta.url))) {
      if (specifier.startsWith('.'))
        visit(new URL(specifier.replace(/\.js$/, '.ts'), new URL(file, import.meta.url)).href);
      else seen.add(specifier);
    }
  };
  visit(new URL(entry, import.meta.url).href);
  return seen;
}

describe('the AWS plugin', () => {
  it('registers itself when the package is imported', () => {
    expect(getPlugin('aws')).toBe(awsPlugin);
  });

  it('does not load the AWS SDK on import: the implementation loads on the first call', async () => {
    const graph = [...importGraph('./index.ts')];
    expect(graph.filter((module) => /^@(aws-sdk|smithy)\//.test(module))).toEqual([]);
    expect(graph.some((module) => module.endsWith('/aws-provisioner.ts'))).toBe(false);
    expect(graph).toContain('@provision/core');
    expect(importGraph('./aws-provisioner.ts').has('@aws-sdk/client-ec2')).toBe(true);
    expect(implementationLoads.count).toBe(0);
    // Bad input is refused without loading anything either.
    await expect(createAws().provision({ name: 'Bad_Name' })).rejects.toThrow(/name/);
    expect(implementationLoads.count).toBe(0);
    const fake = new AwsEc2Fake();
    server.use(fake);
    const cloud = createAws({ credentials: { ...AWS_FAKE_CREDENTIALS }, endpoint: fake.baseUrl });
    const error = await cloud.status('us-east-1/i-0123456789abcdef0').catch((caught: unknown) => caught);
    expect(HostNotFoundError.isInstance(error)).toBe(true);
    expect(implementationLoads.count).toBe(1);
  });

  it('defaults to t4g.nano in us-east-1 on Ubuntu 26.04, priced with the public IPv4 charge', () => {
    const resolved = validateHostSpec(awsPlugin, { name: 'web' });
    const cheapest = [...awsPlugin.catalog.plans].sort(
      (a, b) => (a.price.monthly ?? Number.POSITIVE_INFINITY) - (b.price.monthly ?? Number.POSITIVE_INFINITY),
    )[0];
    expect(resolved).toMatchObject({
      region: 'us-east-1',
      plan: 't4g.nano',
      image: 'ubuntu/images/hvm-ssd*/ubuntu-*-26.04-{arch}-server-*',
    });
    expect(cheapest?.id).toBe('t4g.nano');
    // 0.0042 USD an hour for the instance, 0.005 for its public IPv4, 730 hours a month.
    expect(cheapest?.price).toMatchObject({
      hourly: 0.0092,
      monthly: 6.72,
      currency: 'USD',
      source: 'catalog',
    });
    expect(cheapest?.price.checkedAt).toBe(awsPlugin.catalog.checkedAt);
    expect(awsPlugin.catalog.plans.every((plan) => plan.publicIpv4 && (plan.price.monthly ?? 0) > 3.65)).toBe(
      true,
    );
  });

  it('declares the budgets its docs page states', () => {
    expect(awsPlugin.callBudget).toEqual({
      provision: 3,
      provisionWithInbound: 5,
      status: 1,
      delete: 2,
      list: 1,
      plans: 1,
      orphans: 2,
      inboundRules: 2,
    });
  });

  it("names AWS's own variables, the SDK's EC2 endpoint variable among them", () => {
    expect(awsPlugin.env.required).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ]);
    expect(awsPlugin.env.optional).toEqual(
      expect.arrayContaining(['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL_EC2']),
    );
  });

  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html: the aws: prefix is
  // reserved whatever its letter case.
  it('refuses tag keys with the reserved aws: prefix in any letter case, before any request', () => {
    for (const key of ['aws:foo', 'AWS:foo', 'Aws:name'])
      expect(() => validateHostSpec(awsPlugin, { name: 'web', tags: { [key]: 'x' } })).toThrow(
        expect.objectContaining({ field: `tags.${key}` }),
      );
    expect(validateHostSpec(awsPlugin, { name: 'web', tags: { 'awsome:x': 'y' } }).tags).toEqual({
      'awsome:x': 'y',
    });
  });

  it('keeps the 16 KB user-data limit of EC2, counted before base64', () => {
    expect(awsPlugin.limits.userDataBytes).toBe(16_384);
    expect(() => validateHostSpec(awsPlugin, { name: 'web', userData: 'x'.repeat(16_385) })).toThrow(/16384/);
    expect(validateHostSpec(awsPlugin, { name: 'web', userData: 'é'.repeat(8_192) }).userData).toHaveLength(
      8_192,
    );
  });

  it('accepts EC2 instance types and refuses other plan ids with its own description', () => {
    for (const plan of ['t4g.nano', 'm7i-flex.large', 'u-6tb1.56xlarge', 'mac2-m2pro.metal']) {
      expect(validateHostSpec(awsPlugin, { name: 'web', plan }).plan).toBe(plan);
    }
    for (const plan of ['T4G.NANO', 't4g', 'Standard_B1s']) {
      expect(() => validateHostSpec(awsPlugin, { name: 'web', plan })).toThrow(
        /an instance type like "t4g.nano"/,
      );
    }
  });

  it('holds every tag an instance would carry to EC2 limits, the identity digest included', () => {
    const resolved = validateHostSpec(awsPlugin, { name: 'n'.repeat(63), owner: 'o'.repeat(32), ttl: 1 });
    expect(awsPlugin.limits.tags.storage).toEqual({
      kind: 'key-value',
      maxKeyLength: 128,
      maxValueLength: 256,
      maxCount: 50,
    });
    expect(resolved.name).toHaveLength(63);
  });
});
