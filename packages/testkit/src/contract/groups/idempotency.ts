import { ProvisionError } from '@provision/core';
import { describeError, ensure, outcomeOf } from '../assert.js';
import { type ContractCheck, defineCheck } from '../contract-check.js';
import type { ContractConfig } from '../contract-config.js';
import { ContractHarness } from '../harness.js';

const GROUP = 'idempotency';

/** `provision()` is idempotent by (owner, name), even across a lost response. */
export function idempotencyChecks<Settings>(config: ContractConfig<Settings>): ContractCheck[] {
  return [
    defineCheck(
      GROUP,
      'provisioning the same owner and name twice returns the same host',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const first = await provisioner.provision(harness.spec('contract-twice'));
        // A second process asking for the same host must find it too, not only this provisioner.
        const second = await harness.provisioner().provision(harness.spec('contract-twice'));
        ensure(
          second.id === first.id,
          `The second provision() returned id "${second.id}"; the first returned "${first.id}".`,
        );
        const third = await provisioner.provision(harness.spec('contract-twice'));
        ensure(
          third.id === first.id,
          `The third provision() returned id "${third.id}"; the first returned "${first.id}".`,
        );
        harness.expectHostCount(1, 'after provisioning the same name three times');
        // Counted in the cloud's state, not in requests: repeating a create request with the same
        // idempotency token (EC2 ClientToken, GCE requestId) is how some clouds stay idempotent.
        const created = harness.fake.createdCount(harness.contract.hostKind);
        ensure(
          created === 1,
          `The cloud created ${created} "${harness.contract.hostKind}" resources for one host name; expected 1.`,
        );
        await harness.cleanUp(provisioner, first.id, 'after deleting the host');
      },
    ),

    defineCheck(
      GROUP,
      'provisioning an existing name with other tags returns it unchanged and names the difference',
      async (context) => {
        const harness = new ContractHarness(config, context);
        const provisioner = harness.provisioner();
        const spec = harness.spec('contract-differs');
        const first = await provisioner.provision(spec);
        const same = await provisioner.provision(spec);
        ensure(
          same.specMismatch === undefined,
          () =>
            `A repeat of the same spec carried specMismatch ${JSON.stringify(same.specMismatch)}; expected none.`,
        );
        const tags = { ...spec.tags, 'contract-differs': 'yes' };
        const other = await harness.provisioner().provision({ ...spec, tags });
        ensure(
          other.id === first.id,
          `provision() with other tags returned id "${other.id}"; the host of that name is "${first.id}".`,
        );
        ensure(
          other.specMismatch?.some((entry) => entry.startsWith('tags: ')) === true,
          () =>
            `provision() of an existing name with other tags carried specMismatch ${JSON.stringify(other.specMismatch)}; expected an entry for tags.`,
        );
        ensure(
          other.tags['contract-differs'] === undefined,
          'provision() of an existing name applied the new tags; the host is returned as it is.',
        );
        harness.expectHostCount(1, 'after provisioning one name with other tags');
        await harness.cleanUp(provisioner, first.id, 'after deleting the host');
      },
    ),

    defineCheck(GROUP, 'a lost create response and the caller retry give one host', async (context) => {
      const harness = new ContractHarness(config, context);
      harness.fake.injectFault({ kind: 'lost-response', operation: harness.contract.createOperation });
      const provisioner = harness.provisioner();
      const spec = harness.spec('contract-lost');
      let host: Awaited<ReturnType<typeof provisioner.provision>> | undefined;
      for (let attempt = 1; attempt <= 4 && host === undefined; attempt += 1) {
        const outcome = await outcomeOf(() => provisioner.provision(spec));
        if (outcome.ok) {
          host = outcome.value;
        } else {
          ensure(
            ProvisionError.isInstance(outcome.error) && outcome.error.retryable,
            () =>
              `Attempt ${attempt}: a lost response must surface as a retryable ProvisionError, not ${describeError(outcome.error)}.`,
          );
        }
      }
      ensure(host !== undefined, 'provision() still failed after 4 attempts following one lost response.');
      harness.expectHostCount(1, 'after a lost create response and the retry');
      const active = await harness.pollUntil(provisioner, host.id, 'active');
      await harness.cleanUp(provisioner, active.id, 'after deleting the host');
    }),

    defineCheck(GROUP, 'a name can be used again once its host is deleted', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const first = await harness.provisionActive(provisioner, harness.spec('contract-reuse'));
      await harness.deleteToDone(provisioner, { id: first.id });
      const second = await provisioner.provision(harness.spec('contract-reuse'));
      harness.expectHostCount(1, 'after provisioning a deleted name again');
      // Polling proves the id is the new host's, not a remembered id of the deleted one.
      const now = await harness.pollUntil(provisioner, second.id, 'active');
      await harness.cleanUp(provisioner, now.id, 'after deleting the second host');
    }),

    defineCheck(GROUP, 'the same name under two owners gives two hosts', async (context) => {
      const harness = new ContractHarness(config, context);
      const provisioner = harness.provisioner();
      const alpha = await provisioner.provision(harness.spec('contract-shared', { owner: 'alpha' }));
      const beta = await provisioner.provision(harness.spec('contract-shared', { owner: 'beta' }));
      ensure(alpha.id !== beta.id, `Owners "alpha" and "beta" got the same host (${alpha.id}) for one name.`);
      ensure(
        alpha.owner === 'alpha' && beta.owner === 'beta',
        `host.owner came back as "${alpha.owner}" and "${beta.owner}".`,
      );
      harness.expectHostCount(2, 'after one name under two owners');
      const again = await provisioner.provision(harness.spec('contract-shared', { owner: 'beta' }));
      ensure(
        again.id === beta.id,
        `Provisioning ("beta", name) again returned "${again.id}", not "${beta.id}".`,
      );
      harness.expectHostCount(2, 'after provisioning one of them again');
      await harness.deleteToDone(provisioner, { id: alpha.id });
      await harness.cleanUp(provisioner, beta.id, 'after deleting both hosts');
    }),
  ];
}
