import { type CallOptions, type Host, hostIdentity, type ProvisionerContext } from '@provision/core';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

/** Broken on purpose: `status()` also looks up the host's firewall, one request over its budget. */
class OverBudgetExampleProvisioner extends ExampleProvisioner {
  override async status(id: string, options?: CallOptions): Promise<Host> {
    const host = await super.status(id, options);
    await this.api.listFirewalls(hostIdentity(host.owner, host.name), 'status', options?.signal);
    return host;
  }
}

export function createProvisioner(
  settings: ExampleSettings,
  context: ProvisionerContext,
): ExampleProvisioner {
  return new OverBudgetExampleProvisioner(settings, context);
}
