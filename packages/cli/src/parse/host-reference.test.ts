import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { formatHostReference, parseHostReference } from './host-reference.js';

describe('host references', () => {
  it('reads the <provider>:<id> form that create and list print', () => {
    const printed = formatHostReference('digitalocean', '12345/0f0e0d0c-0000-4000-8000-000000000001');
    expect(parseHostReference(printed)).toEqual({
      provider: 'digitalocean',
      id: '12345/0f0e0d0c-0000-4000-8000-000000000001',
    });
  });

  it('keeps colons inside the id', () => {
    expect(parseHostReference('aws:arn:aws:ec2:eu-west-1:1:instance/i-1')).toEqual({
      provider: 'aws',
      id: 'arn:aws:ec2:eu-west-1:1:instance/i-1',
    });
  });

  it('takes a bare id with --provider, and strips a matching prefix', () => {
    expect(parseHostReference('12345', 'digitalocean')).toEqual({ provider: 'digitalocean', id: '12345' });
    expect(parseHostReference('digitalocean:12345', 'digitalocean')).toEqual({
      provider: 'digitalocean',
      id: '12345',
    });
  });

  it('with --provider, a prefix naming another provider is part of the id', () => {
    expect(parseHostReference('projects/p:x', 'gcp')).toEqual({ provider: 'gcp', id: 'projects/p:x' });
  });

  it('refuses a bare id without --provider, saying which forms work', () => {
    expect(() => parseHostReference('12345')).toThrow(UsageError);
    expect(() => parseHostReference('12345')).toThrow(
      expect.objectContaining({ hint: expect.stringContaining('--provider') }),
    );
    expect(() => parseHostReference('  ')).toThrow(UsageError);
  });
});
