import {
  type CallOptions,
  type DeleteResult,
  encodeManagedTags,
  firewallInbound,
  type Host,
  type HostInbound,
  HostNotFoundError,
  type HostRef,
  hostIdentity,
  InvalidRequestError,
  type ListFilter,
  MANAGED_BY_VALUE,
  MANAGED_TAG_KEYS,
  type Plan,
  type PlanQuery,
  ProviderApiError,
  type ProvisionerContext,
  type ProvisionerImplementationV1,
  type ResolvedHostSpec,
  specMismatch,
} from '@provision/core';
import { collectPages } from '@provision/provider-utils';
import { createExampleApi, type ExampleApi, type ExampleRule, type ExampleServer } from './example-api.js';
import { exampleHostId, toExampleHost } from './example-host.js';
import type { ExampleSettings } from './example-settings.js';

/** The rules a spec's `inbound` asks for, as the cloud spells them. */
export function exampleRules(inbound: NonNullable<ResolvedHostSpec['inbound']>): ExampleRule[] {
  if (inbound === 'all') {
    return [
      { protocol: 'tcp', from_port: 1, to_port: 65535 },
      { protocol: 'udp', from_port: 1, to_port: 65535 },
    ];
  }
  return inbound.map((rule) => ({ protocol: rule.protocol, from_port: rule.from, to_port: rule.to }));
}

type WireRule = { protocol: string; from_port: number; to_port: number };

function sameRules(actual: readonly WireRule[], wanted: readonly ExampleRule[]): boolean {
  const key = (rule: WireRule) => `${rule.from_port}-${rule.to_port}/${rule.protocol}`;
  const have = new Set(actual.map(key));
  return have.size === wanted.length && wanted.every((rule) => have.has(key(rule)));
}

// A lone UTF-16 surrogate has no UTF-8 form: sent on, it would boot as U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The states a power action leaves a server in while it runs and once it is done. */
const UNDER_WAY: Record<'start' | 'stop' | 'reboot', readonly string[]> = {
  start: ['powering_on', 'running'],
  stop: ['stopping', 'stopped'],
  reboot: ['rebooting'],
};

/** Numeric ids in creation order: the oldest server of an identity is the one every caller keeps. */
function older(a: ExampleServer, b: ExampleServer): ExampleServer {
  return Number(a.id) <= Number(b.id) ? a : b;
}

// Only a ProviderApiError without a status (no answer) or with a 5xx leaves the outcome unknown:
// every other failure is the cloud saying no.
function outcomeUnknown(error: unknown): boolean {
  return ProviderApiError.isInstance(error) && (error.status === undefined || error.status >= 500);
}

/**
 * The example cloud's provisioner. Every call sends a few requests and returns: provision
 * starts a server, delete moves deletion one step, nothing waits for the cloud.
 *
 * Protected steps are seams for the deliberately broken variants in `./broken/`.
 */
export class ExampleProvisioner implements ProvisionerImplementationV1 {
  readonly specificationVersion = 'v1';
  readonly provider: string;
  protected readonly api: ExampleApi;

  /** Whether cloud error messages are cleaned of what was sent (a seam for a broken variant). */
  static redactsCloudMessages = true;

  constructor(
    settings: ExampleSettings,
    protected readonly context: ProvisionerContext,
  ) {
    this.provider = context.manifest.id;
    const redact = (this.constructor as typeof ExampleProvisioner).redactsCloudMessages;
    this.api = createExampleApi(settings, context, { redact });
  }

  /** Returns the managed server of this `(owner, name)` if there is one, else creates it (and its firewall). */
  async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const signal = options?.signal;
    if (spec.userData !== undefined && LONE_SURROGATE.test(spec.userData)) {
      throw new InvalidRequestError(
        'userData is not valid Unicode text (it holds a lone surrogate), so it cannot reach the machine unchanged.',
        { provider: this.provider, operation: 'provision', field: 'userData' },
      );
    }
    const identity = hostIdentity(spec.owner, spec.name);
    const existing = await this.findExisting(identity, signal);
    if (existing !== undefined) return this.withDifferences(this.toHost(existing), existing, spec);

