import { ProvisionError, type ProvisionerV1, QuotaExceededError, RateLimitError } from '@provision/core';
import { describeError, ensure, outcomeOf } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'cloud answers';
/** Longer than any retry budget of the suite: the plugin must hand the wait to its caller. */
const RETRY_AFTER_SECONDS = 120;

/** One operation driven against a cloud that answers wrongly; `judge` says what must not happen. */
interface Operation<Settings> {
  readonly name: string;
  /** Builds what the operation needs before the fault; returns the host id used. */
  prepare(harness: ContractHarness<Settings>, provisioner: ProvisionerV1): Promise<string>;
  run(harness: ContractHarness<Settings>, provisioner: ProvisionerV1, id: string): Promise<unknown>;
}

function operations<Settings>(config: ContractConfig<Settings>): Operation<Settings>[] {
  const provisioned = async (harness: ContractHarness<Settings>, provisioner: ProvisionerV1) =>
    (await harness.provisionActive(provisioner, harness.spec('contract-answers'))).id;
  const list: Operation<Settings>[] = [
    {
      name: 'provision',
      prepare: async () => '',
      run: (harness, provisioner) => provisioner.provision(harness.spec('contract-answers')),
    },
    { name: 'status', prepare: provisioned, run: (_harness, provisioner, id) => provisioner.status(id) },
    { name: 'delete', prepare: provisioned, run: (_harness, provisioner, id) => provisioner.delete({ id }) },
  ];
  if (config.plugin.capabilities.list) {
    list.push({
      name: 'list',
      prepare: provisioned,
      run: (_harness, provisioner) => (provisioner.list as NonNullable<ProvisionerV1['list']>)(),
    });
  }
  return list;
}

/** Answers that are not the cloud's, and throttling: never taken for success, always said as such. */
export function cloudAnswerChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  const checks: ContractCheck[] = [];
  for (const operation of operations(config)) {
    for (const page of ['html', 'empty'] as const) {
      const what = page === 'html' ? 'an HTML page' : 'an empty body';
      checks.push(
        defineCheck(
          GROUP,
          `${operation.name}: a 200 answer with ${what} is an error, never success`,
          async (context) => {
            const harness = new ContractHarness(config, context);
            const provisioner = harness.provisioner();
            const id = await operation.prepare(harness, provisioner);
            // Every request answers so (a proxy in the way); nothing the plugin reads is the cloud's.
            harness.fake.injectFault({ kind: 'non-cloud-200', page, times: 10_000 });
            const outcome = await outcomeOf(() => operation.run(harness, provisioner, id));
            harness.fake.clearFaults();
            // Saying "not done yet" is harmless (the caller calls again); saying done is not.
            const value = outcome.ok ? (outcome.value as { done?: unknown }) : undefined;
            if (operation.name === 'delete' && value?.done === false) {
              await harness.cleanUp(provisioner, id, 'after the proxy went away');
              return;
            }
            ensure(
              !outcome.ok,
              () =>
                `${operation.name}() took a 200 answer with ${what}, which is not the cloud's format, for success: it returned ${JSON.stringify(outcome.ok ? outcome.value : undefined)?.slice(0, 200)}.`,
            );
            ensure(
              ProvisionError.isInstance(outcome.error),
              () =>
                `${operation.name}() should fail with a ProvisionError on ${what}, not ${describeError(outcome.error)}.`,
            );
            if (id !== '') await harness.cleanUp(provisioner, id, 'after the proxy went away');
          },
        ),
      );
    }
    checks.push(
      defineCheck(
        GROUP,
        `${operation.name}: throttling beyond the retry budget is a RateLimitError with retryAfterMs`,
        async (context) => {
          const harness = new ContractHarness(config, context);
          const provisioner = harness.provisioner();
          const id = await operation.prepare(harness, provisioner);
          harness.fake.injectFault({
            kind: 'rate-limit',
            times: 10_000,
            retryAfterSeconds: RETRY_AFTER_SECONDS,
          });
          const outcome = await outcomeOf(() => operation.run(harness, provisioner, id));
          harness.fake.clearFaults();
          ensure(!outcome.ok, `${operation.name}() succeeded although the cloud throttled every request.`);
          ensure(
            !QuotaExceededError.isInstance(outcome.error),
            () =>
              `${operation.name}() reported throttling as QuotaExceededError; it is a RateLimitError (${describeError(outcome.error)}).`,
          );
          ensure(
            RateLimitError.isInstance(outcome.error),
            () =>
              `${operation.name}() under throttling should throw RateLimitError, not ${describeError(outcome.error)}.`,
          );
          const wait = outcome.error.retryAfterMs;
          ensure(
            typeof wait === 'number' && Number.isFinite(wait) && wait > 0,
            `RateLimitError.retryAfterMs is ${JSON.stringify(wait)}; it must say how long to wait (the cloud's Retry-After, or the plugin's own estimate).`,
          );
          if (id !== '') await harness.cleanUp(provisioner, id, 'after the throttling ended');
        },
      ),
    );
  }
  return checks;
}
