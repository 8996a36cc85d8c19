/** What the fake keeps of each Azure resource: its ARM JSON as it answers it, plus bookkeeping. */

/** A resource group. */
export interface AzureFakeGroup {
  /** The store key: the group's name in lower case (ARM names are case-insensitive). */
  id: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  provisioningState: 'Succeeded' | 'Deleting';
  /** Reads of the group or its resources since its deletion started. */
  deleteReads: number;
}

/** Any resource inside a group, kept as ARM answers it (`properties` nested, as on the wire). */
export interface AzureFakeResource {
  /** The store key: the resource id in lower case. */
  id: string;
  /** The resource id as ARM writes it. */
  resourceId: string;
  group: string;
  type: string;
  name: string;
  location: string;
  tags: Record<string, string>;
  sku?: Record<string, unknown>;
  properties: Record<string, unknown>;
}

/** A VM's state beyond its JSON: where its creation and power are. */
export interface AzureFakeVmState {
  provisioningState: 'Creating' | 'Succeeded' | 'Failed' | 'Deleting';
  power: 'starting' | 'running' | 'stopping' | 'stopped' | 'deallocating' | 'deallocated';
  /** The reason of a failed creation (`ProvisioningState/failed/<code>`). */
  failure: { code: string; message: string } | undefined;
  /** A power action under way: the state it ends in, after a few reads. */
  transition: { to: 'running' | 'deallocated' | 'stopped' } | undefined;
  /** From `setAddressing`: the public address is withheld. */
  addressing: 'public' | 'none' | 'private-only';
}

/** A template deployment. */
export interface AzureFakeDeployment {
  id: string;
  resourceId: string;
  group: string;
  name: string;
  tags: Record<string, string>;
  provisioningState: 'Accepted' | 'Running' | 'Succeeded' | 'Failed';
  timestamp: string;
  /** Resource ids the template made, lower case. */
  outputResources: string[];
  error: { code: string; message: string; details: { code: string; message: string }[] } | undefined;
  operationId: string;
}
