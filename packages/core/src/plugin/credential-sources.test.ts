import { describe, expect, it } from 'vitest';
import { type CredentialSources, declaredCredentials } from './credential-sources.js';

const HOME = '/home/someone';
const answer = (sources: CredentialSources, env: Record<string, string>, files: readonly string[] = []) => {
  const asked: string[] = [];
  const result = declaredCredentials(sources, { HOME, ...env }, (path) => {
    asked.push(path);
    return files.includes(path);
  });
  return { result, asked };
};

describe('declaredCredentials', () => {
  const keys: CredentialSources = {
    variables: [{ set: ['KEY_ID', ['SECRET', 'OLD_SECRET']] }, { set: ['PROFILE'] }],
    files: [['$CREDENTIALS_FILE', '~/.cloud/credentials']],
  };

  it('is true when every entry of one set is given, an entry of names by any one of them', () => {
    expect(answer(keys, { KEY_ID: 'a', SECRET: 'b' }).result).toBe(true);
    expect(answer(keys, { KEY_ID: 'a', OLD_SECRET: 'b' }).result).toBe(true);
    expect(answer(keys, { PROFILE: 'work' }).result).toBe(true);
    expect(answer(keys, { KEY_ID: 'a' }).result).toBe(false);
    expect(answer(keys, { SECRET: 'b', OLD_SECRET: 'c' }).result).toBe(false);
  });

  it('is true when a credential file exists, at the first of its places that applies', () => {
    expect(answer(keys, {}, [`${HOME}/.cloud/credentials`])).toEqual({
      result: true,
      asked: [`${HOME}/.cloud/credentials`],
    });
    // The variable names the file: the home folder's is not looked at.
    expect(answer(keys, { CREDENTIALS_FILE: '/etc/creds' }, [`${HOME}/.cloud/credentials`])).toEqual({
      result: false,
      asked: ['/etc/creds'],
    });
    expect(answer(keys, { CREDENTIALS_FILE: '/etc/creds' }, ['/etc/creds']).result).toBe(true);
  });

  it('leaves the answer to the code when a file it parses exists, or a variable switches its source', () => {
    const parsed: CredentialSources = {
      variables: [{ set: ['TOKEN'], unset: ['APP_ID'] }],
      consult: { variables: ['CLOUD'], files: [['$CONFIG_DIR/config.toml', '~/.config/cloud/config.toml']] },
    };
    expect(answer(parsed, {}).result).toBe(false);
    expect(answer(parsed, { TOKEN: 't' }, [`${HOME}/.config/cloud/config.toml`]).result).toBe(true);
    expect(answer(parsed, {}, [`${HOME}/.config/cloud/config.toml`]).result).toBeUndefined();
    expect(answer(parsed, { CONFIG_DIR: '/opt/cloud' }, ['/opt/cloud/config.toml']).result).toBeUndefined();
    expect(answer(parsed, { CONFIG_DIR: '/opt/cloud' }, [`${HOME}/.config/cloud/config.toml`]).result).toBe(
      false,
    );
    expect(answer(parsed, { TOKEN: 't', CLOUD: 'mine' }).result).toBeUndefined();
    expect(answer(parsed, { TOKEN: 't', APP_ID: 'x' }).result).toBe(false);
  });

  it('leaves to the code a value it may read otherwise than as "set": empty, blank or spanning lines', () => {
    for (const value of ['', '  ', 'pass\nword', 'word\r'])
      expect(
        answer(keys, { KEY_ID: 'a', SECRET: 'b', OLD_SECRET: value }).result,
        JSON.stringify(value),
      ).toBe(undefined);
    expect(answer(keys, { CREDENTIALS_FILE: '' }).result).toBeUndefined();
  });

  it('leaves to the code a file in the home folder when there is no HOME', () => {
    const result = declaredCredentials(keys, {}, () => false);
    expect(result).toBeUndefined();
    expect(declaredCredentials(keys, { PROFILE: 'p' }, () => false)).toBe(true);
    expect(declaredCredentials({ variables: [{ set: ['TOKEN'] }] }, {}, () => false)).toBe(false);
  });

  it('takes a plain path as it is (absolute, or relative to the working directory)', () => {
    const plain: CredentialSources = { consult: { files: [['/etc/cloud.conf'], ['cloud.conf']] } };
    expect(answer(plain, {})).toEqual({ result: false, asked: ['/etc/cloud.conf', 'cloud.conf'] });
    expect(answer(plain, {}, ['cloud.conf']).result).toBeUndefined();
  });
});
