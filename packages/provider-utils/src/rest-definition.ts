import type { CallOptions, ExistingHostFacts, Host, Operation, ResolvedHostSpec } from '@provision/core';
import type { HostCreationSteps } from './create-host-once.js';
import { getIfFound } from './get-if-found.js';
import type { HostDeletionParts, SecondaryRef } from './host-deletion.js';
import type { HttpClient } from './http-client-options.js';
import type { MachineHosts } from './machine-hosts.js';
import type { ManagedFlatTags } from './managed-flat-tags.js';
import type { PowerOperation } from './power-action.js';
import type { ResponseSchema } from './response-schema.js';
import type { RestHostFirewall } from './rest-firewall.js';

/** One listing of machines: those carrying `tag`, in `region` when one is given. */
export interface MachineQuery {
  readonly tag: string;
  readonly region?: string | undefined;
}

/** A power action as the cloud takes it: where it is sent (POST unless said), and its JSON body if any. */
export interface PowerRequest {
  readonly method?: 'POST' | 'PUT';
  readonly path: string;
  readonly body?: unknown;
}

/**
 * One REST cloud's pieces, for `createRestProvisioner`. Every function sends one request (or the
 * pages of one listing); the kit decides when. `Prepared` is what a machine needs before it is
 * born (Equinix Metal's checked capacity; a firewall is the `firewall` part's), `undefined` when
 * nothing.
 */
export interface RestProvisionerDefinition<
  Machine,
  Prepared = undefined,
  Found extends SecondaryRef = SecondaryRef,
> {
  /** The provisioner's context (core's `ProvisionerContext`): the provider id, the catalog, the logger. */
  readonly context: HostCreationSteps<Machine, Prepared>['context'];
  /** What logs and `remaining` call the machine: `'device'`, `'instance'`. */
  readonly machineKind: string;
  readonly tags: ManagedFlatTags;
  readonly hosts: MachineHosts<Machine>;
  /** Sends the default `read`, `create` and `destroy`, and the power actions. */
  readonly client: Pick<HttpClient, 'request'>;
  /** The machine id a host id names (throws the id's typed error: see `createIdTemplate`). */
  decodeId(id: string, operation: Operation): string;
  /** The machine's own id (race order, `remaining`). */
  machineIdOf(machine: Machine): string;
  /** When the cloud made it (race order: the oldest machine of an identity is the host). */
  createdAtOf(machine: Machine): string | number | Date | null | undefined;
  /** Where one machine lives, e.g. `/devices/{id}`: what the default `read` GETs and `destroy` DELETEs. */
  machinePath(machineId: string): string;
  /**
   * The answer of `GET machinePath` and of the create, checked: the machine itself, or its
   * envelope piped to it (`z.pipe(envelope, z.transform((answer) => answer.instance))`). With it,
   * `read` and `create` may be left to the kit.
   */
  readonly machineSchema?: ResponseSchema<Machine>;
  /** The machine, or `undefined` once the cloud answers 404. Default: `GET machinePath` with `machineSchema`. */
  read?(machineId: string, operation: Operation, options?: CallOptions): Promise<Machine | undefined>;
  /**
   * What `status()` answers for a machine that answered 404, where the cloud tells why it is gone
   * (a failed creation's event or action: core's `failedCreationHost`); `undefined`: not found.
   * Never called while the machine exists.
   */
  missing?(id: string, machineId: string, options?: CallOptions): Promise<Host | undefined>;
  /**
   * `true` where the cloud itself refuses a second machine of one identity (a hostname or label
   * unique per account): a create that answered needs no second lookup, and none ever loses a race.
   */
  readonly identityIsUnique?: boolean;
  /**
   * `true` where the cloud keeps listing a machine that lost a race while it destroys it, with no
   * state that says so (DigitalOcean): `list()` shows one host per identity (the race winner,
   * machines not being deleted first); a `provision()` that finds the host destroys the other
   * machines of its identity it saw (a failure logged, never thrown); `delete()` destroys them
   * before the host's own machine (`duplicatesOf`: one listing of the identity tag).
   */
  readonly oneHostPerIdentity?: boolean;
  /**
   * The live machines of the spec's identity, where the cloud finds them otherwise than by
   * `list({ tag: identityTag })` (Linode's unique label; Civo's one region). The kit still keeps
   * only those whose tags name the host. It may throw a typed error for a machine that holds the
   * identity's unique name and is not the host.
   */
  findIdentity?(spec: ResolvedHostSpec, options?: CallOptions): Promise<readonly Machine[]>;
  /** Every machine matching `query`, all pages (the cloud filters by the tag; the kit checks again). */
  list(query: MachineQuery, operation: Operation, options?: CallOptions): Promise<readonly Machine[]>;
  /**
   * Whether the cloud is deleting it already: not a host any more (never adopted), and no second
   * DELETE. Where `identityIsUnique`, one that still holds the identity makes `provision()` throw
   * `stillBeingDeleted`'s error.
   */
  isDeleting(machine: Machine): boolean;
  /**
   * The create request's path and JSON body, with the encoded managed tags (`tags.encode(spec)`)
   * and, with a `firewall` part and `inbound`, the firewall the machine is created behind: the
   * kit POSTs it, its answer checked by `machineSchema`, the user-data cut out of every error
   * message. Give `create` instead when the create is more than one POST.
   */
  createRequest?(
    spec: ResolvedHostSpec,
    prepared: Prepared,
    firewall: SecondaryRef | undefined,
  ): { readonly path: string; readonly body: unknown };
  /** The one create request, sent by the plugin (which must cut `spec.userData` out of its errors). */
  create?(
    spec: ResolvedHostSpec,
    prepared: Prepared,
    firewall: SecondaryRef | undefined,
    options?: CallOptions,
  ): Promise<Machine>;
  /** The machine's DELETE, never awaited to completion. Default: `DELETE machinePath`, a 404 allowed. */
  destroy?(machine: Machine, operation: Operation, options?: CallOptions): Promise<void>;
  /**
   * Called when `provision()` starts, before the identity lookup: it may send a request at once
   * (Equinix Metal's capacity check runs alongside the lookup). The step it returns runs only when
   * no machine of the identity exists; throwing there sends no create.
   */
  prepare?(spec: ResolvedHostSpec, options?: CallOptions): () => Promise<Prepared>;
  /** Undoes what was prepared after the cloud refused the create (see `HostCreationSteps.discard`). */
  discard?(prepared: Prepared, error: unknown): Promise<void>;
  /** Destroys a machine that lost a race; default `destroy(loser, 'provision')`, without the caller's signal. */
  destroyLoser?(loser: Machine, prepared: Prepared, winner: Machine): Promise<void>;
  /**
   * What a found machine is, compared with the spec (see `HostCreationSteps.factsOf`); `firewall`
   * is what the firewall part's `complete` found.
   */
  factsOf(machine: Machine, host: Host, firewall?: Found): ExistingHostFacts;
  /** The power action of a machine; left out, the provisioner has no start, stop or reboot. */
  power?(machineId: string, operation: PowerOperation): PowerRequest;
  /** The host's own firewall, made before its machine (see `RestHostFirewall`). */
  readonly firewall?: RestHostFirewall<Machine, Prepared, Found>;
  /** Parts of `delete()` that differ from a lone machine (or from one behind `firewall`), put on top. */
  readonly deletion?: Partial<HostDeletionParts<Machine>>;
}

