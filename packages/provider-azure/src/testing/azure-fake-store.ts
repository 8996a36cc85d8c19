import { randomUUID } from 'node:crypto';
import type { ResourceStore } from '@provision/testkit/fake-cloud';
import { buildProperties, DEFAULT_SECURITY_RULES } from './azure-fake-build.js';
import { armError } from './azure-fake-errors.js';
import type {
  AzureFakeDeployment,
  AzureFakeGroup,
  AzureFakeResource,
  AzureFakeVmState,
} from './azure-fake-records.js';
import {
  checkCommon,
  checkResource,
  type Exists,
  type Refusal,
  type ResourceType,
  TYPE_NAMES,
} from './azure-fake-resources.js';

type Json = Record<string, unknown>;

/** What `AzureFakeResources` is built from: the fake's stores and hooks. */
export interface AzureFakeResourcesOptions {
  readonly subscription: string;
  readonly groups: ResourceStore<AzureFakeGroup>;
  readonly stores: Readonly<Record<ResourceType, ResourceStore<AzureFakeResource>>>;
  readonly deployments: ResourceStore<AzureFakeDeployment>;
  readonly lifecycle: { read(key: string): boolean; restart(key: string): void };
  readonly readsUntilDeleted: number;
  readonly vmLimit: number;
  readonly hasCapacity: (region: string, plan: string) => boolean;
  readonly takeAsyncFailure: () => string | undefined;
}

/** A long-running operation the fake answers status for. */
export type Operation =
  | { kind: 'deployment' | 'vm' | 'vm-delete' | 'done'; key: string; started: string }
  | { kind: 'group'; key: string; started: string };

const VM = 'microsoft.compute/virtualmachines' as const;
const PIP = 'microsoft.network/publicipaddresses' as const;

/**
 * The fake's resource groups and the resources in them, with the VMs' lifecycles; deployments and
 * operations are `AzureFakeResources`, built on it.
 */
export class AzureFakeStore {
  protected readonly options: AzureFakeResourcesOptions;
  protected readonly vms = new Map<string, AzureFakeVmState>();
  protected readonly customData = new Map<string, string>();
  protected readonly addresses = new Map<string, string>();
  protected readonly operations = new Map<string, Operation>();
  protected vmLimit: number;
  protected nextAddress = 10;

  constructor(options: AzureFakeResourcesOptions) {
    this.options = options;
    this.vmLimit = options.vmLimit;
  }

  /** Sets how many VMs the subscription may hold at once. */
  setVmLimit(limit: number): void {
    this.vmLimit = limit;
  }

  resourceId(type: ResourceType, group: string, name: string): string {
    return `/subscriptions/${this.options.subscription}/resourceGroups/${group}/providers/${TYPE_NAMES[type]}/${name}`;
  }

  putGroup(name: string, body: Json): { group: AzureFakeGroup; created: boolean } {
    if (!/^[-\w.()]{0,89}[-\w()]$/.test(name))
      armError(400, 'InvalidResourceGroupName', `Resource group name '${name}' is invalid.`);
    const existing = this.options.groups.get(name.toLowerCase());
    if (existing?.provisioningState === 'Deleting')
      armError(
        409,
        'ResourceGroupBeingDeleted',
        `The resource group '${existing.name}' is in deprovisioning state and cannot perform this operation.`,
      );
    const problem = checkCommon(body);
    if (problem !== undefined) armError(problem.status, problem.code, problem.message);
    const group: AzureFakeGroup = {
      id: name.toLowerCase(),
      name: existing?.name ?? name,
      location: existing?.location ?? String(body.location).toLowerCase(),
      tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
      provisioningState: 'Succeeded',
      deleteReads: 0,
    };
    this.options.groups.set(group);
    return { group, created: existing === undefined };
  }

  group(name: string): AzureFakeGroup {
    const group = this.options.groups.get(name.toLowerCase());
    if (group === undefined)
      armError(404, 'ResourceGroupNotFound', `Resource group '${name}' could not be found.`);
    return group;
  }

  protected liveGroup(name: string): AzureFakeGroup {
    const group = this.group(name);
    if (group.provisioningState === 'Deleting')
      armError(
        409,
        'ResourceGroupBeingDeleted',
        `The resource group '${group.name}' is in deprovisioning state and cannot perform this operation.`,
      );
    return group;
  }

  /** Starts deleting a group and everything in it; returns the operation id. */
  deleteGroup(name: string): string {
    const group = this.group(name);
    group.provisioningState = 'Deleting';
    // An empty group (a creation refused in validation, then rolled back) goes at once; Azure
    // takes a few seconds.
    const empty = ![...Object.values(this.options.stores), this.options.deployments].some((store) =>
      store.values().some((item: { group: string }) => item.group === group.id),
    );
    if (empty) this.options.groups.delete(group.id);
    for (const [key, vm] of this.vms)
      if (this.vmResource(key)?.group === group.id) vm.provisioningState = 'Deleting';
    return this.operation({ kind: 'group', key: group.id, started: new Date().toISOString() });
  }

