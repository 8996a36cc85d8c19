import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files of a repository, read on demand: from disk for the real tree, from a record in self-tests. */
export interface RepositoryFiles {
  /** Every file, relative to the repository root, with `/` separators, sorted. */
  readonly paths: readonly string[];
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
}

// Never part of the tree the rules judge: installs, build output, caches, the toolchain.
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.tools', '.turbo', 'coverage']);

/** The repository at `root` on disk, without installs, build output and caches. */
export function repositoryFromDisk(root: string): RepositoryFiles {
  const paths: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        paths.push(path);
      }
    }
  };
  walk('');
  paths.sort();
  const known = new Set(paths);
  const cache = new Map<string, string>();
  return {
    paths,
    read(path) {
      if (!known.has(path)) return undefined;
      let text = cache.get(path);
      if (text === undefined) {
        text = readFileSync(join(root, path), 'utf8');
        cache.set(path, text);
      }
      return text;
    },
  };
}

/** A repository held in memory: path (relative, `/`-separated) to text. */
export function repositoryFromRecord(files: Readonly<Record<string, string>>): RepositoryFiles {
  const paths = Object.keys(files).sort();
  return { paths, read: (path) => (Object.hasOwn(files, path) ? files[path] : undefined) };
}
