import type { Host, ProvisionerV1 } from '@provision/core';
import { ORPHAN_MIN_AGE_MS } from '@provision/provider-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeCloud } from './fake-cloud/index.js';
import { setupFakeServer } from './fake-cloud/setup-fake-server.js';

/** What `describeOrphanAge` needs of one cloud: its fake, its plugin, and how its resource is kept. */
export interface OrphanAgeCase<Fake extends FakeCloud> {
  /** The cloud's name in the suite's title, e.g. `'DigitalOcean'`. */
  readonly cloud: string;
  /** `Orphan.kind` of the host's secondary resource, e.g. `'firewall'`. */
  readonly kind: string;
  /** A fresh fake for each test. */
  createFake(): Fake;
  /** A provisioner that talks to `fake` (no retries, so every request shows). */
  provisioner(fake: Fake): ProvisionerV1;
  /**
   * The cloud's delete of the host's machine, as someone in the console sends it: its URL, the
   * credential header, and the status the cloud answers. Its secondary resource stays.
   */
  readonly machineDelete: {
    url(fake: Fake, host: Host): string;
    readonly headers: Readonly<Record<string, string>>;
    readonly status: number;
  };
  /** The fake's machines (none once the delete is done). */
  machines(fake: Fake): readonly unknown[];
  /** The ids of the fake's resources of `kind`, as `Orphan.id` gives them. */
  resourceIds(fake: Fake): readonly string[];
  /** Moves the stored creation time of the fake's resources of `kind` back by `ms`. */
  age(fake: Fake, ms: number): void;
  /**
   * The operations (the fake's names) a scan sends while every resource is young, when it would
   * ask more once one is old (which hosts use them): the scan must not ask what it cannot need.
   */
  readonly youngScanOperations?: readonly string[];
}

/**
 * A suite for a cloud whose `provision()` makes a host's secondary resource (a firewall) before
 * its machine: for a request or two it guards nothing, and a `gc` in another process in that
 * moment must leave it alone. The host's machine is removed behind the plugin's back; `orphans()`
 * must not list the resource while it is younger than `ORPHAN_MIN_AGE_MS`, and must once it is
 * that old, and `deleteOrphan()` must then remove it. Call it at the top level of a test file; it
 * sets up its own msw server (no real network).
 */
export function describeOrphanAge<Fake extends FakeCloud>(orphanCase: OrphanAgeCase<Fake>): void {
  describe(`${orphanCase.cloud} orphans() and the age of a ${orphanCase.kind}`, () => {
    const server = setupFakeServer();
    let fake: Fake;

    beforeEach(() => {
      fake = orphanCase.createFake();
      server.use(fake);
    });

    it(`does not list a ${orphanCase.kind} made moments ago, and lists it once made ORPHAN_MIN_AGE_MS ago`, async () => {
      const provisioner = orphanCase.provisioner(fake);
      const host = await provisioner.provision({ name: 'web', inbound: [{ from: 22 }] });
      const { url, headers, status } = orphanCase.machineDelete;
      expect((await fetch(url(fake, host), { method: 'DELETE', headers: { ...headers } })).status).toBe(
        status,
      );
      expect(orphanCase.machines(fake)).toEqual([]);
      const ids = orphanCase.resourceIds(fake);
      expect(ids).toHaveLength(1);

      const mark = fake.mark();
      expect(await provisioner.orphans?.()).toEqual([]);
      if (orphanCase.youngScanOperations !== undefined)
        expect(fake.since(mark).map((entry) => entry.operation)).toEqual(orphanCase.youngScanOperations);
      expect(orphanCase.resourceIds(fake)).toEqual(ids);

      orphanCase.age(fake, ORPHAN_MIN_AGE_MS);
      const orphans = (await provisioner.orphans?.()) ?? [];
      expect(orphans.map((orphan) => [orphan.kind, orphan.id])).toEqual([[orphanCase.kind, ids[0]]]);
      expect(await provisioner.deleteOrphan?.(orphans[0] as (typeof orphans)[number])).toMatchObject({
        done: true,
      });
      expect(orphanCase.resourceIds(fake)).toEqual([]);
    });
  });
}
