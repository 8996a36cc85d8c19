import { ensure } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness, PATIENT_RETRY } from '../harness.js';

const GROUP = 'concurrency';
const HOSTS = 20;

/** Many callers at once against a rate-limited cloud: every host is made once and removed. */
export function concurrencyChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  return [
    defineCheck(
      GROUP,
      `${HOSTS} parallel provisions under a rate limit make ${HOSTS} hosts, then all delete`,
      async (context) => {
        const harness = new ContractHarness(config, context, {
          rateLimit: { requestsPerSecond: 10, retryAfterSeconds: 1 },
        });
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
      { timeoutMs: 30_000 },
    ),
  ];
}
