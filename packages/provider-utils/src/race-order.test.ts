import { describe, expect, it } from 'vitest';
import { raceOrder } from './create-host-once.js';

describe('raceOrder', () => {
  interface Item {
    id: string | number;
    at?: string | number | Date | null;
  }
  const order = { idOf: (item: Item) => item.id, createdAtOf: (item: Item) => item.at };

  it('puts the oldest first, then the smallest id; an unknown time last', () => {
    const items = [
      { id: 'b', at: '2026-12-01T10:00:00Z' },
      { id: 'c', at: null },
      { id: 'a', at: new Date('2026-12-01T10:00:00Z') },
      { id: 'd', at: Date.parse('2026-12-01T09:00:00Z') },
    ];
    expect(raceOrder(items, order).map((item) => item.id)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('compares numeric ids as numbers', () => {
    expect(raceOrder<Item>([{ id: 10 }, { id: 9 }], order).map((item) => item.id)).toEqual([9, 10]);
  });

  it('compares ids written in decimal digits as numbers, and other text as text', () => {
    const ids = (items: Item[]) => raceOrder(items, order).map((item) => item.id);
    expect(ids([{ id: '1000' }, { id: '999' }, { id: '1001' }])).toEqual(['999', '1000', '1001']);
    expect(ids([{ id: '12345678901234567890' }, { id: '9' }])).toEqual(['9', '12345678901234567890']);
    expect(ids([{ id: 'b-10' }, { id: 'a-999' }, { id: 'a-1000' }])).toEqual(['a-1000', 'a-999', 'b-10']);
  });
});
