import { randomUUID } from 'node:crypto';
import { armError } from './azure-fake-errors.js';
import type { AzureFakeDeployment, AzureFakeVmState } from './azure-fake-records.js';
import { AzureFakeStore } from './azure-fake-store.js';
import { readTemplate } from './azure-fake-template.js';
import { groupJson, resourceJson } from './azure-fake-wire.js';

const VM = 'microsoft.compute/virtualmachines' as const;
const PIP = 'microsoft.network/publicipaddresses' as const;

export { armError } from './azure-fake-errors.js';
export type { AzureFakeResourcesOptions } from './azure-fake-store.js';

type Json = Record<string, unknown>;

/** The fake's resources with template deployments and the status of long-running operations. */
export class AzureFakeResources extends AzureFakeStore {
  putDeployment(
    groupName: string,
    name: string,
    body: Json,
  ): { deployment: AzureFakeDeployment; created: boolean } {
    const group = this.liveGroup(groupName);
    const resourceId = `/subscriptions/${this.options.subscription}/resourceGroups/${group.name}/providers/Microsoft.Resources/deployments/${name}`;
    const existing = this.options.deployments.get(resourceId.toLowerCase());
    // A write is not a read: the state is taken as it is, without moving the VMs on.
    if (existing !== undefined) this.deploymentState(existing, false);
    if (existing?.provisioningState === 'Running')
      armError(
        409,
        'DeploymentActive',
        `Unable to edit or replace deployment '${name}': previous deployment from '${existing.timestamp}' is still active.`,
      );
    const resources = readTemplate(body);
    if (!Array.isArray(resources)) armError(resources.status, resources.code, resources.message);
    const pending = resources.map((resource) =>
      this.resourceId(resource.type, group.name, resource.name).toLowerCase(),
    );
    const exists = this.exists(pending);
    const problems = resources.flatMap(
      (resource) => this.check(resource.type, { location: group.location, ...resource.body }, exists) ?? [],
    );
    if (problems.length > 0)
      armError(
        400,
        'InvalidTemplateDeployment',
        `The template deployment '${name}' is not valid according to the validation procedure. See inner errors for details.`,
        problems,
      );
    const failure = this.options.takeAsyncFailure();
    for (const resource of resources)
      this.create(
        resource.type,
        group,
        resource.name,
        { location: group.location, ...resource.body },
        failure,
      );
    const deployment: AzureFakeDeployment = {
      id: resourceId.toLowerCase(),
      resourceId,
      group: group.id,
      name,
      tags: { ...((body.tags as Record<string, string> | undefined) ?? {}) },
      provisioningState: 'Running',
      timestamp: new Date().toISOString(),
      outputResources: pending,
      error: undefined,
      operationId: randomUUID(),
    };
    this.options.deployments.set(deployment);
    this.operations.set(deployment.operationId, {
      kind: 'deployment',
      key: deployment.id,
      started: deployment.timestamp,
    });
    return { deployment, created: existing === undefined };
  }

  deployment(groupName: string, name: string): AzureFakeDeployment {
    this.group(groupName);
    const key =
      `/subscriptions/${this.options.subscription}/resourcegroups/${groupName}/providers/microsoft.resources/deployments/${name}`.toLowerCase();
    const deployment = this.options.deployments.get(key);
    if (deployment === undefined)
      armError(404, 'DeploymentNotFound', `Deployment '${name}' could not be found.`);
    this.deploymentState(deployment);
    return deployment;
  }

  // A deployment is as far as its VMs: running while one is created, failed when one failed.
  protected deploymentState(deployment: AzureFakeDeployment, advance = true): void {
    if (deployment.provisioningState !== 'Running') return;
    const vms = deployment.outputResources.flatMap((key) => {
      const vm = this.vms.get(key);
      if (vm === undefined) return [];
      if (advance) this.advance(key);
      return [vm];
    });
    const failed = vms.find((vm) => vm.provisioningState === 'Failed');
    if (failed !== undefined) {
      deployment.provisioningState = 'Failed';
      deployment.error = {
        code: 'DeploymentFailed',
        message:
          'At least one resource deployment operation failed. Please list deployment operations for details.',
        details: [
          { code: failed.failure?.code ?? 'InternalExecutionError', message: failed.failure?.message ?? '' },
        ],
      };
    } else if (vms.every((vm) => vm.provisioningState !== 'Creating'))
      deployment.provisioningState = 'Succeeded';
  }

