import {
  type CallOptions,
  type DeleteResult,
  type Host,
  HostNotFoundError,
  type HostRef,
  ProviderApiError,
  ProvisionError,
  type ProvisionerContext,
  QuotaExceededError,
  RateLimitError,
  type ResolvedHostSpec,
} from '@provision/core';
import type { ExampleServer } from '../example-api.js';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

// Each class breaks one promise of the contract, to prove the check for it. Never use them for anything else.

/** Racing callers each keep the server they made. */
export class RacesOnName extends ExampleProvisioner {
  protected override async keepOldest(_identity: string, mine: ExampleServer): Promise<ExampleServer> {
    return mine;
  }
}

/** Returns a host it found as it is, saying nothing of how it differs from the spec. */
export class HidesSpecMismatch extends ExampleProvisioner {
  protected override withDifferences(host: Host): Host {
    return host;
  }
}

/** Waits a little "for the cloud to settle" before answering. */
export class SleepsBeforeReturning extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const host = await super.provision(spec, options);
    await new Promise((resolve) => setTimeout(resolve, 600));
    return host;
  }
}

/** Rewrites CRLF line ends "for the machine's sake". */
export class NormalisesLineEnds extends ExampleProvisioner {
  override provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision({ ...spec, userData: spec.userData?.replace(/\r\n/g, '\n') }, options);
  }
}

/** Boots every machine with a starter script when none is given. */
export class AddsStarterScript extends ExampleProvisioner {
  override provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision({ ...spec, userData: spec.userData ?? '#!/bin/sh\n' }, options);
  }
}

/** Replaces what UTF-8 cannot spell with U+FFFD and sends it on. */
export class RewritesBrokenUnicode extends ExampleProvisioner {
  override provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const userData = spec.userData?.replace(/[\uD800-\uDFFF]/g, '\uFFFD');
    return super.provision({ ...spec, userData }, options);
  }
}

/** Always creates in the default region. */
export class IgnoresRegion extends ExampleProvisioner {
  override provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision({ ...spec, region: this.context.manifest.defaults.region }, options);
  }
}

/** Shows the default plan's price whatever the plan. */
export class PriceOfDefaultPlan extends ExampleProvisioner {
  protected override toHost(server: ExampleServer, id?: string): Host {
    const host = super.toHost(server, id);
    const plan = this.context.manifest.catalog.plans.find((candidate) => candidate.id === 'nano');
    return plan === undefined ? host : { ...host, price: plan.price };
  }
}

/** Remembers the expiry instead of writing it to the cloud. */
export class ExpiryInMemory extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const host = await super.provision({ ...spec, ttlMs: undefined }, options);
    return spec.ttlMs === undefined ? host : { ...host, expiresAt: new Date(Date.now() + spec.ttlMs) };
  }
}

/** Says active as soon as the machine runs. */
export class ActiveWhenRunning extends ExampleProvisioner {
  protected override toHost(server: ExampleServer, id?: string): Host {
    const host = super.toHost(server, id);
    return server.state === 'running' ? { ...host, status: 'active' } : host;
  }
}

/** Falls back to the private address. */
export class PrivateAsPublic extends ExampleProvisioner {
  protected override toHost(server: ExampleServer, id?: string): Host {
    return super.toHost({ ...server, ipv4: server.ipv4 ?? server.private_ipv4 }, id);
  }
}

function invalidAnswer(error: unknown): boolean {
  return ProvisionError.isInstance(error) && error.code === 'invalid_response';
}

/** Takes any answer to a deletion for "gone". */
export class TrustsAnyDeleteAnswer extends ExampleProvisioner {
  constructor(settings: ExampleSettings, context: ProvisionerContext) {
    super(settings, context);
    const original = this.api.deleteServer;
    this.api.deleteServer = async (id, signal) =>
      original(id, signal).catch((error: unknown) => {
        if (invalidAnswer(error)) return 'gone' as const;
        throw error;
      });
  }
}

/** Takes an unreadable page of servers for an empty one. */
export class TrustsAnyListAnswer extends ExampleProvisioner {
  protected override async managedServers(
    tags: Record<string, string>,
    operation: 'list' | 'delete',
    signal: AbortSignal | undefined,
  ): Promise<ExampleServer[]> {
    return super.managedServers(tags, operation, signal).catch((error: unknown) => {
      if (invalidAnswer(error)) return [];
      throw error;
    });
  }
}

/** A host as a plugin that takes an unreadable answer for "still provisioning" makes one up. */
function madeUp(id: string, provider: string): Host {
  return {
    id,
    provider,
    name: 'unknown',
    owner: 'default',
    status: 'provisioning',
    nativeStatus: 'unknown',
    region: 'east-1',
    plan: 'nano',
    tags: {},
    firewalled: false,
  };
}

/** Takes an unreadable status answer for "still provisioning". */
export class TrustsAnyStatusAnswer extends ExampleProvisioner {
  override async status(id: string, options?: CallOptions): Promise<Host> {
    return super.status(id, options).catch((error: unknown) => {
      if (invalidAnswer(error)) return madeUp(id, this.provider);
      throw error;
    });
  }
}

/** Takes an unreadable answer to a creation for an accepted one. */
export class TrustsAnyCreateAnswer extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision(spec, options).catch((error: unknown) => {
      if (invalidAnswer(error)) return madeUp('1001', this.provider);
      throw error;
    });
  }
}

