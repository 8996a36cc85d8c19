#!/usr/bin/env node
import { enableCompileCache } from 'node:module';

// `provision --version` answers from package.json alone: scripts call it often, and the commands
// are not needed for it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  process.stdout.write(`${manifest.version}\n`);
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
