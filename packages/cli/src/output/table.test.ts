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

  it('leaves a cell past the end of its row empty, and shows an empty or undefined one as -', () => {
    const text = renderTable(['id', 'name', 'note'], [['a', '', undefined], ['bb'], []]);
    expect(text.split('\n')).toEqual(['ID  NAME  NOTE', 'a   -     -', 'bb', '']);
  });

  it('renders the headings alone for no rows, and ignores cells beyond the headings', () => {
    expect(renderTable(['id', 'name'], [])).toBe('ID  NAME');
    expect(renderTable(['id'], [['a', 'extra']])).toBe('ID\na');
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
