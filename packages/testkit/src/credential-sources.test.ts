import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyPluginManifest, CredentialSources } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { checkCredentialSources } from './credential-sources.js';

type Env = Readonly<Record<string, string | undefined>>;

// A plugin reads a token, or the `token = ...` line of its CLI's config file.
function configToken(env: Env): boolean {
  const path = env.ACME_CONFIG || (env.HOME ? join(env.HOME, '.acme', 'config') : undefined);
  if (path === undefined || !existsSync(path)) return false;
  return /^token = \S+$/m.test(readFileSync(path, 'utf8'));
}

function plugin(credentials: CredentialSources, hasCredentials: (env: Env) => boolean) {
  return { id: 'acme', credentials, hasCredentials } as unknown as AnyPluginManifest;
}

const code = (env: Env) => (env.ACME_TOKEN ?? '').trim() !== '' || configToken(env);
const config = ['$ACME_CONFIG', '~/.acme/config'];

describe('checkCredentialSources', () => {
  it('finds nothing wrong with a declaration that leaves the parsed file to the code', async () => {
    const report = await checkCredentialSources(
      plugin({ variables: [{ set: ['ACME_TOKEN'] }], consult: { files: [config] } }, code),
      [{ label: 'a config file with a token', files: { '~/.acme/config': 'token = abc\n' }, expected: true }],
    );
    expect(report.disagreements).toEqual([]);
    expect(report.cases.map((item) => item.label)).toEqual([
      'nothing set',
      'variables[0] set',
      'variables[0] without ACME_TOKEN',
      'ACME_TOKEN alone',
      'consult.files $ACME_CONFIG (empty)',
      'consult.files ~/.acme/config (empty)',
      'a config file with a token',
    ]);
    expect(report.cases.find((item) => item.label === 'variables[0] set')).toEqual({
      label: 'variables[0] set',
      declared: true,
      code: true,
    });
  });

  it('reports a file declared as a credential that the code reads and rejects when empty', async () => {
    const report = await checkCredentialSources(
      plugin({ variables: [{ set: ['ACME_TOKEN'] }], files: [config] }, code),
    );
    expect(report.disagreements).toEqual([
      'files $ACME_CONFIG (empty): the declaration says true, hasCredentials says false',
      'files ~/.acme/config (empty): the declaration says true, hasCredentials says false',
    ]);
  });

  it('reports a source the declaration does not know, through the author’s case', async () => {
    const report = await checkCredentialSources(plugin({ variables: [{ set: ['ACME_TOKEN'] }] }, code), [
      { label: 'a config file with a token', files: { '~/.acme/config': 'token = abc\n' }, expected: true },
    ]);
    expect(report.disagreements).toEqual([
      'a config file with a token: the declaration says false, hasCredentials says true',
    ]);
  });

  it('reports a set of variables the code does not take as a credential', async () => {
    const both = (env: Env) => Boolean(env.ACME_KEY && env.ACME_SECRET);
    const report = await checkCredentialSources(
      plugin({ variables: [{ set: [['ACME_KEY', 'ACME_SECRET']] }] }, both),
    );
    expect(report.disagreements).toEqual([
      'variables[0] set: the declaration says true, hasCredentials says false',
      'variables[0] set with ACME_SECRET: the declaration says true, hasCredentials says false',
      'ACME_KEY alone: the declaration says true, hasCredentials says false',
      'ACME_SECRET alone: the declaration says true, hasCredentials says false',
    ]);
  });

  it('reports a case whose code answer is not the one it expects', async () => {
    const report = await checkCredentialSources(
      plugin({ variables: [{ set: ['ACME_TOKEN'] }], consult: { files: [config] } }, code),
      [
        {
          label: 'a config file without a token',
          files: { '~/.acme/config': 'user = me\n' },
          expected: true,
        },
      ],
    );
    expect(report.disagreements).toEqual([
      'a config file without a token: hasCredentials says false, the case expects true',
    ]);
  });
});
