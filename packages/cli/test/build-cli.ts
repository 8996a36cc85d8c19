import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Builds the CLI (and its references) so the tests run the current source as users run it:
 * `dist/bin.js` and the bundle it loads, `dist/provision.js` (scripts/bundle.mjs).
 */
export default function buildCli(): void {
  const packageDir = join(import.meta.dirname, '..');
  execFileSync(join(packageDir, 'node_modules', '.bin', 'tsc'), ['-b'], {
    cwd: packageDir,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [join(packageDir, 'scripts', 'bundle.mjs')], {
    cwd: packageDir,
    stdio: 'inherit',
  });
}
