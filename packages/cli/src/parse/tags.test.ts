import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { collectTag, parseTag } from './tags.js';

describe('parseTag', () => {
  it('splits at the first =', () => {
    expect(parseTag('team=web')).toEqual(['team', 'web']);
    expect(parseTag('query=a=b')).toEqual(['query', 'a=b']);
    expect(parseTag('empty=')).toEqual(['empty', '']);
  });

  it.each(['team', '=web', ''])('refuses %j', (text) => {
    expect(() => parseTag(text)).toThrow(UsageError);
  });
});

describe('collectTag', () => {
  it('collects repeated --tag into one map', () => {
    expect(collectTag('b=2', collectTag('a=1'))).toEqual({ a: '1', b: '2' });
  });

  it('accepts the same tag twice but not one key with two values', () => {
    expect(collectTag('a=1', { a: '1' })).toEqual({ a: '1' });
    expect(() => collectTag('a=2', { a: '1' })).toThrow('given twice');
  });
});
