import type { CallOptions, Host, ProvisionerContext, ResolvedHostSpec } from '@provision/core';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

const MAX_POLLS = 100;

/** Broken on purpose: `provision()` polls until the host is active instead of returning at once. */
class BlockingExampleProvisioner extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    let host = await super.provision(spec, options);
    for (let poll = 0; poll < MAX_POLLS && host.status === 'provisioning'; poll += 1)
      host = await this.status(host.id, options);
    return host;
  }
}

export function createProvisioner(
  settings: ExampleSettings,
  context: ProvisionerContext,
): ExampleProvisioner {
  return new BlockingExampleProvisioner(settings, context);
}
