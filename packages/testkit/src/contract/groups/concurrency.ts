import { ensure } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness, PATIENT_RETRY } from '../harness.js';

const GROUP = 'concurrency';
const HOSTS = 20;
/** Callers racing for one name. */
const RACERS = 6;

/** `RACERS` callers provision one `(owner, name)` at once; they must all end with one and the same host. */
function sameNameCheck<Settings>(config: ContractConfig<Settings>, fromInstances: boolean): ContractCheck {
  const where = fromInstances ? `from ${RACERS} provisioner instances` : 'from one provisioner';
  return defineCheck(
    GROUP,
    `concurrent provisions of one owner and name ${where} yield one host`,
    async (context) => {
      const harness = new ContractHarness(config, context);
      const shared = harness.provisioner();
      const racers = Array.from({ length: RACERS }, () => (fromInstances ? harness.provisioner() : shared));
      const outcomes = await Promise.allSettled(
        racers.map((provisioner) =>
          provisioner.provision(harness.spec('contract-race', { owner: 'racers' })),
        ),
      );
      const failed = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' ? [String(outcome.reason)] : [],
      );
      ensure(
        failed.length === 0,
        () => `${failed.length} of ${RACERS} racing provisions failed:\n  ${failed.join('\n  ')}`,
      );
      const ids = [
        ...new Set(outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value.id] : []))),
      ];
      ensure(
        ids.length === 1,
        `${RACERS} concurrent provisions of one owner and name returned ${ids.length} different hosts (${ids.join(', ')}); they must converge on one.`,
      );
      const host = await harness.pollUntil(shared, ids[0] as string, 'active');
      // Whatever a losing caller made must be gone (or go with the one host), or the user pays for it.
      await harness.cleanUp(
        shared,
        host.id,
        `after deleting the one host the ${RACERS} racing provisions returned`,
      );
    },
  );
}

/** Many callers at once against a rate-limited cloud: every host is made once and removed. */
export function concurrencyChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  return [
    sameNameCheck(config, false),
    sameNameCheck(config, true),
    defineCheck(
      GROUP,
      `${HOSTS} parallel provisions under throttling make ${HOSTS} hosts, then all delete`,
      async (context) => {
        // Counted, not timed: every third request is throttled, however fast the machine runs.
        const harness = new ContractHarness(config, context, { rateLimit: { rejectEvery: 3 } });
        const provisioner = harness.provisioner({ retry: PATIENT_RETRY });
        const names = Array.from({ length: HOSTS }, (_, index) => `contract-parallel-${index + 1}`);
        const outcomes = await Promise.allSettled(
          names.map((name) => provisioner.provision(harness.spec(name))),
        );
        const failed = outcomes.flatMap((outcome, index) =>
          outcome.status === 'rejected' ? [`${names[index]}: ${String(outcome.reason)}`] : [],
        );
        ensure(
          failed.length === 0,
          () => `${failed.length} of ${HOSTS} parallel provisions failed:\n  ${failed.join('\n  ')}`,
        );
        const hosts = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
        const ids = new Set(hosts.map((host) => host.id));
        ensure(ids.size === HOSTS, `${HOSTS} distinct names gave ${ids.size} distinct ids.`);
        ensure(
          hosts.every((host, index) => host.name === names[index]),
          "A parallel provision returned a host with another call's name.",
        );
        harness.expectHostCount(HOSTS, `after ${HOSTS} parallel provisions`);
        await Promise.all(hosts.map((host) => harness.deleteToDone(provisioner, { id: host.id })));
        harness.expectNothingLeft(`after deleting the ${HOSTS} hosts in parallel`);
      },
      // A hang guard: 20 lifecycles under throttling took over 30 s on a machine this busy.
      { timeoutMs: 120_000 },
    ),
  ];
}
