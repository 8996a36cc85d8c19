import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { formatMemory, parseMemorySize } from './sizes.js';

describe('parseMemorySize', () => {
  it.each([
    ['512MiB', 512],
    ['512MB', 512],
    ['512M', 512],
    ['1GiB', 1024],
    ['1gib', 1024],
    ['2GB', 2048],
    ['1.5G', 1536],
    ['1 GiB', 1024],
    ['1TiB', 1_048_576],
  ])('reads %s as %d MiB', (text, mib) => {
    expect(parseMemorySize(text)).toBe(mib);
  });

  it.each(['1024', 'GiB', '1KiB', '-1GiB', '1 gigabyte', ''])('refuses %j', (text) => {
    expect(() => parseMemorySize(text)).toThrow(UsageError);
  });
});

describe('formatMemory', () => {
  it.each([
    [512, '512 MiB'],
    [1024, '1 GiB'],
    [1536, '1.5 GiB'],
    [8192, '8 GiB'],
  ])('writes %d MiB as %s', (mib, text) => {
    expect(formatMemory(mib)).toBe(text);
  });
});
