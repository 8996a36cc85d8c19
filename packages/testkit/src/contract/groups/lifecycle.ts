import { CapacityError, HOST_STATUSES, type Host } from '@provision/core';
import { describeError, describeRequests, ensure, outcomeOf, rejectionOf } from '../assert.js';
import { type ContractCheck, defineCheck, skippedCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';
import { longTimersFired } from '../sleep-watch.js';

const GROUP = 'lifecycle';

function expectHostShape(
  host: Host,
  expected: { provider: string; name: string; owner: string; region: string },
): void {
  ensure(
    typeof host.id === 'string' && host.id.length > 0,
    `provision() returned a host without an id (${JSON.stringify(host.id)}).`,
  );
  ensure(
    host.provider === expected.provider,
    `host.provider is "${host.provider}"; expected "${expected.provider}".`,
  );
  ensure(host.name === expected.name, `host.name is "${host.name}"; expected "${expected.name}".`);
  ensure(host.owner === expected.owner, `host.owner is "${host.owner}"; expected "${expected.owner}".`);
  ensure(host.region === expected.region, `host.region is "${host.region}"; expected "${expected.region}".`);
  ensure(
    HOST_STATUSES.includes(host.status),
    `host.status "${host.status}" is not one of ${HOST_STATUSES.join(', ')}.`,
  );
  ensure(
    typeof host.nativeStatus === 'string',
    "host.nativeStatus must be the cloud's own word for the state.",
  );
  ensure(typeof host.firewalled === 'boolean', 'host.firewalled must be a boolean.');
}

/** Provision, poll, list, delete; asynchronous failures and sold-out regions. */
export function lifecycleChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const plugin = config.plugin;
  const budget = plugin.callBudget.provision;
  return [
    defineCheck(GROUP, 'provision returns at once, without waiting for the host', async (context) => {
      const harness = new ContractHarness(config, context);
      const fake = harness.fake;
      ensure(
        fake.readsUntilActive >= 2,
        `The fake must need at least 2 reads to activate a host (readsUntilActive is ${fake.readsUntilActive}), or waiting cannot be told apart.`,
      );
      const provisioner = harness.provisioner();
      // Waiting is told by timers that ran out during the call, never by the clock: a busy machine is no defect.
      for (const name of ['contract-first', 'contract-second']) {
        const seq = fake.mark();
        const { result: host, fired } = await longTimersFired(() =>
          provisioner.provision(harness.spec(name)),
        );
        const requests = fake.since(seq);
        expectHostShape(host, { provider: plugin.id, name, owner: 'default', region: harness.region });
        ensure(
          host.status !== 'active',
          `provision() returned "${host.status}": it waited for the host instead of returning at once; callers poll status().`,
        );
        ensure(
          requests.length <= budget,
          () =>
            `provision() sent ${requests.length} requests (budget ${budget}); waiting inside provision() is not allowed:\n${describeRequests(requests)}`,
        );
        ensure(
          fired.length === 0,
          `provision() let ${fired.length} timer(s) of ${fired.join(', ')} ms run out before it returned: it must not sleep or wait.`,
        );
      }
      harness.expectHostCount(2, 'after two provisions');
    }),

    defineCheck(GROUP, 'status polls the host to active with a public IPv4', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const created = await provisioner.provision(harness.spec('contract-poll', { tags: { role: 'web' } }));
      const host = await harness.pollUntil(provisioner, created.id, 'active');
      expectHostShape(host, {
        provider: plugin.id,
        name: 'contract-poll',
        owner: 'default',
        region: harness.region,
      });
      ensure(
        host.tags.role === 'web',
        `host.tags should carry the user's tags ({ role: 'web' }); got ${JSON.stringify(host.tags)}.`,
      );
      ensure(
        Object.keys(host.tags).every((key) => !key.startsWith('provision')),
        `host.tags must not show the reserved provision* tags; got ${JSON.stringify(host.tags)}.`,
      );
      ensure(host.firewalled === false, 'A host provisioned without inbound must say firewalled: false.');
      await harness.cleanUp(provisioner, host.id, 'after deleting the host');
    }),

    plugin.capabilities.list
      ? defineCheck(GROUP, 'list finds the provisioned host', async (context) => {
          const harness = new ContractHarness(config, context);
          const provisioner = harness.provisioner();
          const created = await provisioner.provision(harness.spec('contract-listed'));
          const list = provisioner.list;
          ensure(list !== undefined, 'The plugin declares list but the provisioner has no list().');
          const hosts = await list();
          const found = hosts.filter((host) => host.id === created.id);
          ensure(
            found.length === 1,
            `list() returned the host ${found.length} times; expected once. Ids: ${hosts.map((host) => host.id).join(', ')}.`,
          );
          ensure(found[0]?.name === 'contract-listed', `list() gave the host the name "${found[0]?.name}".`);
          await harness.cleanUp(provisioner, created.id, 'after deleting the listed host');
        })
      : skippedCheck(GROUP, 'list finds the provisioned host', 'list is not declared by the plugin'),

    defineCheck(
      GROUP,
      'delete converges to done, then the host is not found and nothing is left',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const host = await harness.provisionActive(provisioner, harness.spec('contract-delete'));
        const calls = await harness.deleteToDone(provisioner, { id: host.id });
        await harness.expectGone(provisioner, host.id, 'after delete() said done');
        harness.expectNothingLeft(`after delete() said done (${calls.length} calls)`);
        const again = await provisioner.delete({ id: host.id });
        ensure(
          again.done === true,
          `Deleting an already deleted host must be done at once; got ${JSON.stringify(again)}.`,
        );
      },
    ),

    defineCheck(
      GROUP,
      config.failureReasonAbsent !== undefined
        ? 'an asynchronous creation failure surfaces as error (the cloud records no reason)'
        : 'an asynchronous creation failure surfaces as error with the reason',
      async (context) => {
        const legacy = (config as { failureReasonFromCloud?: unknown }).failureReasonFromCloud;
        ensure(
          legacy === undefined,
          'The config sets failureReasonFromCloud, which is gone: a cloud that records no reason for a failed creation sets failureReasonAbsent to the written reason why.',
        );
        ensure(
          config.failureReasonAbsent === undefined || config.failureReasonAbsent.trim().length >= 20,
          `failureReasonAbsent must say why the cloud records no reason, in a sentence; got ${JSON.stringify(config.failureReasonAbsent)}.`,
        );
        const harness = new ContractHarness(config, context);
        const reason = 'contract-injected-failure: the hypervisor refused the machine';
        harness.fake.failNextCreation(harness.contract.createOperation, reason);
        const provisioner = harness.provisioner();
        const created = await provisioner.provision(harness.spec('contract-doomed'));
        const failed = await harness.pollUntil(provisioner, created.id, 'error');
        // Some clouds record no reason for a failed creation (DigitalOcean only marks the create
        // action `errored`); their plugins declare it, and must then still explain the failure.
        const reasonExpected = config.failureReasonAbsent === undefined;
        ensure(
          typeof failed.error === 'string' &&
            failed.error.length > 0 &&
            (!reasonExpected || failed.error.includes('contract-injected-failure')),
          reasonExpected
            ? `A failed host must carry the cloud's reason in host.error; got ${JSON.stringify(failed.error)}.`
            : `A failed host must explain the failure in host.error; got ${JSON.stringify(failed.error)}.`,
        );
        await harness.cleanUp(provisioner, created.id, 'after deleting the failed host');
      },
    ),

    config.soldOutReportedAsynchronously === undefined
      ? defineCheck(
          GROUP,
          'a sold-out region fails with CapacityError and leaves nothing',
          async (context) => {
            const harness = new ContractHarness(config, context);
            harness.fake.setSoldOut({ region: harness.region });
            const provisioner = harness.provisioner();
            const error = await rejectionOf(
              () => provisioner.provision(harness.spec('contract-sold-out')),
              'provision() in a sold-out region',
            );
            ensure(
              CapacityError.isInstance(error),
              () =>
                `provision() in a sold-out region should throw CapacityError, not ${describeError(error)}.`,
            );
            harness.expectNothingLeft('after a sold-out provision');
          },
        )
      : soldOutLaterCheck(config, config.soldOutReportedAsynchronously),
  ];
}

