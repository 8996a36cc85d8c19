import {
  createProvisioner,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  type HostSpec,
  type HostStatus,
  type Logger,
  type ProvisionerV1,
  silentLogger,
} from '@provision/core';
import type { FakeCloud, RequestLogEntry } from '../fake-cloud/index.js';
import { ContractViolation, describeError, describeRequests, ensure, outcomeOf } from './assert.js';
import type { CheckContext } from './contract-check.js';
import type { ContractConfig } from './contract-config.js';
import type { ContractFake, ContractFakeOptions } from './contract-fake.js';

/** Retry tuning as core's `commonSettings.retry` takes it. */
export interface RetryTuning {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Keeps fault-injection runs fast: a couple of near-immediate retries. */
export const FAST_RETRY: RetryTuning = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50 };

/** For the throttling cloud: enough retries; its `Retry-After` is 0 and backoffs stay short. */
export const PATIENT_RETRY: RetryTuning = { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 100 };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** `a -> a -> b` as `a (x2) -> b`. */
function describeSteps(steps: readonly string[]): string {
  const runs: Array<{ step: string; count: number }> = [];
  for (const step of steps) {
    const last = runs.at(-1);
    if (last?.step === step) last.count += 1;
    else runs.push({ step, count: 1 });
  }
  return runs.map((run) => (run.count === 1 ? run.step : `${run.step} (x${run.count})`)).join(' -> ');
}

/** How one `delete()` call of a converging deletion went. */
export interface DeleteCall {
  readonly outcome: { ok: true; value: DeleteResult } | { ok: false; error: unknown };
  readonly requests: RequestLogEntry[];
}

/** Options for `ContractHarness.provisioner()`. */
export interface ProvisionerOptions<Settings> {
  /** Settings to use instead of `config.settings(fake)`; `retry` is still replaced. */
  readonly settings?: Settings;
  readonly retry?: RetryTuning;
  readonly logger?: Logger;
  /** A `fetch` the plugin must use (the suite wraps the global one, e.g. to abort mid-call). */
  readonly fetch?: typeof globalThis.fetch;
}

/**
 * One check's world: a fresh fake routed for the current test, and the moves every check makes
 * with it (build provisioners, poll, delete to done, count hosts).
 */
export class ContractHarness<Settings> {
  /** The check's fake behind its contract adapter. */
  readonly contract: ContractFake;
  /** The fake cloud itself (request log, faults, leftovers). */
  readonly fake: FakeCloud;

  constructor(
    readonly config: ContractConfig<Settings>,
    context: CheckContext,
    fakeOptions?: ContractFakeOptions,
  ) {
    this.contract = config.createFake(fakeOptions);
    this.fake = this.contract.cloud;
    context.use(this.fake);
  }

  get maxPolls(): number {
    return this.config.timeouts?.maxPolls ?? 40;
  }

  get maxDeleteCalls(): number {
    return this.config.timeouts?.maxDeleteCalls ?? 20;
  }

  /** The region every spec of the suite lands in. */
  get region(): string {
    return this.config.spec?.region ?? this.config.plugin.defaults.region;
  }

  /** The config's valid settings for this fake, with the suite's retry tuning. */
  settings(
    retry: RetryTuning = FAST_RETRY,
    base: Settings = this.config.settings(this.fake),
    fetch?: typeof globalThis.fetch,
  ): Settings {
    return { ...(base as object), retry, ...(fetch === undefined ? {} : { fetch }) } as Settings;
  }

  /** A new provisioner, as a caller would build it (only settings; never the real environment). */
  provisioner(options: ProvisionerOptions<Settings> = {}): ProvisionerV1 {
    return createProvisioner(
      this.config.plugin,
      this.settings(options.retry, options.settings, options.fetch),
      {
        env: this.config.env ?? {},
        logger: options.logger ?? silentLogger,
      },
    );
  }

  /** A spec: the config's common fields, then `name` and `extra`. */
  spec(name: string, extra: Partial<HostSpec> = {}): HostSpec {
    return { ...this.config.spec, ...extra, name };
  }

  /** Hosts the fake holds now. */
  hostIds(): string[] {
    return this.fake
      .leftovers()
      .filter((leftover) => leftover.kind === this.contract.hostKind)
      .map((leftover) => leftover.id);
  }

  /** Fails unless the fake holds exactly `expected` hosts. */
  expectHostCount(expected: number, when: string): void {
    const ids = this.hostIds();
    ensure(
      ids.length === expected,
      () =>
        `${when}: the cloud holds ${ids.length} ${this.contract.hostKind}(s) (${ids.join(', ') || 'none'}); expected ${expected}.`,
    );
  }

