import {
  type CallOptions,
  type DeleteResult,
  type Host,
  type HostRef,
  type ListFilter,
  type PluginManifest,
  ProvisionError,
  type ProvisionerContext,
  type ResolvedHostSpec,
} from '@provision/core';
import { describe, expect, it } from 'vitest';
// The implementation class is internal to the example; subclassing it makes one defect per plugin.
import { ExampleProvisioner } from '../example/example-provisioner.js';
import { type ExampleSettings, examplePlugin } from '../example/index.js';
import { setupFakeServer } from '../fake-cloud/setup-fake-server.js';
import type { ContractGroup } from './contract-check.js';
import { contractChecks } from './contract-checks.js';
import { exampleContractConfig } from './example-contract-config.js';

const server = setupFakeServer();
const context = { use: server.use };

type Make = new (settings: ExampleSettings, context: ProvisionerContext) => ExampleProvisioner;

function pluginOf(Provisioner: Make): PluginManifest<ExampleSettings> {
  return {
    ...examplePlugin,
    load: async () => ({ createProvisioner: (settings, inner) => new Provisioner(settings, inner) }),
  };
}

class NonRetryableErrors extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    try {
      return await super.provision(spec, options);
    } catch (error) {
      throw new ProvisionError('failed', 'Provisioning failed.', false, { cause: error });
    }
  }
}

class RemembersIds extends ExampleProvisioner {
  readonly #ids = new Map<string, string>();
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    const host = await super.provision(spec, options);
    const id = `local-${this.#ids.size + 1}`;
    this.#ids.set(id, host.id);
    return { ...host, id };
  }
  override async status(id: string, options?: CallOptions): Promise<Host> {
    return { ...(await super.status(this.#ids.get(id) ?? id, options)), id };
  }
  override async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    return super.delete('id' in ref ? { id: this.#ids.get(ref.id) ?? ref.id } : ref, options);
  }
}

class HidesFailures extends ExampleProvisioner {
  override async status(id: string, options?: CallOptions): Promise<Host> {
    const host = await super.status(id, options);
    return host.status === 'error' ? { ...host, status: 'provisioning', error: undefined } : host;
  }
}

class DoneTooEarly extends ExampleProvisioner {
  override async delete(ref: HostRef, options?: CallOptions): Promise<DeleteResult> {
    await super.delete(ref, options);
    return { done: true };
  }
}

class OpensEverything extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    return super.provision({ ...spec, inbound: spec.inbound === undefined ? undefined : 'all' }, options);
  }
}

class ListIgnoresOwner extends ExampleProvisioner {
  override async list(filter: ListFilter = {}, options?: CallOptions): Promise<Host[]> {
    const { owner: _owner, ...rest } = filter;
    return super.list(rest, options);
  }
}

class NeverRetries extends ExampleProvisioner {
  constructor(settings: ExampleSettings, inner: ProvisionerContext) {
    super({ ...settings, retry: { maxRetries: 0 } }, inner);
  }
}

class LooksBeforeValidating extends ExampleProvisioner {
  override async status(id: string, options?: CallOptions): Promise<Host> {
    await this.list({}, options);
    return super.status(id, options);
  }
}

class LogsUserData extends ExampleProvisioner {
  override async provision(spec: ResolvedHostSpec, options?: CallOptions): Promise<Host> {
    this.context.logger.debug('creating a server', { script: spec.userData?.slice(0, 30) });
    return super.provision(spec, options);
  }
}

// The last field narrows the group to the checks whose name holds it (the group runs long otherwise).
const cases: Array<[string, Make, ContractGroup, RegExp, string?]> = [
  [
    'non-retryable errors',
    NonRetryableErrors,
    'fault matrix',
    /must surface as a retryable ProvisionError/,
    'provision: http-500',
  ],
  ['ids kept in memory', RemembersIds, 'statelessness', /not a valid example host id/],
  ['failed creations shown as provisioning', HidesFailures, 'lifecycle', /did not reach "error"/],
  ['delete done too early', DoneTooEarly, 'lifecycle', /still returned a host|left behind/],
  ['every port opened', OpensEverything, 'ports', /the cloud allows .*65535/],
  [
    'list ignores the owner',
    ListIgnoresOwner,
    'capabilities',
    /list\(\{ owner: 'alpha' \}\) returned/,
    'list filters by owner',
  ],
  [
    'no retries on 429',
    NeverRetries,
    'concurrency',
    /parallel provisions failed/,
    'parallel provisions under throttling',
  ],
  [
    'a request before validating the id',
    LooksBeforeValidating,
    'bad input',
    /request\(s\) reached the cloud/,
  ],
  ['user-data in the log', LogsUserData, 'secrets', /the user-data marker in logger/],
];

describe('the contract catches more defects', () => {
  for (const [defect, Provisioner, group, reason, only] of cases) {
    it(`${group}: ${defect}`, async () => {
      const checks = contractChecks({ ...exampleContractConfig, plugin: pluginOf(Provisioner) }).filter(
        (check) =>
          check.group === group &&
          check.skip === undefined &&
          (only === undefined || check.name.includes(only)),
      );
      expect(checks.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const check of checks) {
        await check
          .run(context)
          .catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
      }
      expect(
        failures.some((message) => reason.test(message)),
        failures.join('\n---\n') || 'every check passed',
      ).toBe(true);
    }, 60_000);
  }
});