  /** A read of the group or of anything in it: a deleting group goes once read often enough. */
  touchGroup(name: string): void {
    const group = this.options.groups.get(name.toLowerCase());
    if (group?.provisioningState !== 'Deleting') return;
    group.deleteReads += 1;
    if (group.deleteReads < this.options.readsUntilDeleted) return;
    for (const store of Object.values(this.options.stores))
      for (const resource of store.values()) if (resource.group === group.id) this.remove(store, resource);
    for (const deployment of this.options.deployments.values())
      if (deployment.group === group.id) this.options.deployments.delete(deployment.id);
    this.options.groups.delete(group.id);
  }

  protected remove(store: ResourceStore<AzureFakeResource>, resource: AzureFakeResource): void {
    store.delete(resource.id);
    this.vms.delete(resource.id);
    this.customData.delete(resource.id);
    this.addresses.delete(resource.id);
  }

  protected exists(pending: readonly string[]): Exists {
    return (id) => {
      const lower = id.toLowerCase();
      if (pending.includes(lower)) return true;
      const subnet = /^(.*\/virtualnetworks\/[^/]+)\/subnets\/([^/]+)$/.exec(lower);
      if (subnet !== null) {
        const network = this.options.stores['microsoft.network/virtualnetworks'].get(subnet[1] ?? '');
        const subnets = (network?.properties.subnets ?? []) as { name?: string }[];
        return (
          pending.includes(subnet[1] ?? '') || subnets.some((item) => item.name?.toLowerCase() === subnet[2])
        );
      }
      return Object.values(this.options.stores).some((store) => store.has(lower));
    };
  }

  protected check(type: ResourceType, body: Json, exists: Exists): Refusal | undefined {
    const live = [...this.vms.values()].filter((vm) => vm.provisioningState !== 'Deleting').length;
    return checkResource(type, body, exists, {
      hasCapacity: this.options.hasCapacity,
      vmsLeft: this.vmLimit - live,
      vmLimit: this.vmLimit,
    });
  }

  protected create(
    type: ResourceType,
    group: AzureFakeGroup,
    name: string,
    body: Json,
    failure?: string,
  ): { resource: AzureFakeResource; created: boolean } {
    const resourceId = this.resourceId(type, group.name, name);
    const key = resourceId.toLowerCase();
    const store = this.options.stores[type];
    const existing = store.get(key);
    const properties = buildProperties(
      type,
      resourceId,
      (body.properties ?? {}) as Json,
      existing?.properties,
    );
    const resource: AzureFakeResource = {
      id: key,
      resourceId,
      group: group.id,
      type,
      name,
      location: String(body.location).toLowerCase(),
      tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
      ...(body.sku === undefined ? {} : { sku: body.sku as Json }),
      properties,
    };
    store.set(resource);
    if (type === PIP && !this.addresses.has(key))
      this.addresses.set(key, `20.${Math.floor(this.nextAddress / 250) + 1}.${this.nextAddress++ % 250}.4`);
    if (type === VM && existing === undefined) this.startVm(resource, body, failure);
    if (type === 'microsoft.network/networksecuritygroups')
      properties.defaultSecurityRules = DEFAULT_SECURITY_RULES;
    return { resource, created: existing === undefined };
  }

  protected startVm(resource: AzureFakeResource, body: Json, failure: string | undefined): void {
    const osProfile = ((body.properties as Json).osProfile ?? {}) as Json;
    if (typeof osProfile.customData === 'string') this.customData.set(resource.id, osProfile.customData);
    this.vms.set(resource.id, {
      provisioningState: 'Creating',
      power: 'starting',
      failure: failure === undefined ? undefined : { code: 'AllocationFailed', message: failure },
      addressing: 'public',
      transition: undefined,
    });
    const group = this.options.groups.get(resource.group);
    const disk = (resource.properties.storageProfile as { osDisk: { name: string } }).osDisk;
    if (group !== undefined)
      this.options.stores['microsoft.compute/disks'].set({
        id: this.resourceId('microsoft.compute/disks', group.name, disk.name).toLowerCase(),
        resourceId: this.resourceId('microsoft.compute/disks', group.name, disk.name),
        group: group.id,
        type: 'microsoft.compute/disks',
        name: disk.name,
        location: resource.location,
        tags: {},
        properties: {
          diskSizeGB: 30,
          osType: 'Linux',
          diskState: 'Attached',
          managedBy: resource.resourceId,
          provisioningState: 'Succeeded',
        },
      });
  }

  /** `<Type>_CreateOrUpdate` sent directly (not through a deployment). */
  put(
    type: ResourceType,
    groupName: string,
    name: string,
    body: Json,
  ): {
    resource: AzureFakeResource;
    vm: AzureFakeVmState | undefined;
    created: boolean;
    operationId: string;
  } {
    const group = this.liveGroup(groupName);
    const problem = this.check(type, body, this.exists([]));
    if (
      problem !== undefined &&
      !(type === VM && this.options.stores[VM].has(this.resourceId(type, group.name, name).toLowerCase()))
    )
      armError(
        problem.status === 409 && problem.code === 'QuotaExceeded' ? 409 : problem.status,
        problem.code === 'QuotaExceeded' ? 'OperationNotAllowed' : problem.code,
        problem.message,
      );
    const { resource, created } = this.create(type, group, name, body);
    const operationId = this.operation({
      kind: type === VM ? 'vm' : 'done',
      key: resource.id,
      started: new Date().toISOString(),
    });
    return { resource, vm: this.vms.get(resource.id), created, operationId };
  }