/** The requests on one machine, as the kit sends them: the plugin's own, or the defaults. */
export interface MachineRequests<Machine, Prepared> {
  read(machineId: string, operation: Operation, options?: CallOptions): Promise<Machine | undefined>;
  create(
    spec: ResolvedHostSpec,
    prepared: Prepared,
    firewall: SecondaryRef | undefined,
    options?: CallOptions,
  ): Promise<Machine>;
  destroy(machine: Machine, operation: Operation, options?: CallOptions): Promise<void>;
}

/**
 * The read, create and destroy of a definition: each the plugin's where it gives one, else the
 * kit's from `machinePath`, `machineSchema` and `createRequest`.
 * @throws TypeError when a default is needed and its parts are missing (at load, in every test).
 */
export function machineRequests<Machine, Prepared, Found extends SecondaryRef>(
  definition: RestProvisionerDefinition<Machine, Prepared, Found>,
): MachineRequests<Machine, Prepared> {
  const { client, machinePath, machineSchema: schema, createRequest } = definition;
  const provider = definition.context.manifest.id;
  if (definition.read === undefined && schema === undefined)
    throw new TypeError(`${provider}: a REST provisioner needs read or machineSchema.`);
  if (definition.create === undefined && (createRequest === undefined || schema === undefined))
    throw new TypeError(`${provider}: a REST provisioner needs create, or createRequest and machineSchema.`);
  return {
    read:
      definition.read ??
      ((machineId, operation, options) =>
        getIfFound(client, {
          path: machinePath(machineId),
          operation,
          schema: schema as ResponseSchema<Machine>,
          signal: options?.signal,
        })),
    create:
      definition.create ??
      (async (spec, prepared, firewall, options) => {
        const { path, body } = (createRequest as NonNullable<typeof createRequest>)(spec, prepared, firewall);
        const answer = await client.request({
          method: 'POST',
          path,
          body,
          operation: 'provision',
          schema: schema as ResponseSchema<Machine>,
          // Cut out of the cloud's error messages in every form (as sent, base64 and decoded).
          secrets: [spec.userData],
          signal: options?.signal,
        });
        return answer.data;
      }),
    destroy:
      definition.destroy ??
      (async (machine, operation, options) => {
        await client.request({
          method: 'DELETE',
          path: machinePath(definition.machineIdOf(machine)),
          operation,
          allowStatus: [404],
          signal: options?.signal,
        });
      }),
  };
}
