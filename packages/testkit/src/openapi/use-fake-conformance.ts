import { afterAll, beforeEach, expect } from 'vitest';
import type { FakeCloud } from '../fake-cloud/fake-cloud.js';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import {
  type ConformanceCheck,
  createFakeConformance,
  type FakeConformanceOptions,
} from './fake-conformance.js';

/** Options of `useFakeConformance`. */
export interface UseFakeConformanceOptions<Fake extends FakeCloud>
  extends Omit<FakeConformanceOptions<Fake>, 'fake'> {
  /** Makes the fake for each test: a fresh one, with lifecycles that move on every read. */
  readonly createFake: () => Fake;
  /**
   * After the file's tests, every route the fake serves must have answered some test with a
   * success (`only` narrows the routes). Default: off (a test asks `unansweredRoutes()` itself).
   */
  readonly everyRouteAnswered?: boolean | { readonly only: (operation: string) => boolean };
}

/** The conformance check of one test file, with the current test's fake. */
export interface FakeConformance<Fake extends FakeCloud> extends ConformanceCheck {
  /** The current test's fake. */
  readonly fake: Fake;
  /** Fails the test with every exchange since the test began that breaks the description. */
  expectConforming(): void;
}

/**
 * The conformance scaffolding of a fake's test file, for vitest: a fresh fake and an empty record
 * before each test (served by msw when `transport` is `'fetch'`), and optionally, after all tests,
 * the check that every route the fake serves was answered. Call it at the top of the file; hand
 * `fetch` to the plugin and use `send` for what the plugin never sends.
 */
export function useFakeConformance<Fake extends FakeCloud>(
  options: UseFakeConformanceOptions<Fake>,
): FakeConformance<Fake> {
  let fake: Fake | undefined;
  const current = (): Fake => {
    if (fake === undefined) throw new Error('The fake is made before each test.');
    return fake;
  };
  const check = createFakeConformance({ ...options, fake: current });
  const server = options.transport === 'fetch' ? setupFakeServer() : undefined;

  beforeEach(() => {
    fake = options.createFake();
    server?.use(fake);
    check.reset();
  });

  const every = options.everyRouteAnswered;
  if (every !== undefined && every !== false)
    afterAll(() => {
      const only = every === true ? undefined : every.only;
      expect(check.unansweredRoutes({ since: 'file', ...(only === undefined ? {} : { only }) })).toEqual([]);
    });

  return {
    ...check,
    get fake() {
      return current();
    },
    expectConforming() {
      expect(check.broken()).toEqual([]);
    },
  };
}