  /** An operation's status body (`InProgress`, `Succeeded`, `Failed` with its error). */
  operationStatus(id: string): {
    name: string;
    status: string;
    startTime: string;
    error?: { code: string; message: string };
  } {
    const operation = this.operations.get(id);
    if (operation === undefined) armError(404, 'NotFound', `Operation '${id}' was not found.`);
    const answer = (status: string, error?: { code: string; message: string }) => ({
      name: id,
      status,
      startTime: operation.started,
      ...(error === undefined ? {} : { error }),
    });
    if (operation.kind === 'group') {
      const group = this.options.groups.get(operation.key);
      if (group !== undefined) this.touchGroup(group.name);
      return answer(this.options.groups.has(operation.key) ? 'InProgress' : 'Succeeded');
    }
    if (operation.kind === 'deployment') {
      const deployment = this.options.deployments.get(operation.key);
      if (deployment === undefined) return answer('Canceled');
      this.deploymentState(deployment);
      const status = deployment.provisioningState === 'Running' ? 'InProgress' : deployment.provisioningState;
      return answer(status, deployment.error?.details[0]);
    }
    if (operation.kind === 'vm' || operation.kind === 'vm-delete') {
      const resource = this.vmResource(operation.key);
      if (operation.kind === 'vm-delete') {
        if (resource !== undefined) this.removeVm(resource);
        return answer('Succeeded');
      }
      this.advance(operation.key);
      const vm = this.vms.get(operation.key);
      if (vm === undefined) return answer('Canceled');
      if (vm.provisioningState === 'Failed') return answer('Failed', vm.failure);
      return answer(vm.provisioningState === 'Creating' ? 'InProgress' : 'Succeeded');
    }
    return answer('Succeeded');
  }

  /**
   * `VirtualMachines_Start`, `_Deallocate`, `_PowerOff`, `_Restart`: the VM passes through
   * `starting` / `deallocating` / `stopping` and settles after a few reads. Returns the operation id.
   * https://learn.microsoft.com/azure/virtual-machines/states-billing
   */
  powerAction(
    groupName: string,
    name: string,
    action: 'start' | 'deallocate' | 'powerOff' | 'restart',
  ): string {
    this.group(groupName);
    const key = this.resourceId(VM, groupName, name).toLowerCase();
    const vm = this.vms.get(key);
    if (vm === undefined || vm.provisioningState === 'Deleting')
      armError(
        404,
        'ResourceNotFound',
        `The Resource 'Microsoft.Compute/virtualMachines/${name}' under resource group '${groupName}' was not found.`,
      );
    if (vm.provisioningState !== 'Succeeded')
      armError(
        409,
        'OperationNotAllowed',
        `Operation '${action}' is not allowed on VM '${name}' since the VM is ${vm.provisioningState.toLowerCase()}.`,
      );
    const moves = {
      start: ['starting', 'running'],
      restart: ['starting', 'running'],
      deallocate: ['deallocating', 'deallocated'],
      powerOff: ['stopping', 'stopped'],
    } as const;
    const [through, to] = moves[action];
    const settled = (action === 'start' && vm.power === 'running') || vm.power === to;
    if (!settled || action === 'restart') {
      vm.power = through;
      vm.transition = { to };
      this.options.lifecycle.restart(`power:${key}`);
    }
    return this.operation({ kind: 'vm', key, started: new Date().toISOString() });
  }

  /** Every VM (`VirtualMachines_ListAll`); with `statusOnly`, each with its instance view. */
  listVirtualMachines(statusOnly: boolean): Record<string, unknown>[] {
    return this.options.stores[VM].values().map((resource) => {
      this.advance(resource.id);
      return resourceJson(resource, this.vms.get(resource.id), { instanceView: statusOnly });
    });
  }

  /**
   * Every group (`ResourceGroups_List`), or those whose tag matches `$filter`
   * (`tagName eq 'x' and tagValue eq 'y'`, the one filter ARM offers on tags).
   */
  listGroups(filter: string | null): Record<string, unknown>[] {
    const tag =
      filter === null ? undefined : /^tagName eq '([^']*)' and tagValue eq '([^']*)'$/.exec(filter.trim());
    if (filter !== null && tag === null)
      armError(400, 'InvalidFilterInQueryString', `The filter '${filter.slice(0, 80)}' is not supported.`);
    return this.options.groups
      .values()
      .filter((group) => tag === undefined || group.tags[tag?.[1] ?? ''] === tag?.[2])
      .map((group) => groupJson(this.options.subscription, group));
  }

  /** `Usage_List` of a region: the regional vCPUs (`cores`) and VMs, against the limit. */
  usages(location: string): Record<string, unknown>[] {
    const live = this.options.stores[VM]
      .values()
      .filter((resource) => resource.location === location.toLowerCase());
    const usage = (value: string, localizedValue: string, currentValue: number, limit: number) => ({
      unit: 'Count',
      currentValue,
      limit,
      name: { value, localizedValue },
    });
    return [
      usage('cores', 'Total Regional vCPUs', live.length, this.vmLimit),
      usage('virtualMachines', 'Virtual Machines', live.length, 25_000),
    ];
  }

  /** Every public IP address (`PublicIPAddresses_ListAll`), addresses withheld as `setAddressing` says. */
  listPublicIpAddresses(): Record<string, unknown>[] {
    const vmsByGroup = new Map<string, AzureFakeVmState>();
    for (const [key, vm] of this.vms) {
      const group = this.vmResource(key)?.group;
      if (group !== undefined && !vmsByGroup.has(group)) vmsByGroup.set(group, vm);
    }
    return this.options.stores[PIP]
      .values()
      .map((resource) =>
        resourceJson(resource, undefined, { ipAddress: this.addressOf(resource, vmsByGroup) }),
      );
  }
}
