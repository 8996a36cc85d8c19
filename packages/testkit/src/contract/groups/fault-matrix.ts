import {
  type Host,
  type HostSpec,
  type HostStatus,
  ProvisionError,
  type ProvisionerV1,
} from '@provision/core';
import type { FaultKind } from '../../fake-cloud/index.js';
import { ContractViolation, describeError, describeRequest, ensure, outcomeOf } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import type { InboundRuleState } from '../contract-fake.js';
import { ContractHarness } from '../harness.js';
import { sameRules } from './inbound-rules.js';

const GROUP = 'fault matrix';
const FAULT_KINDS: readonly FaultKind[] = ['http-500', 'rate-limit', 'connection-reset', 'lost-response'];
/** Attempts a caller makes (the first plus three retries). */
const ATTEMPTS = 4;
const TIMEOUT_MS = 60_000;

const INBOUND: HostSpec['inbound'] = [{ from: 22 }, { from: 8000, to: 8100, protocol: 'udp' }];
const INBOUND_STATE: InboundRuleState[] = [
  { from: 22, to: 22, protocol: 'tcp' },
  { from: 8000, to: 8100, protocol: 'udp' },
];

/** Every failure a caller sees must be a retryable ProvisionError; the caller tries again. */
async function callerRetry<T>(action: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const outcome = await outcomeOf(action);
    if (outcome.ok) return outcome.value;
    last = outcome.error;
    ensure(
      ProvisionError.isInstance(outcome.error) && outcome.error.retryable,
      () =>
        `attempt ${attempt} failed with ${describeError(outcome.error)}; a transient fault must surface as a retryable ProvisionError`,
    );
  }
  throw new ContractViolation(`still failing after ${ATTEMPTS} attempts: ${describeError(last)}`);
}

/** One operation of the matrix: how to get there, run it, and check what it left. */
interface Scenario<Settings> {
  readonly name: string;
  /** Everything before the measured requests. Returns the host id, if there is one yet. */
  prepare(harness: ContractHarness<Settings>, provisioner: ProvisionerV1): Promise<string | undefined>;
  /** The measured requests. Returns the id of the host that should now exist, or undefined if none should. */
  act(
    harness: ContractHarness<Settings>,
    provisioner: ProvisionerV1,
    id: string | undefined,
  ): Promise<string | undefined>;
  /** Extra checks on the surviving host. */
  verify?(harness: ContractHarness<Settings>, host: Host): void;
  /** May answer without a request (e.g. plans from the catalog): nothing to fault then. */
  readonly mayBeOffline?: boolean;
  /** Where the surviving host ends up. Default `active`. */
  readonly settlesAs?: HostStatus;
}

function scenarios<Settings>(config: ContractConfig<Settings>): Scenario<Settings>[] {
  const inbound = config.plugin.capabilities.inbound;
  const provision = (
    name: string,
    extra: Partial<HostSpec>,
    verify?: Scenario<Settings>['verify'],
  ): Scenario<Settings> => ({
    name,
    prepare: async () => undefined,
    act: async (harness, provisioner) =>
      (await callerRetry(() => provisioner.provision(harness.spec('contract-fault', extra)))).id,
    ...(verify === undefined ? {} : { verify }),
  });
  const list: Scenario<Settings>[] = [provision('provision', {})];
  if (inbound) {
    list.push(
      provision('provision with inbound', { inbound: INBOUND }, (harness, host) => {
        const state = harness.contract.inboundOf(host);
        ensure(
          sameRules(state, INBOUND_STATE),
          `after the retries the firewall allows ${JSON.stringify(state)}; expected exactly ${JSON.stringify(INBOUND_STATE)}`,
        );
      }),
    );
  }
  list.push({
    name: 'status',
    prepare: async (harness, provisioner) =>
      (await harness.provisionActive(provisioner, harness.spec('contract-fault'))).id,
    act: async (_harness, provisioner, id) => {
      const host = await callerRetry(() => provisioner.status(id as string));
      ensure(
        host.id === id && host.status === 'active',
        `status() returned ${host.id} in "${host.status}"; expected ${id}, active`,
      );
      return id;
    },
  });
  list.push({
    name: 'delete to done',
    prepare: async (harness, provisioner) =>
      (
        await harness.provisionActive(
          provisioner,
          harness.spec('contract-fault', inbound ? { inbound: INBOUND } : {}),
        )
      ).id,
    act: async (harness, provisioner, id) => {
      let failures = 0;
      await harness.deleteToDone(provisioner, { id: id as string }, (error, call) => {
        failures += 1;
        ensure(
          ProvisionError.isInstance(error) && error.retryable,
          () =>
            `delete() call ${call} failed with ${describeError(error)}; a transient fault must surface as a retryable ProvisionError`,
        );
        ensure(failures < ATTEMPTS, `delete() failed ${failures} times for one fault`);
      });
      await harness.expectGone(provisioner, id as string, 'after delete() said done');
      return undefined;
    },
  });
  list.push(...capabilityScenarios<Settings>(config));
  return list;
}

