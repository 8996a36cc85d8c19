import type { Catalog, Plan } from '@provision/core';

const CHECKED_AT = '2026-11-22';

/** What AWS bills for a public IPv4 address, per hour, on top of the instance (since 2024-02-01). */
export const PUBLIC_IPV4_HOURLY_USD = 0.005;
const HOURS_PER_MONTH = 730;

// On-demand Linux prices in US East (N. Virginia), plus the public IPv4 charge, which AWS bills
// separately: https://aws.amazon.com/ec2/pricing/on-demand/ and
// https://aws.amazon.com/vpc/pricing/ ("Public IPv4 addresses"). The root EBS volume is not included.
const instanceType = (
  id: string,
  cpus: number,
  memoryMiB: number,
  instanceHourly: number,
  architecture: 'x86_64' | 'arm64',
): Plan => {
  const hourly = Math.round((instanceHourly + PUBLIC_IPV4_HOURLY_USD) * 10_000) / 10_000;
  return {
    id,
    cpus,
    memoryMiB,
    publicIpv4: true,
    architecture,
    price: {
      monthly: Math.round(hourly * HOURS_PER_MONTH * 100) / 100,
      hourly,
      currency: 'USD',
      source: 'catalog',
      checkedAt: CHECKED_AT,
    },
  };
};

// https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
const REGIONS: ReadonlyArray<[string, string]> = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['us-west-1', 'US West (N. California)'],
  ['us-west-2', 'US West (Oregon)'],
  ['ca-central-1', 'Canada (Central)'],
  ['ca-west-1', 'Canada West (Calgary)'],
  ['mx-central-1', 'Mexico (Central)'],
  ['sa-east-1', 'South America (São Paulo)'],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-central-2', 'Europe (Zurich)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['eu-south-1', 'Europe (Milan)'],
  ['eu-south-2', 'Europe (Spain)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['il-central-1', 'Israel (Tel Aviv)'],
  ['me-south-1', 'Middle East (Bahrain)'],
  ['me-central-1', 'Middle East (UAE)'],
  ['af-south-1', 'Africa (Cape Town)'],
  ['ap-east-1', 'Asia Pacific (Hong Kong)'],
  ['ap-east-2', 'Asia Pacific (Taipei)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-south-2', 'Asia Pacific (Hyderabad)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ['ap-southeast-3', 'Asia Pacific (Jakarta)'],
  ['ap-southeast-4', 'Asia Pacific (Melbourne)'],
  ['ap-southeast-5', 'Asia Pacific (Malaysia)'],
  ['ap-southeast-7', 'Asia Pacific (Thailand)'],
];

/**
 * Canonical's AMI names, as a `DescribeImages` name filter: `{arch}` becomes `amd64` or `arm64`
 * for the instance type's architecture. The volume-type directory and the release's code name are
 * wildcards, so the pattern does not depend on them.
 * https://documentation.ubuntu.com/aws/aws-how-to/instances/find-ubuntu-images/
 */
export const UBUNTU_IMAGE_NAMES = {
  'ubuntu-26.04': 'ubuntu/images/hvm-ssd*/ubuntu-*-26.04-{arch}-server-*',
  'ubuntu-24.04': 'ubuntu/images/hvm-ssd*/ubuntu-*-24.04-{arch}-server-*',
  'ubuntu-22.04': 'ubuntu/images/hvm-ssd*/ubuntu-*-22.04-{arch}-server-*',
} as const;

/**
 * Dated offline data for EC2: what `--dry-run` and the defaults are resolved against. Prices are
 * those of us-east-1; other regions cost somewhat more. `plans()` confirms the types live with
 * `DescribeInstanceTypes` and prices them from here (EC2's API has no prices).
 */
export const awsCatalog: Catalog = {
  checkedAt: CHECKED_AT,
  currency: 'USD',
  plans: [
    instanceType('t4g.nano', 2, 512, 0.0042, 'arm64'),
    instanceType('t4g.micro', 2, 1024, 0.0084, 'arm64'),
    instanceType('t4g.small', 2, 2048, 0.0168, 'arm64'),
    instanceType('t4g.medium', 2, 4096, 0.0336, 'arm64'),
    instanceType('t3a.nano', 2, 512, 0.0047, 'x86_64'),
    instanceType('t3a.micro', 2, 1024, 0.0094, 'x86_64'),
    instanceType('t3a.small', 2, 2048, 0.0188, 'x86_64'),
    instanceType('t3a.medium', 2, 4096, 0.0376, 'x86_64'),
    instanceType('t3.nano', 2, 512, 0.0052, 'x86_64'),
    instanceType('t3.micro', 2, 1024, 0.0104, 'x86_64'),
    instanceType('t3.small', 2, 2048, 0.0208, 'x86_64'),
    instanceType('t3.medium', 2, 4096, 0.0416, 'x86_64'),
    instanceType('t2.nano', 1, 512, 0.0058, 'x86_64'),
    instanceType('t2.micro', 1, 1024, 0.0116, 'x86_64'),
  ],
  regions: REGIONS.map(([id, name]) => ({ id, name, available: true })),
  images: UBUNTU_IMAGE_NAMES,
};

/**
 * The CPU architecture of an instance type: the catalog's word, else AWS's naming (Graviton
 * families carry a `g` after the generation digit: `t4g`, `m7g`, `c7gn`, `r8gd`).
 */
export function architectureOf(plan: string): 'x86_64' | 'arm64' {
  const known = awsCatalog.plans.find((candidate) => candidate.id === plan)?.architecture;
  if (known !== undefined) return known;
  return /^[a-z]+\d+g[a-z]*\./.test(plan) ? 'arm64' : 'x86_64';
}
