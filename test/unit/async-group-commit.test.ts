import { describe, expect, it } from 'vitest';
import { AsyncGroupCommit } from '../../src/main/core/store/async-group-commit';

/** A commit function whose transactions the test finishes by hand. */
function manualCommit() {
  const batches: { items: number[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const commit = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ items, finish: () => resolve(items.map((i) => `row-${i}`)), fail: reject });
    });
  return { batches, commit };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AsyncGroupCommit', () => {
  it('commits writes queued in one tick together, and settles each after the commit', async () => {
    const { batches, commit } = manualCommit();
    const gc = new AsyncGroupCommit(commit);
    let settled = false;
    const first = Promise.all([gc.add(1), gc.add(2), gc.add(3)]).then((r) => ((settled = true), r));
    expect(batches).toEqual([]);
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]]);
    await tick();
    expect(settled).toBe(false); // not before the commit
    batches[0]!.finish();
    expect(await first).toEqual(['row-1', 'row-2', 'row-3']);
    expect(gc.stats).toEqual({ batches: 1, items: 3, largestBatch: 3 });
  });

  it('keeps one batch in flight; writes arriving meanwhile form the next batch', async () => {
    const { batches, commit } = manualCommit();
    const gc = new AsyncGroupCommit(commit);
    const a = gc.add(1);
    await tick();
    const rest = [gc.add(2), gc.add(3)];
    await tick();
    const late = gc.add(4);
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1]]);
    batches[0]!.finish();
    expect(await a).toBe('row-1');
    await tick();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.finish();
    expect(await Promise.all([...rest, late])).toEqual(['row-2', 'row-3', 'row-4']);
  });

  it('with maxInFlight 2, a second batch starts while the first commits, and no third', async () => {
    const { batches, commit } = manualCommit();
    const gc = new AsyncGroupCommit(commit, 2);
    const a = gc.add(1);
    await tick();
    const b = gc.add(2);
    await tick();
    const c = [gc.add(3), gc.add(4)];
    await tick();
    expect(batches.map((x) => x.items)).toEqual([[1], [2]]);
    batches[1]!.finish(); // commits may finish out of order
    expect(await b).toBe('row-2');
    await tick();
    await tick();
    expect(batches.map((x) => x.items)).toEqual([[1], [2], [3, 4]]);
    batches[0]!.finish();
    batches[2]!.finish();
    expect(await Promise.all([a, ...c])).toEqual(['row-1', 'row-3', 'row-4']);
    await gc.flush();
    expect(gc.stats).toEqual({ batches: 3, items: 4, largestBatch: 2 });
  });

  it('a failed commit rejects its own batch only, and the next batch still runs', async () => {
    const { batches, commit } = manualCommit();
    const gc = new AsyncGroupCommit(commit);
    const failing = [gc.add(1), gc.add(2)];
    await tick();
    const next = gc.add(3);
    batches[0]!.fail(new Error('connection lost'));
    const results = await Promise.allSettled(failing);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await tick();
    batches[1]!.finish();
    expect(await next).toBe('row-3');
    expect(gc.stats.batches).toBe(1);
  });

  it('flush() starts a queued batch at once and waits for everything queued before it', async () => {
    const { batches, commit } = manualCommit();
    const gc = new AsyncGroupCommit(commit);
    expect(await gc.flush()).toBeUndefined(); // nothing queued
    void gc.add(1);
    let flushed = false;
    const flushing = gc.flush().then(() => (flushed = true));
    expect(batches.map((b) => b.items)).toEqual([[1]]); // started without waiting for the next tick
    const failed = gc.add(2).catch((error: Error) => error.message);
    const second = gc.flush().then(() => 'second');
    batches[0]!.finish();
    await flushing;
    expect(flushed).toBe(true);
    await tick();
    await tick();
    expect(batches.map((b) => b.items)).toEqual([[1], [2]]);
    batches[1]!.fail(new Error('x'));
    expect(await second).toBe('second'); // settles after a failed batch too
    expect(await failed).toBe('x');
  });
});
