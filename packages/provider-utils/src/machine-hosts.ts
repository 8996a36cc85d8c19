import type { Host, HostStatus, Plan } from '@provision/core';
import { createHostMapper, type HostFields, type HostTags } from './host-mapping.js';

/** What one machine says of itself, in the cloud's terms: every `HostFields` entry but tags and price. */
export type MachineParts = Omit<HostFields, 'tags' | 'price'> & {
  /** A price the machine carries itself; without it the catalog's price of its plan stands in. */
  readonly price?: HostFields['price'];
};

/** What `createMachineHosts` needs of one cloud. */
export interface MachineHostsOptions<Machine> {
  /** The plugin id every host carries. */
  readonly provider: string;
  /** The cloud's state words -> `HostStatus` (see `HostMappingOptions.statuses`). */
  readonly statuses: Readonly<Record<string, HostStatus>>;
  /**
   * For a cloud whose status is several words together (Vultr's subscription, power and boot
   * states), which no one table names: the status from the machine itself. The host's is still
   * `error` when `partsOf` gives an error.
   */
  readonly statusOf?: ((machine: Machine, hasPublicIpv4: boolean) => HostStatus) | undefined;
  /** The machine's tags read once: `ManagedFlatTags.read` of its strings, or `readHostTags` of its labels. */
  readonly readTags: (machine: Machine) => HostTags;
  /** The machine's own fields. */
  readonly partsOf: (machine: Machine) => MachineParts;
  /** The plugin's catalog: a machine whose answer has no price gets its plan's, where listed. */
  readonly catalog?: { readonly plans: readonly Pick<Plan, 'id' | 'price'>[] } | undefined;
}

/** How one cloud's machines are read as hosts. */
export interface MachineHosts<Machine> {
  /** Its tags, read once (pass them on to `toHost`). */
  readTags(machine: Machine): HostTags;
  /** Whether provision made it: its managed tags are there and agree with each other. */
  isManaged(machine: Machine): boolean;
  /** The machine as a `Host`; `tags` when they were read already. */
  toHost(machine: Machine, tags?: HostTags): Host;
}

/**
 * A `Host` from a machine's parts, for any cloud: its tags (read by the cloud's own reader), its
 * fields (`partsOf`, the only cloud-specific reading), its status through the cloud's table, and
 * the catalog's price of its plan when the answer carries none. Assumes one machine is one host;
 * a host whose status needs a second resource (a firewall) completes the `Host` afterwards.
 */
export function createMachineHosts<Machine>(options: MachineHostsOptions<Machine>): MachineHosts<Machine> {
  const mapper = createHostMapper({ provider: options.provider, statuses: options.statuses });
  const { statusOf } = options;
  const prices = new Map((options.catalog?.plans ?? []).map((plan) => [plan.id, plan.price]));
  return {
    readTags: options.readTags,
    isManaged: (machine) => options.readTags(machine).managed !== undefined,
    toHost(machine, tags = options.readTags(machine)) {
      const parts = options.partsOf(machine);
      const host = mapper.toHost({ ...parts, tags, price: parts.price ?? prices.get(parts.plan) });
      if (statusOf === undefined || parts.error !== undefined) return host;
      return { ...host, status: statusOf(machine, host.ipv4 !== undefined) };
    },
  };
}
