// Adds up the vitest JSON reports every package wrote (test-results.json) and prints one
// closing line, "N passed, N failed, N skipped", so a reader of the log sees what really ran.
// Exits 1 when a package that has tests wrote no report (its run crashed before reporting).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
// The package folders are the workspace's own list (pnpm-workspace.yaml: `dir` or `dir/*` lines), so a
// package added anywhere in the workspace is counted, or reported when it wrote no report.
const patterns = [];
let inPackages = false;
for (const line of readFileSync('pnpm-workspace.yaml', 'utf8').split('\n')) {
  if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
  const item = inPackages ? /^\s+-\s+['"]?([^'"#\s]+)['"]?/.exec(line) : null;
  if (item !== null && !item[1].startsWith('!')) patterns.push(item[1]);
}
const folders = patterns.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return existsSync(pattern) ? [{ name: basename(pattern), dir: pattern }] : [];
  const root = pattern.slice(0, -2);
  return existsSync(root) ? readdirSync(root).map((name) => ({ name, dir: join(root, name) })) : [];
});
for (const { name, dir } of folders) {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue;
  const report = join(dir, 'test-results.json');
  if (!existsSync(report)) {
    missing.push(name);
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += result.numPassedTests;
  totals.failed += result.numFailedTests;
  totals.skipped += result.numPendingTests + result.numTodoTests;
  console.log(
    `${name}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests + result.numTodoTests} skipped`,
  );
}
if (missing.length > 0) console.log(`no test report from: ${missing.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(missing.length > 0 || totals.failed > 0 ? 1 : 0);
