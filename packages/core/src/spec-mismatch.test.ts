import { describe, expect, it } from 'vitest';
import { samplePlugin } from './__fixtures__/sample-plugin.js';
import { describeInbound, specMismatch } from './spec-mismatch.js';
import { validateHostSpec } from './validate-host-spec.js';

const spec = validateHostSpec(samplePlugin({}), {
  name: 'web-1',
  region: 'r1',
  inbound: [{ from: 443 }, { from: 8000, to: 9000, protocol: 'udp' }],
  tags: { team: 'red' },
});

describe('specMismatch', () => {
  it('says nothing when the host is what the spec asks, whatever order its rules come in', () => {
    const rules = [
      { from: 8000, to: 9000, protocol: 'udp' },
      { from: 443, to: 443, protocol: 'tcp' },
    ];
    expect(
      specMismatch(
        { region: 'r1', plan: spec.plan, image: spec.image, inbound: rules, tags: { team: 'red' } },
        spec,
      ),
    ).toEqual([]);
    expect(specMismatch({}, spec)).toEqual([]);
  });

  it('names each field that differs, as the host has it and as asked', () => {
    expect(
      specMismatch(
        { region: 'r2', plan: 'big', image: 'img-old', os: 'ubuntu-22.04', inbound: 'none', tags: {} },
        spec,
      ),
    ).toEqual([
      `region: r2 (asked: r1)`,
      `plan: big (asked: ${spec.plan})`,
      `os: ubuntu-22.04 (asked: ${spec.os})`,
      'inbound: none (the default networking) (asked: 443/tcp, 8000-9000/udp)',
      'tags: {} (asked: team=red)',
    ]);
    const open = validateHostSpec(samplePlugin({}), { name: 'web-1', region: 'r1' });
    expect(specMismatch({ inbound: 'own' }, open)).toEqual([
      'inbound: its own firewall (asked: none (the default networking))',
    ]);
  });

  it('reads every TCP and UDP port as all, however the cloud spells the range', () => {
    expect(
      describeInbound([
        { from: 0, to: 65535, protocol: 'tcp' },
        { from: 1, to: 65535, protocol: 'udp' },
      ]),
    ).toBe('all');
    expect(describeInbound([{ from: 0, to: 65535, protocol: 'tcp' }])).toBe('0-65535/tcp');
    expect(describeInbound(undefined)).toBe('none (the default networking)');
  });
});