/**
 * For a cloud that accepts a creation in a sold-out region and fails it afterwards (Nova's "No
 * valid host was found"): provision() resolves, status() reaches `error` saying in plain words that
 * the cloud had no capacity, and deleting the host leaves nothing.
 */
function soldOutLaterCheck<Settings>(config: ContractConfig<Settings>, why: string): ContractCheck {
  return defineCheck(
    GROUP,
    'a sold-out region surfaces as error naming the lack of capacity (reported asynchronously), and delete leaves nothing',
    async (context) => {
      ensure(
        why.trim().length >= 20,
        `soldOutReportedAsynchronously must say why the cloud reports a sold-out region only after accepting the creation, in a sentence; got ${JSON.stringify(why)}.`,
      );
      const harness = new ContractHarness(config, context);
      harness.fake.setSoldOut({ region: harness.region });
      const provisioner = harness.provisioner();
      const outcome = await outcomeOf(() => provisioner.provision(harness.spec('contract-sold-out')));
      ensure(
        outcome.ok,
        () =>
          `The plugin sets soldOutReportedAsynchronously, so provision() in a sold-out region must resolve (the cloud accepts the creation and fails it later); it threw ${outcome.ok ? '' : describeError(outcome.error)}.`,
      );
      const failed = await harness.pollUntil(provisioner, outcome.value.id, 'error');
      ensure(
        typeof failed.error === 'string' && /capacity/i.test(failed.error),
        `A host the cloud failed for want of capacity must say so in host.error, in plain words with the word "capacity"; got ${JSON.stringify(failed.error)}.`,
      );
      await harness.cleanUp(provisioner, outcome.value.id, 'after deleting the host of a sold-out region');
    },
  );
}
