#!/usr/bin/env node
// Built-ins are taken with `process.getBuiltinModule()`: an ES import of one materialises all its
// exports, and `node:fs`'s load its stream and promise classes (a few milliseconds of every run).
const { enableCompileCache, getCompileCacheDir } = process.getBuiltinModule('node:module');
const { closeSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } =
  process.getBuiltinModule('node:fs');

const args = process.argv.slice(2);
const only = args.length === 1 ? args[0] : undefined;

// A pipe, a socket or a file: written with one system call, without creating `process.stdout`
// (which loads Node's network and stream modules for a pipe). See `processIo` in io.ts.
function plainOutput(): boolean {
  try {
    const stats = fstatSync(1);
    return stats.isFIFO() || stats.isSocket() || stats.isFile();
  } catch {
    return false;
  }
}

function print(text: string): void {
  if (!plainOutput()) {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    // A full non-blocking pipe, a closed reader: Node's stream writes the rest, or says why not.
    process.stdout.write(bytes.subarray(written));
  }
}

// Commander prints help in plain text 80 columns wide unless it writes to a terminal (then it
// wraps to the terminal's width and may colour it) or is told to colour.
const plainHelp = () =>
  (plainOutput() || process.stdout.isTTY !== true) &&
  process.env.FORCE_COLOR === undefined &&
  process.env.CLICOLOR_FORCE === undefined;

// `provision --version` answers from package.json alone, and `provision --help` outside a
// terminal from the help the build wrote (scripts/bundle.mjs, from this same program): scripts
// call them often, and the commands are not needed for them.
if (only === '--version' || only === '-V') {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  print(`${manifest.version}\n`);
} else if ((only === '--help' || only === '-h') && plainHelp()) {
  print(readFileSync(new URL('./help.txt', import.meta.url), 'utf8'));
} else {
  // Node keeps the compiled code of the providers the CLI loads on disk (in the system's temporary
  // folder, or NODE_COMPILE_CACHE), so the next start skips compiling them; the CLI's own code is
  // kept beside it by loadBundle.
  enableCompileCache?.(defaultCompileCacheFolder());
  const bundle = loadBundle(args[0]);
  process.exitCode = await bundle.main(process.argv);
  bundle.saveCodeCache();
}

/** The bundle's exports (see main.ts), and the means to keep its compiled code for the next run. */
interface LoadedBundle {
  readonly main: typeof import('./main.js').main;
  /** Writes the code this run compiled, unless the run started from it. Never throws. */
  saveCodeCache(): void;
}

/**
 * Compiles and runs the bundle (a script, see scripts/bundle.mjs): the command's own,
 * `provision-<command>.js`, when the first argument names one that has one, else the bundle of every
 * command. From the code cache kept for the command when there is one for this very file, and
 * lets the run write one when there is none. A script's cache, unlike the module cache Node keeps,
 * is made after the command ran: it holds every function the command called, which V8 would
 * otherwise compile again on each run. One cache per command keeps each to what that command
 * runs. Kept in Node's compile cache folder (one per Node version and set of V8 flags), as Node
 * keeps its own; none when Node's is off (NODE_DISABLE_COMPILE_CACHE).
 */
function loadBundle(first: string | undefined): LoadedBundle {
  const { Script } = process.getBuiltinModule('node:vm');
  const { fileURLToPath } = process.getBuiltinModule('node:url');
  const named = first !== undefined && /^[a-z]{1,20}$/.test(first) ? first : undefined;
  let url = new URL('./provision.js', import.meta.url);
  let fd: number | undefined;
  if (named !== undefined) {
    const own = new URL(`./provision-${named}.js`, import.meta.url);
    try {
      fd = openSync(fileURLToPath(own), 'r');
      url = own;
    } catch {
      // No bundle of its own (or not a command): the whole one.
    }
  }
  const path = fileURLToPath(url);
  fd ??= openSync(path, 'r');
  let source: string;
  let key: string;
  try {
    const stats = fstatSync(fd);
    source = readFileSync(fd, 'utf8');
    // The build's hash of the file, and its size and time: a file edited since gets a new cache.
    key = `${source.slice(2, source.indexOf('\n'))} ${stats.size} ${stats.mtimeMs}\n`;
  } finally {
    closeSync(fd);
  }
  const folder = getCompileCacheDir?.();
  const cacheFile = (name: string) =>
    folder === undefined ? undefined : `${folder}/provision-cli-${hashOf(path)}-${name}`;
  // A command's own cache, or for anything else (`help`, a mistyped command) the shared one, which
  // a command without its own yet starts from when it runs the whole bundle.
  const shared = cacheFile('-');
  const own = named === undefined ? shared : cacheFile(named);
  let cachedFrom = own;
  let cached = readCache(own, key);
  if (cached === undefined && own !== shared && url.href.endsWith('/provision.js')) {
    cachedFrom = shared;
    cached = readCache(shared, key);
  }
  const script = new Script(source, {
    filename: path,
    ...(cached === undefined ? {} : { cachedData: cached }),
  });
  const module: { exports: object } = { exports: {} };
  const run = script.runInThisContext() as (
    module: object,
    exports: object,
    bundleUrl: string,
    importModule: (specifier: string) => Promise<unknown>,
  ) => void;
  // The bundle imports providers' manifests (by file URL) and the emulator (by name) as a module
  // beside it would.
  run(module, module.exports, url.href, (specifier) => import(specifier));
  const { main, COMMAND_NAMES } = module.exports as typeof import('./main.js');
  const target = named !== undefined && COMMAND_NAMES.includes(named) ? own : shared;
  const fromTarget = cached !== undefined && !script.cachedDataRejected && cachedFrom === target;
  return {
    main,
    saveCodeCache() {
      if (target === undefined || fromTarget) return;
      try {
        const temporary = `${target}.${process.pid}`;
        writeFileSync(temporary, Buffer.concat([Buffer.from(key), script.createCachedData()]), {
          mode: 0o600,
        });
        renameSync(temporary, target);
      } catch {
        // A read-only or full disk: the next run compiles again.
      }
    },
  };
}

/**
 * Node's default compile cache folder, `os.tmpdir()/node-compile-cache`, named here as `os.tmpdir()`
 * names it on POSIX systems (loading `node:os` to ask costs each run about a quarter of a
 * millisecond). Undefined, for Node to decide, on Windows or when NODE_COMPILE_CACHE names one.
 */
function defaultCompileCacheFolder(): string | undefined {
  const { env } = process;
  if (process.platform === 'win32' || env.NODE_COMPILE_CACHE) return undefined;
  let folder = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (folder.length > 1 && folder.endsWith('/')) folder = folder.slice(0, -1);
  return `${folder}/node-compile-cache`;
}

/** The code cache in `file` when it was made from the bundle `key` describes. */
function readCache(file: string | undefined, key: string): Buffer | undefined {
  if (file === undefined) return undefined;
  try {
    const data = readFileSync(file);
    return data.subarray(0, key.length).toString() === key ? data.subarray(key.length) : undefined;
  } catch {
    return undefined;
  }
}

/** A short name for a path (FNV-1a), so that two installed copies of the CLI keep apart. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16);
}
