import type { Host } from '@provision/core';
import type { ContractFake, ContractFakeOptions, StoredMachine } from '@provision/testkit/contract-fake';
import { AcmeFake, type AcmeMachineRecord } from './acme-fake.js';

/** Acme as the contract suite sees it: a few lines over the fake's public store. */
export class AcmeContractFake implements ContractFake<AcmeFake> {
  readonly cloud: AcmeFake;
  readonly hostKind = 'machine';
  readonly createOperation = 'machines.create';
  readonly otherRegion = 'nyc1';

  constructor(options: ContractFakeOptions = {}) {
    this.cloud = new AcmeFake(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  }

  /** Acme has no firewalls: every host keeps the cloud's default networking. */
  inboundOf(): undefined {
    return undefined;
  }

  bootUserData(host: Host): Uint8Array | undefined {
    const userData = this.#machine(host)?.user_data;
    return userData === null || userData === undefined ? undefined : new TextEncoder().encode(userData);
  }

  machine(host: Host): StoredMachine | undefined {
    const machine = this.#machine(host);
    return machine === undefined
      ? undefined
      : { region: machine.region, plan: machine.plan, image: machine.image };
  }

  storedTags(host: Host): Readonly<Record<string, string>> | undefined {
    return this.#machine(host)?.labels;
  }

  removeOutOfBand(host: Host): void {
    const machine = this.#machine(host);
    if (machine !== undefined) this.cloud.machines.delete(machine.id);
  }

  capPageSize(size: number | undefined): void {
    this.cloud.maxPerPage = size;
  }

  // The id is opaque; the machine is the one whose id is one of its parts.
  #machine(host: Host): AcmeMachineRecord | undefined {
    const parts = new Set(host.id.split(/[^A-Za-z0-9-]+/));
    return this.cloud.machines.values().find((machine) => parts.has(machine.id));
  }
}
