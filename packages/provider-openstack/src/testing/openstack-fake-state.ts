import type { ResourceStore } from '@provision/testkit/fake-cloud';
import type {
  FakeFloatingIp,
  FakeNetwork,
  FakePort,
  FakeSecurityGroup,
  FakeServer,
} from './openstack-fake-records.js';

/** What the fake's route handlers share. */
export interface FakeState {
  readonly baseUrl: string;
  readonly servers: ResourceStore<FakeServer>;
  readonly networks: ResourceStore<FakeNetwork>;
  readonly ports: ResourceStore<FakePort>;
  readonly floatingIps: ResourceStore<FakeFloatingIp>;
  readonly securityGroups: ResourceStore<FakeSecurityGroup>;
  readonly lifecycle: { read(key: string): boolean };
  now(): Date;
  /** A fresh id of a kind (`server`, `port`, ...): UUID-shaped, deterministic. */
  nextId(kind: string): string;
  /** The next free address on a network (`<prefix>.<n>`). */
  nextAddress(network: FakeNetwork): string;
  instanceLimit(): number;
  maxPerPage(): number | undefined;
  hasCapacity(region: string, plan: string): boolean;
  takeAsyncFailure(): string | undefined;
  /** The region's `default` security group (Neutron makes one per project). */
  defaultGroup(region: string): FakeSecurityGroup;
  /** The compute microversion of the request being answered, as a number of 2.x (2.1 when none was asked). */
  microversion(): number;
}
