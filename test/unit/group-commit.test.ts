import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/main/core/store/group-commit';

describe('GroupCommit', () => {
  it('commits writes queued in one tick together, and settles each after the commit', async () => {
    const batches: number[][] = [];
    const gc = new GroupCommit<number, string>((items) => {
      batches.push(items);
      return items.map((i) => `row-${i}`);
    });
    const first = [gc.add(1), gc.add(2), gc.add(3)];
    expect(batches).toEqual([]); // nothing committed synchronously
    expect(await Promise.all(first)).toEqual(['row-1', 'row-2', 'row-3']);
    expect(await gc.add(4)).toBe('row-4');
    expect(batches).toEqual([[1, 2, 3], [4]]);
    expect(gc.stats).toEqual({ batches: 2, items: 4, largestBatch: 3 });
  });

  it('rejects every write of a failed batch and keeps working', async () => {
    let fail = true;
    const gc = new GroupCommit<number, number>((items) => {
      if (fail) throw new Error('disk full');
      return items;
    });
    const results = await Promise.allSettled([gc.add(1), gc.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await gc.add(3)).toBe(3);
  });

  it('flush() commits at once (shutdown)', async () => {
    const seen: number[] = [];
    const gc = new GroupCommit<number, number>((items) => (seen.push(...items), items));
    const p = gc.add(9);
    gc.flush();
    expect(seen).toEqual([9]);
    expect(await p).toBe(9);
  });
});
