#!/usr/bin/env node
// Built-ins are taken with `process.getBuiltinModule()`: an ES import of one materialises all its
// exports, and `node:fs`'s load its stream and promise classes (a few milliseconds of every run).
const { enableCompileCache } = process.getBuiltinModule('node:module');
const { fstatSync, readFileSync, writeSync } = process.getBuiltinModule('node:fs');

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
  // Node keeps the compiled code of the CLI and of the providers it loads on disk (in the system's
  // temporary folder, or NODE_COMPILE_CACHE), so the next start skips compiling them.
  enableCompileCache?.();
  // The bundle of main.js (see scripts/bundle.mjs); the name is a variable so the type check,
  // which knows only the sources, reads the types from main.ts.
  const bundle = './provision.js';
  const { main } = (await import(bundle)) as typeof import('./main.js');
  process.exitCode = await main(process.argv);
}
