import { describe, expect, it } from 'vitest';
import { renderFields, renderTable } from './table.js';

describe('renderTable', () => {
  it('pads every column to its widest cell, right-aligning where asked, with no trailing spaces', () => {
    const text = renderTable(
      ['plan', 'vcpus', 'regions'],
      [
        ['cx23', 2, 'fsn1,nbg1'],
        ['cpx11', 12, undefined],
      ],
      ['left', 'right', 'left'],
    );
    expect(text.split('\n')).toEqual(['PLAN   VCPUS  REGIONS', 'cx23       2  fsn1,nbg1', 'cpx11     12  -']);
  });

  it('counts a letter with a combining mark, or any non-ASCII letter, as one column', () => {
    const decomposed = 'Montre\u0301al'; // "é" written as "e" and a combining acute accent
    const text = renderTable(
      ['region', 'plan'],
      [
        [decomposed, 'a'],
        ['São Paulo', 'b'],
        ['Oslo', 'c'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'REGION     PLAN',
      `${decomposed}   a`,
      'São Paulo  b',
      'Oslo       c',
    ]);
  });
});

describe('renderFields', () => {
  it('pads the labels to one width', () => {
    expect(
      renderFields(
        [
          ['id', 'x'],
          ['region', undefined],
        ],
        '  ',
      ),
    ).toBe('  id      x\n  region  -');
  });
});
