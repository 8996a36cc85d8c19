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
});
