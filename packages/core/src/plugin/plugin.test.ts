import { afterEach, describe, expect, it } from 'vitest';
import { sampleHost, samplePlugin } from '../__fixtures__/sample-plugin.js';
import { InvalidRequestError, ProviderApiError, UnsupportedError } from '../errors/errors.js';
import { ProvisionError } from '../errors/provision-error.js';
import { createProvisioner } from './create-provisioner.js';
import { definePlugin } from './define-plugin.js';
import { getPlugin, listPlugins, registerPlugin, registryConflicts, unregisterPlugin } from './registry.js';

afterEach(() => unregisterPlugin('sample'));

describe('createProvisioner', () => {
  it('loads the implementation only on the first real call, once', async () => {
    const loads = { count: 0 };
    const provisioner = createProvisioner(samplePlugin({ status: async () => sampleHost() }, loads), {
      token: 't',
    });
    expect(loads.count).toBe(0);
    await provisioner.status('h-1');
    await provisioner.status('h-1');
    expect(loads.count).toBe(1);
  });

  it('rejects bad input without loading the implementation', async () => {
    const loads = { count: 0 };
    const provisioner = createProvisioner(samplePlugin({}, loads), {});
    await expect(provisioner.provision({ name: 'Bad Name' })).rejects.toSatisfy(
      InvalidRequestError.isInstance,
    );
    await expect(provisioner.status('')).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(provisioner.delete({ ip: '999.1.1.1' })).rejects.toSatisfy(InvalidRequestError.isInstance);
    await expect(provisioner.delete({} as { id: string })).rejects.toSatisfy(InvalidRequestError.isInstance);
    const both = { id: 'h-1', ip: '203.0.113.7' } as unknown as { id: string };
    await expect(provisioner.delete(both)).rejects.toMatchObject({ field: 'ref' });
    for (const ip of [
      '10.0.0.1',
      '192.168.1.10',
      '127.0.0.1',
      '172.16.5.4',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
    ]) {
      await expect(provisioner.delete({ ip }), ip).rejects.toMatchObject({
        field: 'ip',
        code: 'invalid_request',
      });
    }
    expect(loads.count).toBe(0);
  });

  it('hands the implementation a resolved spec', async () => {
    let received: unknown;
    const provisioner = createProvisioner(
      samplePlugin({
        provision: async (spec) => {
          received = spec;
          return sampleHost();
        },
      }),
    );
    await provisioner.provision({ name: 'web', inbound: [{ from: 443 }] });
    expect(received).toMatchObject({
      name: 'web',
      region: 'r1',
      image: 'ubuntu-24-04',
      inbound: [{ from: 443, to: 443, protocol: 'tcp' }],
    });
  });

  it('checks settings against the plugin schema, naming the field but not the value', () => {
    expect(() => createProvisioner(samplePlugin(), { endpoint: 'not a url' } as never)).toThrowError(
      /setting "endpoint"/,
    );
    expect(() => createProvisioner(samplePlugin(), { tokn: 'secret-value' } as never)).toThrowError(
      expect.not.objectContaining({ message: expect.stringContaining('secret-value') }),
    );
  });

  it('exposes exactly the declared optional capabilities', () => {
    const provisioner = createProvisioner(samplePlugin());
    expect(typeof provisioner.list).toBe('function');
    expect(provisioner.start).toBeUndefined();
    expect(provisioner.quota).toBeUndefined();
  });

  it('says when a declared capability is missing from the implementation', async () => {
    await expect(createProvisioner(samplePlugin({})).list?.()).rejects.toSatisfy(UnsupportedError.isInstance);
  });
});

describe('definePlugin', () => {
  it('refuses a manifest whose defaults are not in its catalog', () => {
    const good = samplePlugin();
    expect(() => definePlugin({ ...good, defaults: { ...good.defaults, region: 'mars' } })).toThrow(
      /defaults.region "mars"/,
    );
    expect(() => definePlugin({ ...good, id: 'Bad Id' })).toThrow(/id "Bad Id"/);
    // A catalog without regions (the cloud's regions are its operator's names) takes any default.
    const open = definePlugin({
      ...good,
      defaults: { ...good.defaults, region: 'auto' },
      catalog: { ...good.catalog, regions: [] },
    });
    expect(open.defaults.region).toBe('auto');
    expect(() => definePlugin({ ...good, callBudget: { ...good.callBudget, status: 0 } })).toThrow(
      /callBudget.status/,
    );
  });

  it('checks a credential declaration, and takes one only beside the code it describes', () => {
    const good = samplePlugin();
    const credentials = { variables: [{ set: ['SAMPLE_TOKEN'] }] };
    expect(() => definePlugin({ ...good, credentials })).toThrow(/credentials needs hasCredentials/);
    const hasCredentials = () => false;
    expect(definePlugin({ ...good, credentials, hasCredentials }).credentials).toEqual(credentials);
    const bad = {
      variables: [{ set: [] }, { set: ['SAMPLE TOKEN', []], unset: ['-'] }],
      files: [[], ['$', '~/ok', '$HOME/ok']],
      consult: { variables: ['1X'], files: [['$NOT A NAME']] },
    };
    const message = (() => {
      try {
        definePlugin({ ...good, credentials: bad, hasCredentials });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const problem of [
      'credentials.variables[0].set must name a variable',
      'credentials.variables[1].set "SAMPLE TOKEN" is not a variable name',
      'credentials.variables[1].set holds an empty list',
      'credentials.variables[1].unset "-" is not a variable name',
      'credentials.files[0] must give a place',
      'credentials.files[1] place "$" is not',
      'credentials.consult.variables "1X" is not a variable name',
      'credentials.consult.files[0] place "$NOT A NAME" is not',
    ])
      expect(message).toContain(problem);
    expect(message).not.toContain('"~/ok"');
    expect(message).not.toContain('"$HOME/ok"');
  });
});

describe('registry', () => {
  it('shares one registry through globalThis and reports conflicting ids', () => {
    const first = samplePlugin();
    expect(registerPlugin(first)).toBe(true);
    expect(registerPlugin(first)).toBe(true);
    expect(registerPlugin({ ...first, packageName: 'provision-provider-sample' })).toBe(false);
    expect(getPlugin('sample')).toBe(first);
    expect(listPlugins().map((plugin) => plugin.id)).toContain('sample');
    expect(registryConflicts()).toContainEqual({
      id: 'sample',
      kept: '@provision/provider-sample@0.0.0',
      rejected: 'provision-provider-sample@0.0.0',
    });
    const holder = globalThis as unknown as Record<symbol, { plugins: Map<string, unknown> }>;
    expect(holder[Symbol.for('provision.registry.v1')]?.plugins.has('sample')).toBe(true);
  });
});

describe('errors', () => {
  it('are recognised across package copies by their Symbol.for brand', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('provision.error')]: true,
      [Symbol.for('provision.error.ProviderApiError')]: true,
    });
    expect(ProvisionError.isInstance(foreign)).toBe(true);
    expect(ProviderApiError.isInstance(foreign)).toBe(true);
    expect(InvalidRequestError.isInstance(foreign)).toBe(false);
  });
  it('carry code, provider, operation and retryable', () => {
    const error = new ProviderApiError('boom', {
      provider: 'p',
      operation: 'status',
      status: 503,
      retryable: true,
    });
    expect(error).toMatchObject({
      name: 'ProviderApiError',
      code: 'provider_api_error',
      provider: 'p',
      operation: 'status',
      retryable: true,
      status: 503,
    });
  });
});