/** Each declared read-only capability, under the same faults: the caller retries and gets its answer. */
function capabilityScenarios<Settings>(config: ContractConfig<Settings>): Scenario<Settings>[] {
  const declared = config.plugin.capabilities;
  const call = (provisioner: ProvisionerV1, name: 'plans' | 'regions' | 'quota' | 'verifyCredentials') =>
    (provisioner[name] as () => Promise<unknown>).call(provisioner);
  const scenarios: Scenario<Settings>[] = [];
  if (declared.list) {
    scenarios.push({
      name: 'list',
      prepare: async (harness, provisioner) =>
        (await provisioner.provision(harness.spec('contract-fault'))).id,
      act: async (_harness, provisioner, id) => {
        const hosts = await callerRetry(() => (provisioner.list as NonNullable<ProvisionerV1['list']>)());
        ensure(
          hosts.some((host) => host.id === id),
          `after the retries list() returned [${hosts.map((host) => host.id).join(', ')}], without the host ${id}`,
        );
        return id;
      },
    });
  }
  for (const name of ['plans', 'regions', 'quota', 'verifyCredentials'] as const) {
    if (!declared[name]) continue;
    scenarios.push({
      name,
      mayBeOffline: true,
      prepare: async () => undefined,
      act: async (_harness, provisioner) => {
        await callerRetry(() => call(provisioner, name));
        return undefined;
      },
    });
  }
  scenarios.push(...powerScenarios(config));
  return scenarios;
}

/** Each declared power operation: the caller retries through the fault and the host ends where asked. */
function powerScenarios<Settings>(config: ContractConfig<Settings>): Scenario<Settings>[] {
  const declared = config.plugin.capabilities;
  const power = (provisioner: ProvisionerV1, name: 'start' | 'stop' | 'reboot', id: string) =>
    (provisioner[name] as (id: string) => Promise<Host>).call(provisioner, id);
  const active = async (harness: ContractHarness<Settings>, provisioner: ProvisionerV1) =>
    (await harness.provisionActive(provisioner, harness.spec('contract-fault'))).id;
  const scenarios: Scenario<Settings>[] = [];
  if (declared.stop) {
    scenarios.push({
      name: 'stop',
      settlesAs: 'stopped',
      prepare: active,
      act: async (harness, provisioner, id) => {
        await callerRetry(() => power(provisioner, 'stop', id as string));
        await harness.pollUntil(provisioner, id as string, 'stopped');
        return id;
      },
    });
  }
  if (declared.stop && declared.start) {
    scenarios.push({
      name: 'start',
      prepare: async (harness, provisioner) => {
        const id = await active(harness, provisioner);
        await power(provisioner, 'stop', id);
        await harness.pollUntil(provisioner, id, 'stopped');
        return id;
      },
      act: async (harness, provisioner, id) => {
        await callerRetry(() => power(provisioner, 'start', id as string));
        await harness.pollUntil(provisioner, id as string, 'active');
        return id;
      },
    });
  }
  if (declared.reboot) {
    scenarios.push({
      name: 'reboot',
      prepare: active,
      act: async (harness, provisioner, id) => {
        await callerRetry(() => power(provisioner, 'reboot', id as string));
        await harness.pollUntil(provisioner, id as string, 'active');
        return id;
      },
    });
  }
  return scenarios;
}

async function runFaulted<Settings>(
  config: ContractConfig<Settings>,
  context: Parameters<ContractCheck['run']>[0],
  scenario: Scenario<Settings>,
  kind: FaultKind,
  index: number,
): Promise<void> {
  const harness = new ContractHarness(config, context);
  const provisioner = harness.provisioner();
  const prepared = await scenario.prepare(harness, provisioner);
  harness.fake.injectFault({ kind, after: index, retryAfterSeconds: 0 });
  const id = await scenario.act(harness, provisioner, prepared);
  const fired = harness.fake.requests.some((entry) => entry.fault === kind);
  harness.fake.clearFaults();
  ensure(fired, 'the fault never fired: the plugin sent fewer requests than on the clean run');
  if (id === undefined) {
    harness.expectNothingLeft('after the operation');
    return;
  }
  harness.expectHostCount(1, 'after the operation');
  const host = await harness.pollUntil(provisioner, id, scenario.settlesAs ?? 'active');
  scenario.verify?.(harness, host);
  await harness.cleanUp(provisioner, id, 'after deleting the host');
}

/**
 * Every request of provision, status and the whole deletion, failed once in each way a network
 * fails: the caller sees only retryable errors, retries, and ends with exactly one host (or none).
 */
export function faultMatrixChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  return scenarios(config).flatMap((scenario) =>
    FAULT_KINDS.map((kind) =>
      defineCheck(
        GROUP,
        `${scenario.name}: ${kind} at each request`,
        async (context) => {
          const clean = new ContractHarness(config, context);
          const provisioner = clean.provisioner();
          const prepared = await scenario.prepare(clean, provisioner);
          const seq = clean.fake.mark();
          await scenario.act(clean, provisioner, prepared);
          const requests = clean.fake.since(seq);
          if (requests.length === 0 && scenario.mayBeOffline) return;
          ensure(requests.length > 0, `${scenario.name} sent no request on the clean path.`);
          const problems: string[] = [];
          for (const [index, request] of requests.entries()) {
            const outcome = await outcomeOf(() => runFaulted(config, context, scenario, kind, index));
            if (!outcome.ok) {
              const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
              problems.push(`  request ${index} (${describeRequest(request)}): ${message}`);
            }
          }
          ensure(
            problems.length === 0,
            () =>
              `${scenario.name} with ${kind} failed at ${problems.length} of ${requests.length} request positions:\n${problems.join('\n')}`,
          );
        },
        { timeoutMs: TIMEOUT_MS },
      ),
    ),
  );
}
