import { describe, expect, it } from 'vitest';
import { sameRules } from './groups/inbound-rules.js';

describe('sameRules', () => {
  it('ignores order', () => {
    expect(
      sameRules(
        [
          { from: 80, to: 81, protocol: 'tcp' },
          { from: 22, to: 22, protocol: 'tcp' },
        ],
        [
          { from: 22, to: 22, protocol: 'tcp' },
          { from: 80, to: 81, protocol: 'tcp' },
        ],
      ),
    ).toBe(true);
  });

  it('tells protocols, ranges and extra rules apart', () => {
    expect(sameRules([{ from: 22, to: 22, protocol: 'udp' }], [{ from: 22, to: 22, protocol: 'tcp' }])).toBe(
      false,
    );
    expect(sameRules([{ from: 22, to: 23, protocol: 'tcp' }], [{ from: 22, to: 22, protocol: 'tcp' }])).toBe(
      false,
    );
    expect(
      sameRules(
        [
          { from: 22, to: 22, protocol: 'tcp' },
          { from: 80, to: 80, protocol: 'tcp' },
        ],
        [{ from: 22, to: 22, protocol: 'tcp' }],
      ),
    ).toBe(false);
  });

  it('treats no firewall as different from an empty one', () => {
    expect(sameRules(undefined, undefined)).toBe(true);
    expect(sameRules(undefined, [])).toBe(false);
    expect(sameRules([], [])).toBe(true);
  });
});
