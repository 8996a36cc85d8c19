import {
  createProvisioner,
  type HostSpec,
  InvalidRequestError,
  MissingCredentialsError,
  type ProvisionerV1,
  UnsupportedError,
} from '@provision/core';
import { describeError, describeRequests, ensure, rejectionOf } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { BadCredentialCase, ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'bad input';

/** Which refusals a case accepts. */
type Refusal = 'invalid' | 'unsupported' | 'credentials';

const REFUSALS: Record<Refusal, { name: string; test(error: unknown): boolean }> = {
  invalid: { name: 'InvalidRequestError', test: (error) => InvalidRequestError.isInstance(error) },
  unsupported: { name: 'UnsupportedError', test: (error) => UnsupportedError.isInstance(error) },
  // Settings are parsed when the provisioner is built; a malformed credential may fail there.
  credentials: {
    name: 'MissingCredentialsError (or InvalidRequestError from the settings)',
    test: (error) =>
      MissingCredentialsError.isInstance(error) ||
      (InvalidRequestError.isInstance(error) && error.operation === 'settings'),
  },
};

interface BadInputCase<Settings> {
  readonly name: string;
  readonly refusals: readonly Refusal[];
  /** Host ids of this cloud's shape, made on another fake so the checked fake stays untouched. */
  readonly needsId?: boolean;
  attempt(harness: ContractHarness<Settings>, id: string): Promise<unknown>;
}

/** A spec that breaks one rule: the suite's valid spec with `change` applied (an `undefined` value removes the field). */
function specWith<Settings>(harness: ContractHarness<Settings>, change: Record<string, unknown>): HostSpec {
  return { ...harness.spec('contract-bad-input'), ...change } as unknown as HostSpec;
}

function provisionCases<Settings>(config: ContractConfig<Settings>): BadInputCase<Settings>[] {
  const plugin = config.plugin;
  const limits = plugin.limits;
  const nameLimit = limits.name?.maxLength ?? 63;
  // Inbound on a plugin without the capability is refused as unsupported before its shape is looked at.
  const inboundRefusals: Refusal[] = plugin.capabilities.inbound ? ['invalid'] : ['invalid', 'unsupported'];
  const tooManyTags = Object.fromEntries(
    Array.from({ length: limits.tags.maxCount + 1 }, (_, index) => [`k${index}`, 'v']),
  );
  const cases: Array<[string, Record<string, unknown>, Refusal[]?]> = [
    ['name empty', { name: '' }],
    ['name missing', { name: undefined }],
    ['name uppercase', { name: 'Web-1' }],
    ['name with underscore', { name: 'web_1' }],
    [`name of ${nameLimit + 1} characters`, { name: 'a'.repeat(nameLimit + 1) }],
    ['name with a leading -', { name: '-web' }],
    ['name with a trailing -', { name: 'web-' }],
    ['name with a space', { name: 'web 1' }],
    ['name with unicode', { name: 'wéb-1' }],
    ['owner invalid', { owner: 'Team_A' }],
    ['region malformed', { region: 'NYC 3!' }],
    ['plan malformed', { plan: 'Big Plan!' }],
    ['os unknown', { os: 'contract-os-0.1' }, ['unsupported']],
    [`userData over ${limits.userDataBytes} bytes`, { userData: 'x'.repeat(limits.userDataBytes + 1) }],
    ['userData not a string', { userData: 42 }],
    ['inbound port 0', { inbound: [{ from: 0 }] }, inboundRefusals],
    ['inbound port 65536', { inbound: [{ from: 65536 }] }, inboundRefusals],
    ['inbound range from > to', { inbound: [{ from: 90, to: 80 }] }, inboundRefusals],
    ['inbound fractional port', { inbound: [{ from: 22.5 }] }, inboundRefusals],
    ['inbound protocol icmp', { inbound: [{ from: 22, protocol: 'icmp' }] }, inboundRefusals],
    ['inbound empty list', { inbound: [] }, inboundRefusals],
    ['inbound not a list', { inbound: 'ssh' }, inboundRefusals],
    ['tag key with the reserved provision prefix', { tags: { 'provision-x': 'v' } }],
    [`${limits.tags.maxCount + 1} tags`, { tags: tooManyTags }],
    ['tag value not a string', { tags: { env: 5 } }],
    ['ttl negative', { ttl: -1 }],
    ['unknown spec field', { size: 'large' }],
    plugin.hostOptions === undefined
      ? ['options when the plugin takes none', { options: { anything: true } }]
      : ['options not an object', { options: 42 }],
  ];
  if (plugin.catalog.regions.length > 0) cases.push(['region unknown', { region: 'contract-nowhere-9' }]);
  const maxRules = limits.maxInboundRules;
  if (plugin.capabilities.inbound && maxRules !== undefined) {
    const rules = Array.from({ length: maxRules + 1 }, (_, index) => ({ from: 10_000 + index }));
    cases.push([`inbound of ${maxRules + 1} rules (limit ${maxRules})`, { inbound: rules }]);
  }
  if (plugin.hostOptions !== undefined) {
    cases.push([
      'options with a field the plugin does not know',
      { options: { contractUnknownOption: true } },
    ]);
  }
  return [
    ...cases.map(
      ([name, change, refusals = ['invalid']]): BadInputCase<Settings> => ({
        name: `provision: ${name}`,
        refusals,
        attempt: (harness) => harness.provisioner().provision(specWith(harness, change)),
      }),
    ),
    {
      name: 'provision: spec not an object',
      refusals: ['invalid'],
      attempt: (harness) => harness.provisioner().provision(null as unknown as HostSpec),
    },
  ];
}

function credentialCases<Settings>(
  config: ContractConfig<Settings>,
  badCase: BadCredentialCase<Settings>,
): BadInputCase<Settings>[] {
  const build = (harness: ContractHarness<Settings>): ProvisionerV1 =>
    createProvisioner(config.plugin, badCase.settings(harness.fake), {
      env: badCase.env ?? config.env ?? {},
    });
  return [
    {
      name: `credentials ${badCase.name}: provision`,
      refusals: ['credentials'],
      attempt: async (harness) => build(harness).provision(harness.spec('contract-bad-input')),
    },
    {
      name: `credentials ${badCase.name}: status`,
      refusals: ['credentials'],
      needsId: true,
      attempt: async (harness, id) => build(harness).status(id),
    },
  ];
}

function idCases<Settings>(config: ContractConfig<Settings>): BadInputCase<Settings>[] {
  const cases: BadInputCase<Settings>[] = [
    { name: "status('')", refusals: ['invalid'], attempt: (harness) => harness.provisioner().status('') },
    {
      name: "delete({ id: '' })",
      refusals: ['invalid'],
      attempt: (harness) => harness.provisioner().delete({ id: '' }),
    },
    {
      name: "delete({ ip: 'not-an-ip' })",
      refusals: ['invalid'],
      attempt: (harness) => harness.provisioner().delete({ ip: 'not-an-ip' }),
    },
  ];
  for (const id of config.malformedIds ?? []) {
    cases.push(
      {
        name: `status(${JSON.stringify(id)})`,
        refusals: ['invalid'],
        attempt: (harness) => harness.provisioner().status(id),
      },
      {
        name: `delete({ id: ${JSON.stringify(id)} })`,
        refusals: ['invalid'],
        attempt: (harness) => harness.provisioner().delete({ id }),
      },
    );
  }
  return cases;
}

/** A real host id of this cloud, made on a separate fake. */
async function validId<Settings>(
  config: ContractConfig<Settings>,
  context: Parameters<ContractCheck['run']>[0],
): Promise<string> {
  const harness = new ContractHarness(config, context);
  return (await harness.provisioner().provision(harness.spec('contract-id-source'))).id;
}

/** Input that breaks a rule is refused with a typed error before any request reaches the cloud. */
export function badInputChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const cases = [
    ...provisionCases(config),
    ...idCases(config),
    ...config.badCredentials.flatMap((badCase) => credentialCases(config, badCase)),
  ];
  return cases.map((badCase) =>
    defineCheck(GROUP, badCase.name, async (context) => {
      const id = badCase.needsId ? await validId(config, context) : '';
      const harness = new ContractHarness(config, context);
      const error = await rejectionOf(() => badCase.attempt(harness, id), badCase.name);
      const accepted = badCase.refusals.map((refusal) => REFUSALS[refusal]);
      ensure(
        accepted.some((refusal) => refusal.test(error)),
        () =>
          `${badCase.name} should be refused with ${accepted.map((refusal) => refusal.name).join(' or ')}, not ${describeError(error)}.`,
      );
      const requests = harness.fake.requests;
      ensure(
        requests.length === 0,
        () =>
          `${badCase.name} was refused, but only after ${requests.length} request(s) reached the cloud:\n${describeRequests(requests)}`,
      );
    }),
  );
}
