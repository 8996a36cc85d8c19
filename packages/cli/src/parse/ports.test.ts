import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { collectPortRule, formatPortRule, parsePortRule } from './ports.js';

describe('parsePortRule', () => {
  it.each([
    ['80', { from: 80, to: 80, protocol: 'tcp' }],
    ['443/tcp', { from: 443, to: 443, protocol: 'tcp' }],
    ['53/udp', { from: 53, to: 53, protocol: 'udp' }],
    ['53/UDP', { from: 53, to: 53, protocol: 'udp' }],
    ['8000-9000', { from: 8000, to: 9000, protocol: 'tcp' }],
    ['8000-9000/udp', { from: 8000, to: 9000, protocol: 'udp' }],
    ['1-65535', { from: 1, to: 65535, protocol: 'tcp' }],
  ])('reads %s', (text, rule) => {
    expect(parsePortRule(text)).toEqual(rule);
  });

  it.each(['0', '70000', '65536', '9000-8000', '80/icmp', 'http', '80-', '-80', '80,443', ''])(
    'refuses %j',
    (text) => {
      expect(() => parsePortRule(text)).toThrow(UsageError);
    },
  );

  it('names the out-of-range port', () => {
    expect(() => parsePortRule('70000')).toThrow('70000 is not a port');
  });
});

describe('collectPortRule', () => {
  it('adds one rule per occurrence, in order', () => {
    const rules = ['80', '443', '8000-9000/udp'].reduce(
      (previous, text) => collectPortRule(text, previous),
      undefined as ReturnType<typeof collectPortRule> | undefined,
    );
    expect(rules?.map(formatPortRule)).toEqual(['80/tcp', '443/tcp', '8000-9000/udp']);
  });
});
