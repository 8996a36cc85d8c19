import type { Host } from '@provision/core';
import type { FakeCloud, RateLimitOptions } from '../fake-cloud/index.js';

/** What `createFake` may be asked for: the concurrency group wants a throttling cloud. */
export interface ContractFakeOptions {
  /** Throttling counted in requests (never in time), answered with the cloud's own throttling error. */
  readonly rateLimit?: RateLimitOptions;
}

/** One inbound rule as the fake cloud holds it, normalised: an inclusive port range for one protocol. */
export interface InboundRuleState {
  readonly from: number;
  readonly to: number;
  readonly protocol: 'tcp' | 'udp';
}

/** A host's machine as the cloud stores it, in the cloud's own ids. */
export interface StoredMachine {
  readonly region: string;
  /** The cloud's plan, size or instance type id. */
  readonly plan: string;
  /** The cloud's image id or slug. */
  readonly image: string;
}

/**
 * How a running host's addresses look, for `setAddressing`: `public` (the normal case), `none`
 * (running, no address yet) or `private-only` (only a private, VPC address).
 */
export type AddressingState = 'public' | 'none' | 'private-only';

/**
 * What the contract suite needs to know and do in a plugin's fake cloud, asked in the suite's
 * words, so no check parses an opaque id or knows a cloud's records. Each provider writes one
 * small adapter over its fake's public API (`<id>-contract-fake.ts`). Optional members unlock
 * checks; a check whose member is missing shows as skipped with the reason.
 */
export interface ContractFake<Cloud extends FakeCloud = FakeCloud> {
  /** The fake the plugin talks to (routed with msw for each check). */
  readonly cloud: Cloud;
  /** Store kind of the fake's hosts (`leftovers()` kind), e.g. `'droplet'`. */
  readonly hostKind: string;
  /** The fake's operation name for host creation (faults, asynchronous failures). */
  readonly createOperation: string;
  /**
   * What can reach `host` according to the fake's firewall state, or `undefined` when no
   * firewall guards it (the cloud's default networking).
   */
  inboundOf(host: Host): readonly InboundRuleState[] | undefined;
  /** The user-data the cloud would boot `host` with, decoded to bytes; `undefined` when none was given. */
  bootUserData(host: Host): Uint8Array | undefined;
  /** The host's machine as stored, or `undefined` when the cloud holds none. */
  machine(host: Host): StoredMachine | undefined;
  /**
   * Removes the host's machine behind the plugin's back (as someone in the cloud console would),
   * leaving its secondary resources; resolves once the cloud no longer has it.
   */
  removeOutOfBand(host: Host): Promise<void> | void;
  /**
   * Moves the stored creation time of every secondary resource back by `ms`, as if made that long
   * ago (the cloud's own field, or the tag the plugin writes where the cloud keeps none). Required
   * with the `orphans` capability: the orphans check sees a vanished host's firewall is not listed
   * while younger than `ORPHAN_MIN_AGE_MS`, and is once that old. A cloud that can tell no age
   * says why in `ContractConfig.orphanAgeUnknown` instead.
   */
  ageSecondaryResources?(ms: number): void;
  /** The host's tags as the cloud stores them (`key: value`; a cloud with flat tags gives them as keys). */
  storedTags?(host: Host): Readonly<Record<string, string>> | undefined;
  /**
   * Sets how many hosts the account may have (`undefined`: the fake's default); creations beyond
   * it fail with the cloud's own quota error.
   */
  setHostLimit?(limit: number | undefined): void;
  /** From now on, `host` (running or not) has these addresses (see `AddressingState`). */
  setAddressing?(host: Host, state: AddressingState): void;
  /** Makes a running machine the plugin never created (no managed tags); returns its public IPv4. */
  createUnmanagedMachine?(): Promise<string> | string;
  /** Makes the fake answer list requests with at most `size` items a page (as clouds may), `undefined` to undo. */
  capPageSize?(size: number | undefined): void;
  /** A second region the fake serves (for `list({ region })`); omitted when it serves one. */
  readonly otherRegion?: string;
}
