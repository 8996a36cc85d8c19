import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The one-shot script `status` is held against: Libcloud when installed, else a plain urllib GET. */
export interface OneShotScript {
  readonly kind: 'libcloud' | 'urllib';
  /** The Python that runs it. */
  readonly python: string;
  readonly script: string;
  /** `Apache Libcloud 3.4.1`, or what stands in for it and why. */
  readonly description: string;
}

const SCRIPTS = {
  libcloud: fileURLToPath(new URL('../one-shot/libcloud-get.py', import.meta.url)),
  urllib: fileURLToPath(new URL('../one-shot/urllib-get.py', import.meta.url)),
};

function run(python: string, code: string): string | undefined {
  const result = spawnSync(python, ['-c', code], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Finds a Python with Libcloud (the system's first, where Debian's python3-libcloud installs),
 * else a Python for the urllib stand-in; `undefined` when there is no Python at all.
 */
export function findOneShotScript(): OneShotScript | undefined {
  const candidates = [...new Set(['/usr/bin/python3', 'python3'])].filter(
    (python) => !python.startsWith('/') || existsSync(python),
  );
  const pythons = candidates.filter((python) => run(python, 'print(1)') === '1');
  for (const python of pythons) {
    const version = run(python, 'import libcloud; print(libcloud.__version__)');
    if (version !== undefined) {
      return {
        kind: 'libcloud',
        python,
        script: SCRIPTS.libcloud,
        description: `Apache Libcloud ${version} (${python})`,
      };
    }
  }
  const python = pythons[0];
  if (python === undefined) return undefined;
  return {
    kind: 'urllib',
    python,
    script: SCRIPTS.urllib,
    description: `a one-shot Python urllib GET standing in for Libcloud, which is not installed for ${python} (Debian: apt-get install python3-libcloud)`,
  };
}