    const firewall =
      spec.inbound === undefined
        ? undefined
        : await this.ensureFirewall(identity, exampleRules(spec.inbound), signal);
    let server: ExampleServer;
    try {
      server = await this.api.createServer(
        {
          name: spec.name,
          region: spec.region,
          plan: spec.plan,
          image: spec.image,
          ...(spec.userData === undefined ? {} : { user_data: spec.userData }),
          tags: encodeManagedTags({ name: spec.name, owner: spec.owner, ttlMs: spec.ttlMs, tags: spec.tags }),
          ...(firewall === undefined ? {} : { firewall_ids: [firewall.id] }),
        },
        signal,
      );
    } catch (error) {
      if (firewall?.created) await this.rollBackFirewall(firewall.id, identity, error, signal);
      throw error;
    }
    return this.toHost(await this.keepOldest(identity, server, firewall, signal));
  }

  /**
   * A found host with `specMismatch` where the server differs from `spec`: region, plan, whether
   * it has a firewall, and the user tags (the listing does not say which image it booted).
   */
  protected withDifferences(host: Host, server: ExampleServer, spec: ResolvedHostSpec): Host {
    const differences = specMismatch(
      {
        region: server.region,
        plan: server.plan,
        inbound: (server.firewall_ids ?? []).length === 0 ? 'none' : 'own',
        tags: host.tags,
      },
      spec,
    );
    return differences.length === 0 ? host : { ...host, specMismatch: differences };
  }

  /**
   * The example cloud has no idempotency token, so callers racing on one `(owner, name)` may each
   * create a server. After creating, every caller looks again and keeps the oldest server of the
   * identity; a caller whose server is not the oldest deletes it (and its new firewall) and
   * returns the oldest. All callers converge on one host, whichever order they run in.
   */
  protected async keepOldest(
    identity: string,
    mine: ExampleServer,
    firewall: { id: string; created: boolean } | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ExampleServer> {
    const page = await this.api.listServers(
      { [MANAGED_TAG_KEYS.identity]: identity },
      1,
      'provision',
      signal,
    );
    const oldest = page.items.filter((server) => server.state !== 'deleting').reduce(older, mine);
    if (oldest.id === mine.id) return mine;
    // Deleting twice removes it at once (the first DELETE starts, the second finishes).
    for (let call = 0; call < 2 && (await this.api.deleteServer(mine.id, signal)) === 'deleting'; call += 1);
    if (firewall?.created) await this.api.deleteFirewall(firewall.id, 'provision', signal);
    return oldest;
  }

  /** One read of the server. */
  async status(id: string, options?: CallOptions): Promise<Host> {
    const { serverId } = exampleHostId.decode(id, 'status');
    const server = await this.api.getServer(serverId, 'status', options?.signal);
    if (server === undefined)
      throw new HostNotFoundError(id, { provider: this.provider, operation: 'status' });
    return this.toHost(server, id);
  }

  /**
   * Deletes the server first (its firewall keeps guarding it until it is gone), then the firewall.
   * At most two requests per call; done once both are gone.
   */
  async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    const signal = options?.signal;
    if ('ip' in ref) {
      const server = (await this.managedServers({}, 'delete', signal)).find(
        (candidate) => candidate.ipv4 === ref.ip,
      );
      return server === undefined
        ? { done: true, found: false }
        : this.delete({ id: this.toHost(server).id }, options);
    }
    const { serverId, firewallId } = exampleHostId.decode(ref.id, 'delete');
    if ((await this.api.deleteServer(serverId, signal)) === 'deleting') {
      return {
        done: false,
        id: ref.id,
        remaining: [`server ${serverId}`, ...(firewallId === undefined ? [] : [`firewall ${firewallId}`])],
        found: true,
      };
    }
    if (firewallId !== undefined) await this.deleteFirewall(firewallId, signal);
    // No server and no firewall in the id: nothing of that id existed. (With a firewall, whether
    // it still existed is not known here, so `found` is left out.)
    return { done: true, id: ref.id, ...(firewallId === undefined ? { found: false } : {}) };
  }

  start(id: string, options?: CallOptions): Promise<Host> {
    return this.power(id, 'start', options);
  }

  stop(id: string, options?: CallOptions): Promise<Host> {
    return this.power(id, 'stop', options);
  }

  reboot(id: string, options?: CallOptions): Promise<Host> {
    return this.power(id, 'reboot', options);
  }

  /** One action request; its effect shows on later status() calls. */
  protected async power(id: string, type: 'start' | 'stop' | 'reboot', options?: CallOptions): Promise<Host> {
    const { serverId } = exampleHostId.decode(id, type);
    let server: ExampleServer | undefined;
    try {
      server = await this.api.serverAction(serverId, type, options?.signal);
    } catch (error) {
      // A retry after a lost answer finds the action already under way (409): that is its answer.
      if (!(ProviderApiError.isInstance(error) && error.status === 409)) throw error;
      const now = await this.api.getServer(serverId, type, options?.signal);
      if (now === undefined || !UNDER_WAY[type].includes(now.state)) throw error;
      server = now;
    }
    if (server === undefined) throw new HostNotFoundError(id, { provider: this.provider, operation: type });
    return this.toHost(server, id);
  }

  /**
   * What may reach the server: the rules of the firewalls it names (two requests: the server, then
   * the firewalls), or `cloud-default` when it names none. A gone server is `HostNotFoundError`.
   */
  async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
    const { serverId } = exampleHostId.decode(id, 'inboundRules');
    const server = await this.api.getServer(serverId, 'inboundRules', options?.signal);
    if (server === undefined)
      throw new HostNotFoundError(id, { provider: this.provider, operation: 'inboundRules' });
    const attached = server.firewall_ids ?? [];
    if (attached.length === 0) return { kind: 'cloud-default' };
    const firewalls = (await this.api.allFirewalls('inboundRules', options?.signal)).filter((firewall) =>
      attached.includes(firewall.id),
    );
    if (firewalls.length === 0) return { kind: 'cloud-default' };
    const rules = firewalls.flatMap((firewall) => firewall.rules ?? []);
    return firewallInbound(
      rules.flatMap((rule) =>
        rule.protocol === 'tcp' || rule.protocol === 'udp'
          ? [{ from: rule.from_port, to: rule.to_port, protocol: rule.protocol }]
          : [],
      ),
      rules.flatMap((rule) => (rule.protocol === 'tcp' || rule.protocol === 'udp' ? [] : [rule.protocol])),
    );
  }

  /** The catalog's plans: the example cloud has no pricing API, so no request is sent. */
  async plans(query: PlanQuery = {}): Promise<Plan[]> {
    return this.context.manifest.catalog.plans.filter(
      (plan) =>
        query.region === undefined || plan.regions === undefined || plan.regions.includes(query.region),
    );
  }

  /** Managed hosts, every page, narrowed by owner, tags and region. */
  async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const tags = {
      ...filter.tags,
      ...(filter.owner === undefined ? {} : { [MANAGED_TAG_KEYS.owner]: filter.owner }),
    };
    const servers = await this.managedServers(tags, 'list', options?.signal);
    return servers
      .filter((server) => filter.region === undefined || server.region === filter.region)
      .map((server) => this.toHost(server));
  }

  /** The live server already carrying this identity (one being deleted does not count). */
  protected async findExisting(
    identity: string,
    signal: AbortSignal | undefined,
  ): Promise<ExampleServer | undefined> {
    const page = await this.api.listServers(
      { [MANAGED_TAG_KEYS.identity]: identity },
      1,
      'provision',
      signal,
    );
    return page.items.find((server) => server.state !== 'deleting');
  }

  /**
   * A firewall named after the host with exactly these rules: one left unattached by an earlier
   * failed attempt is reused (so retries do not pile them up), otherwise a new one is created.
   */
  protected async ensureFirewall(
    identity: string,
    rules: ExampleRule[],
    signal: AbortSignal | undefined,
  ): Promise<{ id: string; created: boolean }> {
    const candidates = await this.api.listFirewalls(identity, 'provision', signal);
    const reusable = candidates.find(
      (firewall) => (firewall.server_ids ?? []).length === 0 && sameRules(firewall.rules ?? [], rules),
    );
    if (reusable !== undefined) return { id: reusable.id, created: false };
    const created = await this.api.createFirewall(identity, rules, signal);
    return { id: created.id, created: true };
  }

  /** Removes a firewall this call created for a server that was not created. */
  protected async rollBackFirewall(
    firewallId: string,
    identity: string,
    failure: unknown,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    try {
      // Without an answer the server may exist, guarded by this firewall: keep it then.
      if (outcomeUnknown(failure) && (await this.findExisting(identity, signal)) !== undefined) return;
      await this.api.deleteFirewall(firewallId, 'provision', signal);
    } catch {
      // It carries the host's name: a retried provision reuses it and a cleanup finds it.
    }
  }

  protected async deleteFirewall(firewallId: string, signal: AbortSignal | undefined): Promise<void> {
    await this.api.deleteFirewall(firewallId, 'delete', signal);
  }

  protected async managedServers(
    tags: Record<string, string>,
    operation: 'list' | 'delete',
    signal: AbortSignal | undefined,
  ): Promise<ExampleServer[]> {
    const filter = { [MANAGED_TAG_KEYS.managedBy]: MANAGED_BY_VALUE, ...tags };
    return collectPages(1, (page: number) => this.api.listServers(filter, page, operation, signal), {
      provider: this.provider,
    });
  }

  protected toHost(server: ExampleServer, id?: string): Host {
    return toExampleHost(server, {
      provider: this.provider,
      catalog: this.context.manifest.catalog,
      ...(id === undefined ? {} : { id }),
    });
  }
}

/** Entry point `load()` resolves to. */
export function createProvisioner(
  settings: ExampleSettings,
  context: ProvisionerContext,
): ExampleProvisioner {
  return new ExampleProvisioner(settings, context);
}
