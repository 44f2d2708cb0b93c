import { describe, expect, it } from 'vitest';
import { Lru } from '../../../src-main/sim/market/tape';

describe('the tape cache bound', () => {
  it('evicts the least recently used values once their total weight passes the cap', () => {
    const lru = new Lru<string, number[]>(10, (v) => v.length);
    lru.set('a', [1, 2, 3, 4]);
    lru.set('b', [1, 2, 3, 4]);
    expect(lru.get('a')).toHaveLength(4); // a is now the most recent
    lru.set('c', [1, 2, 3]); // 11 > 10: b goes
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    lru.set('c', [1]); // replacing re-weighs: 4 + 1
    lru.set('d', [1, 2, 3, 4, 5]);
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('d')).toBeDefined();
  });

  it('keeps a single value heavier than the cap (a busy minute is still served)', () => {
    const lru = new Lru<string, number[]>(3, (v) => v.length);
    lru.set('big', [1, 2, 3, 4, 5]);
    expect(lru.get('big')).toHaveLength(5);
    lru.set('next', [1]);
    expect(lru.get('big')).toBeUndefined();
    expect(lru.get('next')).toHaveLength(1);
  });

  it('counts one per value by default', () => {
    const lru = new Lru<number, string>(2);
    lru.set(1, 'a');
    lru.set(2, 'b');
    lru.set(3, 'c');
    expect([lru.get(1), lru.get(2), lru.get(3)]).toEqual([undefined, 'b', 'c']);
  });
});
