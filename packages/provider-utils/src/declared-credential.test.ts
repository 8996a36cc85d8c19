import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissingCredentialsError } from '@provision/core';
import { describe, expect, it } from 'vitest';
import { declareCredential, tokenShape, topLevelYamlFile } from './declared-credential.js';
import { loadDeclaredCredential } from './load-credential.js';

const GOOD = 'A'.repeat(40);
const shape = tokenShape(/^[A-Z]{40}$/, 'a Tagcloud key is 40 capital letters');

/** A home folder holding `~/.config/tagcloud.yaml` with `yaml`. */
function homeWith(yaml: string): string {
  const home = mkdtempSync(join(tmpdir(), 'provision-declared-'));
  mkdirSync(join(home, '.config'));
  writeFileSync(join(home, '.config', 'tagcloud.yaml'), yaml);
  return home;
}

/** A key from `TAGCLOUD_KEY` or `TAGCLOUD_TOKEN`, then a config file that counts its reads. */
function tagcloudKey(fileValue: string | undefined) {
  const reads: string[] = [];
  const credential = declareCredential({
    provider: 'tagcloud',
    option: 'apiKey',
    envVars: ['TAGCLOUD_KEY', 'TAGCLOUD_TOKEN'],
    validate: shape,
    file: {
      places: ['$TAGCLOUD_CONFIG', '~/.tagcloud.yaml'],
      read: (env) => {
        reads.push(env.HOME ?? '');
        return fileValue;
      },
    },
  });
  return { credential, reads };
}

describe('tokenShape', () => {
  it('names white space apart from any other malformation, and passes a good value', () => {
    expect(shape(`${GOOD}\n`)).toBe('it contains white space (a stray newline from copying?)');
    expect(shape('a'.repeat(40))).toBe('a Tagcloud key is 40 capital letters');
    expect(shape(GOOD)).toBeUndefined();
  });
});

describe('topLevelYamlFile', () => {
  it('reads one key of a file under the home folder, and nothing without a home or a file', () => {
    const file = topLevelYamlFile('~/.config/tagcloud.yaml', 'api-key');
    expect(file.places).toEqual(['~/.config/tagcloud.yaml']);
    expect(file.read({ HOME: homeWith(`api-key: "${GOOD}"\nregion: ams\n`) })).toBe(GOOD);
    expect(file.read({ HOME: homeWith('region: ams\n') })).toBeUndefined();
    expect(file.read({ HOME: join(tmpdir(), 'provision-no-such-home') })).toBeUndefined();
    expect(file.read({})).toBeUndefined();
  });
});

describe('a declared credential', () => {
  it('is given by a non-blank variable or by its file', () => {
    expect(tagcloudKey(undefined).credential.isGiven({ TAGCLOUD_TOKEN: GOOD })).toBe(true);
    expect(tagcloudKey(undefined).credential.isGiven({ TAGCLOUD_KEY: '  ' })).toBe(false);
    expect(tagcloudKey(GOOD).credential.isGiven({})).toBe(true);
    expect(tagcloudKey(' ').credential.isGiven({})).toBe(false);
  });

  it('loads the setting, then each variable in order, then the file, which is read last only', () => {
    const { credential, reads } = tagcloudKey('B'.repeat(40));
    expect(loadDeclaredCredential(credential, GOOD, { TAGCLOUD_KEY: 'C'.repeat(40) })).toBe(GOOD);
    expect(loadDeclaredCredential(credential, undefined, { TAGCLOUD_TOKEN: 'C'.repeat(40) })).toBe(
      'C'.repeat(40),
    );
    expect(reads).toEqual([]);
    expect(loadDeclaredCredential(credential, undefined, { HOME: '/home/someone' })).toBe('B'.repeat(40));
    expect(reads).toEqual(['/home/someone']);
  });

  it('reports a malformed file value by the file’s name, never the value', () => {
    const { credential } = tagcloudKey('secret-value-from-file');
    const load = () => loadDeclaredCredential(credential, undefined, {});
    expect(load).toThrow(MissingCredentialsError);
    expect(load).toThrow(/from ~\/\.tagcloud\.yaml is malformed: a Tagcloud key is 40 capital letters/);
    expect(load).not.toThrow(/secret-value-from-file/);
  });

  it('says where it looked when nothing gives a value', () => {
    const { credential } = tagcloudKey(undefined);
    expect(() => loadDeclaredCredential(credential, undefined, {})).toThrow(
      'No tagcloud credential: pass the "apiKey" option or set TAGCLOUD_KEY or TAGCLOUD_TOKEN (or write it in ~/.tagcloud.yaml).',
    );
  });
});
