import {
  type Operation as ApiOperation,
  type CallOptions,
  compareText,
  type ResolvedHostSpec,
} from '@provision/core';
import { getIfFound, type JsonClient } from '@provision/provider-utils';
import {
  type Instance,
  instanceSchema,
  type Operation,
  operationListSchema,
  operationSchema,
} from './gcp-api.js';
import { BOOT_DISK_GB } from './gcp-catalog.js';
import { NETWORK } from './gcp-firewall.js';
import { type GcpInstanceRef, instancePath } from './gcp-ids.js';
import { firewallNameOf, instanceLabels } from './gcp-names.js';

/** The instance's resource, or undefined on 404. */
export async function getInstance(
  client: JsonClient,
  ref: GcpInstanceRef,
  operation: ApiOperation,
  options?: CallOptions,
): Promise<Instance | undefined> {
  return getIfFound(client, {
    path: instancePath(ref),
    operation,
    schema: instanceSchema,
    signal: options?.signal,
  });
}

/**
 * The body of `instances.insert`: the machine type in the zone, a 10 GB Standard persistent boot
 * disk from the image family (Compute Engine picks the family's newest image), the `default`
 * network with an ephemeral external IPv4 (`ONE_TO_ONE_NAT`), the user-data as the `user-data`
 * metadata key (read by cloud-init on Google's Ubuntu and Debian images), the labels, and with
 * `inbound` the network tag its firewall rules target.
 * https://cloud.google.com/compute/docs/reference/rest/v1/instances/insert
 */
export function insertBody(
  spec: ResolvedHostSpec,
  ref: GcpInstanceRef,
  labels: Record<string, string> = instanceLabels(spec),
): Record<string, unknown> {
  return {
    name: ref.instance,
    machineType: `zones/${ref.zone}/machineTypes/${spec.plan}`,
    labels,
    ...(spec.inbound === undefined ? {} : { tags: { items: [firewallNameOf(ref.instance)] } }),
    disks: [
      {
        boot: true,
        autoDelete: true,
        type: 'PERSISTENT',
        initializeParams: {
          sourceImage: spec.image,
          diskSizeGb: String(BOOT_DISK_GB),
          diskType: `zones/${ref.zone}/diskTypes/pd-standard`,
        },
      },
    ],
    networkInterfaces: [
      { network: NETWORK, accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }] },
    ],
    ...(spec.userData === undefined
      ? {}
      : { metadata: { items: [{ key: 'user-data', value: spec.userData }] } }),
  };
}

/** Sends `instances.insert` with a request id; the answer is the zone operation, never awaited. */
export async function insertInstance(
  client: JsonClient,
  spec: ResolvedHostSpec,
  ref: GcpInstanceRef,
  requestId: string,
  labels: Record<string, string>,
  options?: CallOptions,
): Promise<Operation> {
  const { data } = await client.request({
    method: 'POST',
    path: `/projects/${ref.project}/zones/${ref.zone}/instances`,
    query: { requestId },
    body: insertBody(spec, ref, labels),
    operation: 'provision',
    schema: operationSchema,
    // The request id makes a repeat harmless: Compute Engine answers the first one's operation.
    idempotent: true,
    secrets: [spec.userData],
    signal: options?.signal,
  });
  return data;
}

/**
 * The newest insert operation that targeted the instance (one `zoneOperations.list`, filtered by
 * target and type), or undefined. Compute Engine keeps zone operations for a while after they end,
 * which is how a failed insert is told from an instance that never was.
 */
export async function lastInsertOperation(
  client: JsonClient,
  ref: GcpInstanceRef,
  operation: ApiOperation,
  options?: CallOptions,
): Promise<Operation | undefined> {
  const { data } = await client.request({
    method: 'GET',
    path: `/projects/${ref.project}/zones/${ref.zone}/operations`,
    query: {
      // `eq` compares with an RE2 pattern over the whole field; the target link's host varies.
      filter: `(targetLink eq ".*/${instancePath(ref).slice(1)}") (operationType eq "insert")`,
      maxResults: 10,
      orderBy: 'creationTimestamp desc',
    },
    operation,
    schema: operationListSchema,
    signal: options?.signal,
  });
  const items = [...(data.items ?? [])];
  items.sort((a, b) => compareText(b.insertTime ?? '', a.insertTime ?? ''));
  return items[0];
}

/** The reason a DONE operation failed, in the cloud's words, or undefined when it did not. */
export function operationFailure(operation: Operation): string | undefined {
  const errors = operation.error?.errors ?? [];
  if (operation.status !== 'DONE' || errors.length === 0) return undefined;
  return errors.map((error) => `${error.code ?? 'error'}: ${error.message ?? ''}`.trim()).join('; ');
}
