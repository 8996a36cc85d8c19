import { type CallOptions, type Host, HostNotFoundError, type ProvisionerContext } from '@provision/core';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

/** Broken on purpose: a host that is not found is reported with the request's Authorization header. */
class LeaksTokenExampleProvisioner extends ExampleProvisioner {
  constructor(
    private readonly settings: ExampleSettings,
    context: ProvisionerContext,
  ) {
    super(settings, context);
  }

  override async status(id: string, options?: CallOptions): Promise<Host> {
    try {
      return await super.status(id, options);
    } catch (error) {
      if (!HostNotFoundError.isInstance(error)) throw error;
      const token = this.settings.token ?? this.context.env.EXAMPLE_TOKEN;
      throw new HostNotFoundError(`${id} (requested with "Authorization: Bearer ${token}")`, {
        provider: this.provider,
        operation: 'status',
      });
    }
  }
}

export function createProvisioner(
  settings: ExampleSettings,
  context: ProvisionerContext,
): ExampleProvisioner {
  return new LeaksTokenExampleProvisioner(settings, context);
}
