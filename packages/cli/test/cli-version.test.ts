import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR, runCli } from './run-cli.js';

const version = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('provision --version', () => {
  it.each(['--version', '-V'])('%s prints the package version and exits 0', async (flag) => {
    const run = await runCli([flag]);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('agrees with the full command path, taken when other arguments come with it', async () => {
    const run = await runCli(['--debug', '--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

describe('provision --help', () => {
  it.each(['--help', '-h'])('%s prints what the program itself prints for `provision help`', async (flag) => {
    const fromProgram = await runCli(['help']);
    expect(fromProgram.code).toBe(0);
    expect(fromProgram.stdout).toContain('Usage: provision [options] [command]');
    const run = await runCli([flag]);
    expect(run).toMatchObject({ code: 0, stdout: fromProgram.stdout, stderr: '' });
  });
});