/** A power action on a host that is gone answers with a made-up host. */
export class PowersGhosts extends ExampleProvisioner {
  protected override async power(
    id: string,
    type: 'start' | 'stop' | 'reboot',
    options?: CallOptions,
  ): Promise<Host> {
    return super.power(id, type, options).catch((error: unknown) => {
      if (HostNotFoundError.isInstance(error)) return madeUp(id, this.provider);
      throw error;
    });
  }
}

/** A power action repeated after a lost answer fails, as the cloud says it is under way already. */
export class PowerOnceOnly extends ExampleProvisioner {
  protected override async power(
    id: string,
    type: 'start' | 'stop' | 'reboot',
    options?: CallOptions,
  ): Promise<Host> {
    const server = await this.api.serverAction(id.split('/')[0] as string, type, options?.signal);
    if (server === undefined) throw new HostNotFoundError(id, { provider: this.provider, operation: type });
    return this.toHost(server, id);
  }
}

/** Calls throttling a quota. */
export class ThrottlingAsQuota extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision(spec, options).catch((error: unknown) => {
      if (RateLimitError.isInstance(error))
        throw new QuotaExceededError('Too many requests.', { cause: error });
      throw error;
    });
  }
}

/** Loses the wait the cloud asked for. */
export class DropsRetryAfter extends ExampleProvisioner {
  override async status(id: string, options?: CallOptions): Promise<Host> {
    return super.status(id, options).catch((error: unknown) => {
      if (RateLimitError.isInstance(error)) throw new RateLimitError('Too many requests.');
      throw error;
    });
  }
}

/** A refused firewall is shrugged off: the server is made without it, and said to be firewalled. */
export class ClaimsFirewall extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    try {
      return await super.provision(spec, options);
    } catch (error) {
      if (spec.inbound === undefined || !ProvisionError.isInstance(error) || error.retryable) throw error;
      return { ...(await super.provision({ ...spec, inbound: undefined }, options)), firewalled: true };
    }
  }
}

/** A cancelled call leaves its firewall, and later calls never reuse one. */
export class AbortLeaksFirewall extends ExampleProvisioner {
  protected override async ensureFirewall(
    identity: string,
    rules: Parameters<ExampleProvisioner['ensureFirewall']>[1],
    signal: AbortSignal | undefined,
  ): Promise<{ id: string; created: boolean }> {
    return { id: (await this.api.createFirewall(identity, rules, signal)).id, created: true };
  }
  protected override async rollBackFirewall(
    firewallId: string,
    identity: string,
    failure: unknown,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!signal?.aborted) await super.rollBackFirewall(firewallId, identity, failure, signal);
  }
}

/** Keeps the firewall of a server the quota refused. */
export class QuotaLeaksFirewall extends ExampleProvisioner {
  protected override async rollBackFirewall(
    firewallId: string,
    identity: string,
    failure: unknown,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    if (!QuotaExceededError.isInstance(failure))
      await super.rollBackFirewall(firewallId, identity, failure, signal);
  }
}

/** Files the cloud's error message, request and all, as the error's code, where no redaction looks. */
export class QuotesCloudMessages extends ExampleProvisioner {
  static override redactsCloudMessages = false;
}

/** Explains a failed duplicate check with the user-data of the server just created. */
export class ExplainsWithUserData extends ExampleProvisioner {
  #userData: string | undefined;
  override provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    this.#userData = spec.userData;
    return super.provision(spec, options);
  }
  protected override async keepOldest(
    ...args: Parameters<ExampleProvisioner['keepOldest']>
  ): Promise<ExampleServer> {
    try {
      return await super.keepOldest(...args);
    } catch (error) {
      throw new ProviderApiError(`Could not check for duplicates of the server booting ${this.#userData}.`, {
        provider: this.provider,
        operation: 'provision',
        retryable: true,
        cause: error,
      });
    }
  }
}

/** Names the malformed token it refused. */
export class QuotesMalformedToken extends ExampleProvisioner {
  readonly #token: string | undefined;
  constructor(settings: ExampleSettings, context: ProvisionerContext) {
    super(settings, context);
    this.#token = settings.token ?? context.env.EXAMPLE_TOKEN;
  }
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision(spec, options).catch((error: unknown) => {
      if (ProvisionError.isInstance(error) && ['missing_credentials', 'invalid_request'].includes(error.code))
        throw new ProvisionError(error.code, `The token "${this.#token}" is not an example token.`, false);
      throw error;
    });
  }
}

/** Deletes whatever machine has the address, managed or not. */
export class DeletesAnyAddress extends ExampleProvisioner {
  override async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    if (!('ip' in ref)) return super.delete(ref, options);
    const page = await this.api.listServers({}, 1, 'delete', options?.signal);
    const server = page.items.find((candidate) => candidate.ipv4 === ref.ip);
    return server === undefined ? { done: true } : super.delete({ id: this.toHost(server).id }, options);
  }
}

/** By IP, deletes the server and forgets its firewall. */
export class ForgetsFirewallByIp extends ExampleProvisioner {
  override async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    if (!('ip' in ref)) return super.delete(ref, options);
    const server = (await this.managedServers({}, 'delete', options?.signal)).find(
      (candidate) => candidate.ipv4 === ref.ip,
    );
    return server === undefined ? { done: true } : super.delete({ id: server.id }, options);
  }
}
