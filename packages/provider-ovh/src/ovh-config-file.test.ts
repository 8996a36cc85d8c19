import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIni, readOvhConfig } from './ovh-config-file.js';

const folder = () => mkdtempSync(join(tmpdir(), 'provision-ovh-conf-'));

describe('ovh.conf', () => {
  it('reads sections, key=value and key: value, and skips comments', () => {
    expect(
      parseIni(
        '; comment\n[default]\nendpoint = ovh-ca\n\n# another\n[ovh-ca]\napplication_key: abc\nconsumer_key=def\n',
      ),
    ).toEqual({ default: { endpoint: 'ovh-ca' }, 'ovh-ca': { application_key: 'abc', consumer_key: 'def' } });
  });

  it('merges ~/.ovh.conf and ./ovh.conf, the one in the working directory winning', () => {
    const home = folder();
    const cwd = folder();
    writeFileSync(
      join(home, '.ovh.conf'),
      '[default]\nendpoint=ovh-eu\n[ovh-eu]\napplication_key=fromhome\nconsumer_key=kept\n',
    );
    writeFileSync(join(cwd, 'ovh.conf'), '[ovh-eu]\napplication_key=fromcwd\n');
    expect(readOvhConfig({ HOME: home }, cwd, join(folder(), 'none'))).toEqual({
      default: { endpoint: 'ovh-eu' },
      'ovh-eu': { application_key: 'fromcwd', consumer_key: 'kept' },
    });
  });

  it('starts from the system file, which the others override', () => {
    const system = join(folder(), 'ovh.conf');
    writeFileSync(system, '[default]\nendpoint=ovh-us\n');
    expect(readOvhConfig({}, folder(), system)).toEqual({ default: { endpoint: 'ovh-us' } });
  });

  it('is empty when no file exists', () => {
    expect(readOvhConfig({ HOME: folder() }, folder(), join(folder(), 'none'))).toEqual({});
  });
});