  /** Fails unless nothing at all is left in the fake. */
  expectNothingLeft(when: string): void {
    const leftovers = this.fake.leftovers();
    ensure(
      leftovers.length === 0,
      () =>
        `${when}: resources were left behind in the cloud: ${leftovers.map((leftover) => leftover.description).join(', ')}.`,
    );
  }

  /**
   * Calls `status()` until the host reaches `target` (the fake moves one step per read, so no
   * sleeping). `active` must come with a public IPv4. Fails on `error` unless that is the target,
   * and on `active` when waiting for `error`.
   */
  async pollUntil(provisioner: ProvisionerV1, id: string, target: HostStatus): Promise<Host> {
    const seen: string[] = [];
    for (let poll = 1; poll <= this.maxPolls; poll += 1) {
      const host = await provisioner.status(id);
      seen.push(host.status);
      ensure(host.id === id, `status("${id}") returned a host with id "${host.id}".`);
      if (host.status === 'active') {
        ensure(
          host.ipv4 !== undefined && IPV4.test(host.ipv4),
          `status("${id}") reported "active" without a public IPv4 (ipv4: ${String(host.ipv4)}); active means running AND reachable.`,
        );
      }
      if (host.status === target) return host;
      ensure(
        !(host.status === 'error' && target !== 'error'),
        `Host ${id} went to "error" (${host.error ?? 'no reason given'}) while waiting for "${target}".`,
      );
      ensure(
        !(host.status === 'active' && target === 'error'),
        `Host ${id} became "active" while its creation should have failed.`,
      );
    }
    throw new Error(
      `Host ${id} did not reach "${target}" within ${this.maxPolls} status() calls; it went ${describeSteps(seen)}.`,
    );
  }

  /** Provisions and polls to `active`. */
  async provisionActive(provisioner: ProvisionerV1, spec: HostSpec): Promise<Host> {
    const host = await provisioner.provision(spec);
    return this.pollUntil(provisioner, host.id, 'active');
  }

  /**
   * Calls `delete()` until it says done, recording each call's requests. Without `onError` a
   * failing call fails the check; with it, the error is handed over and deletion goes on.
   */
  async deleteToDone(
    provisioner: ProvisionerV1,
    ref: HostRef,
    onError?: (error: unknown, call: number) => void,
  ): Promise<DeleteCall[]> {
    const calls: DeleteCall[] = [];
    for (let call = 1; call <= this.maxDeleteCalls; call += 1) {
      const seq = this.fake.mark();
      const outcome = await outcomeOf(() => provisioner.delete(ref));
      const requests = this.fake.since(seq);
      calls.push({ outcome, requests });
      if (!outcome.ok) {
        if (onError === undefined) {
          throw new Error(
            `delete(${JSON.stringify(ref)}) call ${call} failed: ${describeError(outcome.error)}\n${describeRequests(requests)}`,
            {
              cause: outcome.error,
            },
          );
        }
        onError(outcome.error, call);
        continue;
      }
      ensure(
        typeof outcome.value?.done === 'boolean',
        `delete() must resolve to { done: boolean }; call ${call} gave ${JSON.stringify(outcome.value)}.`,
      );
      if (outcome.value.done) return calls;
    }
    const last = calls.at(-1)?.outcome;
    const remaining = last?.ok ? (last.value.remaining ?? []).join(', ') : 'unknown';
    throw new Error(
      `delete(${JSON.stringify(ref)}) was not done after ${this.maxDeleteCalls} calls (still remaining: ${remaining || 'not said'}); ` +
        `the cloud still holds: ${
          this.fake
            .leftovers()
            .map((leftover) => leftover.description)
            .join(', ') || 'nothing'
        }.`,
    );
  }

  /** Fails unless `status(id)` throws `HostNotFoundError`. */
  async expectGone(provisioner: ProvisionerV1, id: string, when: string): Promise<void> {
    const outcome = await outcomeOf(() => provisioner.status(id));
    if (outcome.ok) {
      throw new ContractViolation(
        `${when}: status("${id}") still returned a host (${outcome.value.status}); it should throw HostNotFoundError.`,
      );
    }
    ensure(
      HostNotFoundError.isInstance(outcome.error),
      () => `${when}: status("${id}") should throw HostNotFoundError, not ${describeError(outcome.error)}.`,
    );
  }

  /** Deletes to done and checks the cloud is empty: every check ends with this. */
  async cleanUp(provisioner: ProvisionerV1, id: string, when: string): Promise<void> {
    await this.deleteToDone(provisioner, { id });
    this.expectNothingLeft(when);
  }
}
