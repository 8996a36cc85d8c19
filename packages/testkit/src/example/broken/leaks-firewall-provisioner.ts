import type { ProvisionerContext } from '@provision/core';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

/** Broken on purpose: `delete()` forgets the host's firewall, which then outlives it. */
class LeaksFirewallExampleProvisioner extends ExampleProvisioner {
  protected override async deleteFirewall(): Promise<void> {}
}

export function createProvisioner(
  settings: ExampleSettings,
  context: ProvisionerContext,
): ExampleProvisioner {
  return new LeaksFirewallExampleProvisioner(settings, context);
}
