import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeFile, readTopLevelYaml } from './cli-config-file.js';

describe('homeFile and readTopLevelYaml', () => {
  it('finds a file under HOME, else USERPROFILE, and nothing without either', () => {
    expect(homeFile({ HOME: '/home/u' }, '.config', 'x.yaml')).toBe(join('/home/u', '.config', 'x.yaml'));
    expect(homeFile({ HOME: '', USERPROFILE: 'C:/Users/u' }, 'x.yaml')).toBe(join('C:/Users/u', 'x.yaml'));
    expect(homeFile({}, 'x.yaml')).toBeUndefined();
  });

  it('reads top-level pairs: quotes and comments removed, nested and empty values left out', () => {
    const directory = mkdtempSync(join(tmpdir(), 'provision-cli-config-'));
    mkdirSync(join(directory, 'sub'));
    const path = join(directory, 'sub', 'cli.yaml');
    writeFileSync(
      path,
      [
        'token: "abc123" # from metal init',
        "project-id: '0f0e'",
        'api-key: plain # note',
        'hash: "a # b"',
        'organization-id: ""',
        'nested:',
        '  token: inner',
        '- item',
      ].join('\r\n'),
    );
    expect(readTopLevelYaml(path)).toEqual({
      token: 'abc123',
      'project-id': '0f0e',
      'api-key': 'plain',
      hash: 'a # b',
    });
    expect(readTopLevelYaml(join(directory, 'missing.yaml'))).toEqual({});
    expect(readTopLevelYaml(undefined)).toEqual({});
  });
});
