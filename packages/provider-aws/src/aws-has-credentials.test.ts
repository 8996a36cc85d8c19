import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsPlugin } from './aws-plugin.js';

const hasCredentials = (env: Record<string, string>) => awsPlugin.hasCredentials?.(env);

function homeWith(file: 'credentials' | 'config' | undefined): string {
  const home = mkdtempSync(join(tmpdir(), 'provision-aws-home-'));
  if (file !== undefined) {
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', file), '[default]\n');
  }
  return home;
}

describe('awsPlugin.hasCredentials', () => {
  it('needs both static keys; one alone is not credentials', () => {
    const home = homeWith(undefined);
    expect(hasCredentials({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x' })).toBe(
      true,
    );
    expect(hasCredentials({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toBe(false);
    expect(hasCredentials({ HOME: home, AWS_SESSION_TOKEN: 'token' })).toBe(false);
    expect(hasCredentials({ HOME: home })).toBe(false);
  });

  it('finds the shared credentials and config files, and AWS_PROFILE', () => {
    expect(hasCredentials({ HOME: homeWith('credentials') })).toBe(true);
    expect(hasCredentials({ HOME: homeWith('config') })).toBe(true);
    expect(hasCredentials({ HOME: homeWith(undefined), AWS_PROFILE: 'work' })).toBe(true);
    const elsewhere = join(homeWith('credentials'), '.aws', 'credentials');
    expect(hasCredentials({ HOME: homeWith(undefined), AWS_SHARED_CREDENTIALS_FILE: elsewhere })).toBe(true);
  });

  it('names both keys in its help', () => {
    expect(awsPlugin.credentialsHelp).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });
});
