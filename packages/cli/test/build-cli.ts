import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds the CLI (and its references) so the tests run the current source as `dist/bin.js`. */
export default function buildCli(): void {
  const packageDir = join(import.meta.dirname, '..');
  execFileSync(join(packageDir, 'node_modules', '.bin', 'tsc'), ['-b'], {
    cwd: packageDir,
    stdio: 'inherit',
  });
}