  protected advance(key: string): void {
    const vm = this.vms.get(key);
    if (vm?.transition !== undefined && this.options.lifecycle.read(`power:${key}`)) {
      vm.power = vm.transition.to;
      vm.transition = undefined;
    }
    if (vm?.provisioningState !== 'Creating' || !this.options.lifecycle.read(`vm:${key}`)) return;
    if (vm.failure !== undefined) {
      vm.provisioningState = 'Failed';
      vm.power = 'stopped';
    } else {
      vm.provisioningState = 'Succeeded';
      vm.power = 'running';
    }
  }

  protected vmResource(key: string): AzureFakeResource | undefined {
    return this.options.stores[VM].get(key);
  }

  /** `<Type>_Get`: the resource, with the VM state and the public address where they apply. */
  read(
    type: ResourceType,
    groupName: string,
    name: string,
  ): { resource: AzureFakeResource; vm: AzureFakeVmState | undefined; ipAddress: string | undefined } {
    this.group(groupName);
    const key = this.resourceId(type, groupName, name).toLowerCase();
    const store = this.options.stores[type];
    let resource = store.get(key);
    const vm = this.vms.get(key);
    if (
      resource !== undefined &&
      vm?.provisioningState === 'Deleting' &&
      this.options.groups.get(resource.group)?.provisioningState !== 'Deleting'
    ) {
      this.removeVm(resource);
      resource = undefined;
    }
    if (resource === undefined)
      armError(
        404,
        'ResourceNotFound',
        `The Resource '${TYPE_NAMES[type]}/${name}' under resource group '${groupName}' was not found.`,
      );
    if (vm !== undefined) this.advance(key);
    return { resource, vm, ipAddress: this.addressOf(resource) };
  }

  /**
   * The public address of a public IP resource, unless `setAddressing` on the first VM of its group
   * withholds it; a listing passes those VMs by group, found once (a search per address is n²).
   */
  addressOf(
    resource: AzureFakeResource,
    vmsByGroup?: ReadonlyMap<string, AzureFakeVmState>,
  ): string | undefined {
    if (resource.type !== PIP) return undefined;
    const vm =
      vmsByGroup !== undefined
        ? vmsByGroup.get(resource.group)
        : [...this.vms.entries()].find(([key]) => this.vmResource(key)?.group === resource.group)?.[1];
    return vm !== undefined && vm.addressing !== 'public' ? undefined : this.addresses.get(resource.id);
  }

  /** `VirtualMachines_Delete`: the VM goes on its next read, with the OS disk and NIC marked to go with it. */
  deleteVm(groupName: string, name: string): string | undefined {
    this.group(groupName);
    const key = this.resourceId(VM, groupName, name).toLowerCase();
    const vm = this.vms.get(key);
    if (vm === undefined) return undefined;
    vm.provisioningState = 'Deleting';
    vm.power = 'stopping';
    return this.operation({ kind: 'vm-delete', key, started: new Date().toISOString() });
  }

  protected removeVm(resource: AzureFakeResource): void {
    this.remove(this.options.stores[VM], resource);
    const properties = resource.properties as {
      storageProfile: { osDisk: { name: string; deleteOption?: string } };
      networkProfile: { networkInterfaces: { id: string; properties?: { deleteOption?: string } }[] };
    };
    const disk = properties.storageProfile.osDisk;
    const groupName = this.options.groups.get(resource.group)?.name ?? resource.group;
    if (disk.deleteOption === 'Delete')
      this.options.stores['microsoft.compute/disks'].delete(
        this.resourceId('microsoft.compute/disks', groupName, disk.name).toLowerCase(),
      );
    for (const nic of properties.networkProfile.networkInterfaces)
      if (nic.properties?.deleteOption === 'Delete')
        this.options.stores['microsoft.network/networkinterfaces'].delete(nic.id.toLowerCase());
  }

  protected operation(operation: Operation): string {
    const id = randomUUID();
    this.operations.set(id, operation);
    return id;
  }
  /** Every VM with its state and the customData it boots with (base64), for tests. */
  virtualMachines(): {
    resource: AzureFakeResource;
    state: AzureFakeVmState;
    customData: string | undefined;
  }[] {
    return this.options.stores[VM].values().flatMap((resource) => {
      const state = this.vms.get(resource.id);
      return state === undefined ? [] : [{ resource, state, customData: this.customData.get(resource.id) }];
    });
  }

  /** The resource of a type by its id (any case). */
  resource(type: ResourceType, resourceId: string): AzureFakeResource | undefined {
    return this.options.stores[type].get(resourceId.toLowerCase());
  }
}
