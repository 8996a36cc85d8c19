import type { CallBudget, HostSpec, ProvisionerV1 } from '@provision/core';
import type { RequestLogEntry } from '../../fake-cloud/index.js';
import { describeRequests, ensure } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'call budgets';
const INBOUND: HostSpec['inbound'] = [{ from: 22 }, { from: 443 }];

function within(
  budget: number,
  what: string,
  key: keyof CallBudget,
  calls: readonly RequestLogEntry[][],
): void {
  const counts = calls.map((requests) => requests.length);
  const worst = counts.indexOf(Math.max(...counts));
  ensure(
    (counts[worst] ?? 0) <= budget,
    () =>
      `${what} sent ${counts.join(', ')} request(s) per call; callBudget.${key} is ${budget}. ` +
      `Call ${worst + 1}:\n${describeRequests(calls[worst] ?? [])}`,
  );
}

/** The clean path costs no more requests than `plugin.callBudget` says. */
export function callBudgetChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const budget = config.plugin.callBudget;
  const provisionWithin =
    (key: 'provision' | 'provisionWithInbound', extra: Partial<HostSpec>) =>
    async (context: Parameters<ContractCheck['run']>[0]) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const calls: RequestLogEntry[][] = [];
      // The first call (fresh lookups), another host, and the idempotent repeat.
      for (const name of ['contract-budget', 'contract-budget-2', 'contract-budget']) {
        const seq = harness.fake.mark();
        await provisioner.provision(harness.spec(name, extra));
        calls.push(harness.fake.since(seq));
      }
      within(budget[key], `provision()${key === 'provision' ? '' : ' with inbound'}`, key, calls);
    };
  const declared = config.plugin.capabilities;
  const optional = (
    key: 'list' | 'plans' | 'orphans',
    call: (provisioner: ProvisionerV1) => Promise<unknown>,
  ): ContractCheck => {
    if (!declared[key])
      return skippedCheck(GROUP, `${key}: within callBudget.${key}`, `${key} is not declared by the plugin`);
    return defineCheck(GROUP, `${key}: within callBudget.${key}`, async (context) => {
      const limit = budget[key];
      ensure(
        limit !== undefined,
        `The plugin declares ${key} but its manifest has no callBudget.${key}: say how many requests one call sends.`,
      );
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      // A host with a firewall where the plugin makes them, so an orphan scan has kinds to look at.
      await provisioner.provision(
        harness.spec('contract-budget', declared.inbound ? { inbound: INBOUND } : {}),
      );
      const calls: RequestLogEntry[][] = [];
      for (let round = 0; round < 2; round += 1) {
        const seq = harness.fake.mark();
        await call(provisioner);
        calls.push(harness.fake.since(seq));
      }
      within(limit, `${key}()`, key, calls);
    });
  };
  return [
    optional('list', (provisioner) => (provisioner.list as NonNullable<ProvisionerV1['list']>)()),
    optional('plans', (provisioner) => (provisioner.plans as NonNullable<ProvisionerV1['plans']>)()),
    optional('orphans', (provisioner) => (provisioner.orphans as NonNullable<ProvisionerV1['orphans']>)()),
    defineCheck(
      GROUP,
      `provision without inbound: at most ${budget.provision}`,
      provisionWithin('provision', {}),
    ),
    config.plugin.capabilities.inbound
      ? defineCheck(
          GROUP,
          `provision with inbound: at most ${budget.provisionWithInbound}`,
          provisionWithin('provisionWithInbound', { inbound: INBOUND }),
        )
      : skippedCheck(GROUP, 'provision with inbound', 'inbound is not declared by the plugin'),
    defineCheck(GROUP, `status: at most ${budget.status} per call`, async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const host = await provisioner.provision(harness.spec('contract-budget'));
      const calls: RequestLogEntry[][] = [];
      for (let poll = 0; poll < harness.maxPolls; poll += 1) {
        const seq = harness.fake.mark();
        const now = await provisioner.status(host.id);
        calls.push(harness.fake.since(seq));
        if (now.status === 'active') break;
      }
      within(budget.status, 'status()', 'status', calls);
    }),
    defineCheck(GROUP, `delete: at most ${budget.delete} per call`, async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const extra = config.plugin.capabilities.inbound ? { inbound: INBOUND } : {};
      const host = await harness.provisionActive(provisioner, harness.spec('contract-budget', extra));
      const calls = await harness.deleteToDone(provisioner, { id: host.id });
      within(
        budget.delete,
        'delete()',
        'delete',
        calls.map((call) => call.requests),
      );
    }),
  ];
}
