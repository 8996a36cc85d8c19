import { PassThrough } from 'node:stream';
import type { DeleteResult, Host } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { specMismatchWarning } from './commands/create-outcome.js';
import { createContext } from './context.js';
import { hostView, specMismatchOf } from './output/hosts.js';
import { Redactor } from './output/redactor.js';
import { repeatUntilDone } from './waiting.js';

function context() {
  const io = {
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    env: {},
    cwd: '/',
  };
  return createContext(io, { output: 'json', debug: false }, new AbortController().signal, new Redactor());
}

// A converging delete as a provider answers it, call by call.
function answers(...results: Array<DeleteResult & { found?: boolean }>): () => Promise<DeleteResult> {
  let call = 0;
  return async () => results[Math.min(call++, results.length - 1)] as DeleteResult;
}

const settings = { timeoutMs: 60_000, intervalMs: 1, wait: true, label: 'x', provider: 'digitalocean' };

describe('repeatUntilDone', () => {
  it('reports found: false when the first call found nothing (a mistyped id)', async () => {
    const outcome = await repeatUntilDone(context(), answers({ done: true, found: false }), settings);
    expect(outcome).toMatchObject({ done: true, found: false, calls: 1 });
  });

  it('keeps what the first call found: later calls find less and less', async () => {
    const outcome = await repeatUntilDone(
      context(),
      answers({ done: false, found: true, remaining: ['firewall 1'] }, { done: true, found: false }),
      settings,
    );
    expect(outcome).toMatchObject({ done: true, found: true, calls: 2 });
  });

  it('leaves found undefined when the provider does not say', async () => {
    const outcome = await repeatUntilDone(context(), answers({ done: true }), settings);
    expect(outcome.found).toBeUndefined();
  });
});

describe('a create that returns an existing host with another spec', () => {
  const host = {
    id: '1',
    provider: 'digitalocean',
    name: 'web',
    owner: 'ci',
    status: 'active',
    nativeStatus: 'active',
    region: 'nyc1',
    plan: 's-1vcpu-1gb',
    tags: {},
    firewalled: false,
    specMismatch: ['plan', 'region'],
  } as unknown as Host;

  it('is warned about, naming the fields that differ and what to do', () => {
    expect(specMismatchOf(host)).toEqual(['plan', 'region']);
    const warning = specMismatchWarning(host, specMismatchOf(host));
    expect(warning).toContain(
      'web (owner ci) already exists as digitalocean:1 with a different plan, region',
    );
    expect(warning).toContain('`provision delete digitalocean:1 --wait`');
  });

  it('keeps the host JSON shape: the differences are beside it, not inside', () => {
    expect(Object.keys(hostView(host))).not.toContain('specMismatch');
    expect(specMismatchOf({ ...host, specMismatch: undefined } as unknown as Host)).toEqual([]);
  });
});
