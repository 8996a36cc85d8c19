import type { CallOptions, HostInbound } from '@provision/core';
import { ExampleProvisioner } from '../example-provisioner.js';

// Each class breaks one promise of `inboundRules()`, to prove the check for it. Never use them for anything else.

/** Says "everything is open" for a host without a firewall, instead of naming the cloud's default. */
export class AllWhenUnguarded extends ExampleProvisioner {
  override async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
    const answer = await super.inboundRules(id, options);
    return answer.kind === 'cloud-default' ? { kind: 'firewall', allows: 'all' } : answer;
  }
}

/** Answers a gone host with the cloud's default instead of HostNotFoundError. */
export class InboundOfGhosts extends ExampleProvisioner {
  override async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
    return super.inboundRules(id, options).catch(() => ({ kind: 'cloud-default' }) as const);
  }
}

/** Reads the server and every firewall one by one. */
export class InboundRulesOverBudget extends ExampleProvisioner {
  override async inboundRules(id: string, options?: CallOptions): Promise<HostInbound> {
    await super.inboundRules(id, options);
    return super.inboundRules(id, options);
  }
}
