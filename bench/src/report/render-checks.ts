import type { BenchResults } from '../results.ts';
import { type Check, runChecks } from './checks.ts';
import { table } from './format.ts';
import { MIN_RUNS } from './noise.ts';

function verdictText(check: Check): string {
  switch (check.verdict) {
    case 'met':
      return 'met';
    case 'not met':
      return '**not met**';
    case 'noise':
      return '_noise_';
    default:
      return `_${check.verdict}_`;
  }
}

/** The targets table: target / measured / met, with why a figure gives no verdict. */
export function renderChecks(results: BenchResults): string {
  const checks = runChecks(results);
  if (checks.length === 0) return '_Nothing measured._';
  const count = (verdict: Check['verdict']) => checks.filter((check) => check.verdict === verdict).length;
  return [
    `Each target beside this run's figure. A timing from fewer than ${MIN_RUNS} runs, or whose spread (± the ratio's uncertainty: both sides' half-ranges, or their middle half from 8 runs on) is not smaller than its distance from the target, is **noise** and gets no verdict. Targets not met are work to do and do not fail the run; a call count above its excuse does.`,
    '',
    table(
      ['area', 'check', 'target', 'measured', 'met', 'note'],
      checks.map((check) => [
        check.area,
        check.name,
        check.target,
        check.measured,
        verdictText(check),
        check.note ?? '',
      ]),
    ),
    '',
    `${count('met')} met, ${count('not met')} not met, ${count('noise')} noise, ${count('not judged') + count('not measured')} not judged or not measured.`,
  ].join('\n');
}
