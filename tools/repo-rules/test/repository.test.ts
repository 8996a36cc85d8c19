import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/analysis.js';
import { checkRepository } from '../src/check-repository.js';
import { repositoryFromDisk } from '../src/repository-files.js';
import { manifestsOf, sdkDependencies } from '../src/rules/sdk-placement.js';
import { formatViolations, type RuleId, type Violation } from '../src/violation.js';

// The repository's rules, on the repository itself. A failure names the file, the import or field,
// and the rule; tools/repo-rules/src/rules/ says why each rule holds (DESIGN.md and CONVENTIONS.md).

/** A violation the tree has today, accepted until its owner fixes it. Matched by rule and file. */
interface KnownViolation {
  readonly rule: RuleId;
  readonly file: string;
  readonly reason: string;
}

// Keep this list short and dated by its reasons: an entry that no longer matches fails the test below,
// so the list can only shrink.
const KNOWN_VIOLATIONS: readonly KnownViolation[] = [];

const root = join(import.meta.dirname, '../../..');
const files = repositoryFromDisk(root);
const violations = checkRepository(files);

const isKnown = (violation: Violation) =>
  KNOWN_VIOLATIONS.some((known) => known.rule === violation.rule && known.file === violation.file);

describe('the repository keeps its rules', () => {
  it('sees the whole workspace (the rules ran over something)', () => {
    const analysis = analyse(files);
    const roles = new Set(analysis.workspace.packages.map((pkg) => pkg.role));
    expect([...roles].sort()).toEqual([
      'cli',
      'core',
      'emulator',
      'other',
      'provider',
      'provider-utils',
      'testkit',
    ]);
    const providers = analysis.workspace.packages
      .filter((pkg) => pkg.role === 'provider')
      .map((pkg) => pkg.name);
    expect(providers).toEqual(
      expect.arrayContaining(['@provision/provider-aws', '@provision/provider-digitalocean']),
    );
    const imports = [...analysis.sources.values()].reduce((total, file) => total + file.imports.length, 0);
    expect(imports).toBeGreaterThan(500);
  });

  it('reads the AWS SDK from its dependencies and finds the manifest that loads it lazily', () => {
    const analysis = analyse(files);
    const aws = analysis.workspace.byName.get('@provision/provider-aws');
    expect(aws && sdkDependencies(aws)).toContain('@aws-sdk/client-ec2');
    const manifests = aws === undefined ? [] : manifestsOf(analysis, aws);
    expect(manifests.map((manifest) => [manifest.id, manifest.maintainers])).toEqual([
      ['aws', ['@provision/aws-maintainers']],
    ]);
    // The SDK is imported somewhere, so the placement rule had something to judge.
    const sdkImports = [...analysis.sources.values()].filter(
      (file) =>
        file.owner === aws &&
        file.kind === 'runtime' &&
        file.imports.some((record) => record.specifier === '@aws-sdk/client-ec2' && !record.typeOnly),
    );
    expect(sdkImports.length).toBeGreaterThan(0);
  });

  it('breaks no rule outside the known list', () => {
    expect(formatViolations(violations.filter((violation) => !isKnown(violation)))).toBe('');
  });

  it('lists no known violation that is already fixed (remove those entries)', () => {
    const stale = KNOWN_VIOLATIONS.filter(
      (known) =>
        !violations.some((violation) => violation.rule === known.rule && violation.file === known.file),
    );
    expect(stale.map((known) => `${known.file} [${known.rule}]: ${known.reason}`)).toEqual([]);
  });
});
