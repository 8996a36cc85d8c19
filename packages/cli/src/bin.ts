#!/usr/bin/env node
// `provision --version` answers from package.json alone: loading the commands (commander, core,
// zod) costs about 200 ms, and scripts call --version often.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  process.stdout.write(`${manifest.version}\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(process.argv);
}
