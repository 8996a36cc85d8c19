import type { ProvisionerContext } from '@provision/core';
import type { ExampleServer } from '../example-api.js';
import { ExampleProvisioner } from '../example-provisioner.js';
import type { ExampleSettings } from '../example-settings.js';

/** Broken on purpose: `provision()` never looks for the host first, so a retry after a lost answer creates a second one. */
class DuplicatesExampleProvisioner extends ExampleProvisioner {
  protected override async findExisting(): Promise<ExampleServer | undefined> {
    return undefined;
  }
  protected override async keepOldest(_identity: string, mine: ExampleServer): Promise<ExampleServer> {
    return mine;
  }
}

export function createProvisioner(
  settings: ExampleSettings,
  context: ProvisionerContext,
): ExampleProvisioner {
  return new DuplicatesExampleProvisioner(settings, context);
}
