import type { LongRunningOperations, ResourceStore, RouteContext } from '@provision/testkit/fake-cloud';
import { gceOperationBody } from '@provision/testkit/fake-cloud';
import { gcpErrors, LINK_ROOT } from './gcp-fake-http.js';
import type { GcpFakeFirewall, GcpFakeInstance, GcpFakeOperationInfo } from './gcp-fake-records.js';

/** What the route handlers share: the fake's state and its knobs. */
export interface GcpFakeContext {
  readonly project: string;
  readonly instances: ResourceStore<GcpFakeInstance>;
  readonly firewalls: ResourceStore<GcpFakeFirewall>;
  readonly operations: LongRunningOperations;
  readonly operationInfo: Map<string, GcpFakeOperationInfo>;
  /** `requestId` -> the operation the first request with it started. */
  readonly requestIds: Map<string, string>;
  readonly now: () => Date;
  readonly instanceLimit: () => number;
  /** Reads of a deleted instance before it is gone (0: at the DELETE). */
  readonly destroyAfterReads: number;
  readonly pageCap: () => number | undefined;
  readonly nextNumericId: () => string;
  readonly nextAddress: () => string;
  readonly hasCapacity: (zone: string, machineType: string) => boolean;
  readonly takeAsyncFailure: (operation: string) => string | undefined;
  /** The reason queued by `failNextInsertAtOnce`, once; `undefined` when none is queued. */
  readonly takeInsertFailureAtOnce: () => string | undefined;
}

/** A handler of one route with the shared context. */
export type GcpFakeHandler = (context: GcpFakeContext, route: RouteContext) => Response | Promise<Response>;

/** The project in the path must be the fake's; any other is not found, as for a caller without access. */
export function checkProject(context: GcpFakeContext, route: RouteContext): string {
  const project = route.params.project ?? '';
  if (project !== context.project) gcpErrors.fail('notFound', `projects/${project}`);
  return project;
}

/** The wire form of an operation (`compute#operation`). */
export function operationBody(context: GcpFakeContext, id: string): Record<string, unknown> {
  const record = context.operations.peek(id);
  const info = context.operationInfo.get(id);
  if (record === undefined || info === undefined) throw new TypeError(`No operation ${id}.`);
  const scope = info.zone === undefined ? 'global' : `zones/${info.zone}`;
  return {
    ...gceOperationBody(record, {
      selfLink: `${LINK_ROOT}/projects/${info.project}/${scope}/operations/${record.id}`,
      targetLink: info.targetLink,
      ...(info.zone === undefined
        ? {}
        : { zone: `${LINK_ROOT}/projects/${info.project}/zones/${info.zone}` }),
    }),
    targetId: info.targetId,
    user: 'provision-fake@provision-fake.iam.gserviceaccount.com',
  };
}

/**
 * Starts an operation on a target; `done` ends it at once (the fake's quick ones: firewall rules),
 * failed with `fail` when given.
 */
export function startOperation(
  context: GcpFakeContext,
  input: {
    kind: string;
    zone: string | undefined;
    targetLink: string;
    targetId: string;
    done?: boolean;
    fail?: { code: string; message: string };
    onSucceeded?: () => void;
    onFailed?: () => void;
  },
): string {
  const record = context.operations.start({
    kind: input.kind,
    target: input.targetLink,
    ...(input.fail === undefined ? {} : { fail: input.fail }),
    ...(input.onSucceeded === undefined ? {} : { onSucceeded: input.onSucceeded }),
    ...(input.onFailed === undefined ? {} : { onFailed: input.onFailed }),
  });
  const id = record.id;
  context.operationInfo.set(id, {
    project: context.project,
    zone: input.zone,
    targetLink: input.targetLink,
    targetId: input.targetId,
    insertTime: record.startedAt,
  });
  if (input.done) {
    record.state = input.fail === undefined ? 'succeeded' : 'failed';
    record.error = input.fail;
    record.endedAt = record.startedAt;
    if (input.fail === undefined) input.onSucceeded?.();
    else input.onFailed?.();
  }
  return id;
}
