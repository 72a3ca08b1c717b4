import { describe, expect, it } from 'vitest';
import { inParallel } from './in-parallel.js';

/** A task that resolves when the test says so, recording what runs. */
function controlled() {
  const running = new Set<number>();
  const started: number[] = [];
  const finished: number[] = [];
  let peak = 0;
  const task = async (item: number): Promise<void> => {
    started.push(item);
    running.add(item);
    peak = Math.max(peak, running.size);
    await new Promise((resolve) => setImmediate(resolve));
    running.delete(item);
    if (item === 5) throw new Error('item 5 failed');
    finished.push(item);
  };
  return { task, started, finished, peak: () => peak, running };
}

describe('inParallel', () => {
  it('runs every item, never more than the limit at once', async () => {
    const run = controlled();
    const items = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10];
    await inParallel({ items, limit: 3, task: run.task });
    expect([...run.finished].sort((a, b) => a - b)).toEqual(items);
    expect(run.peak()).toBe(3);
  });

  it('on a failure starts nothing more, waits for the running tasks, then throws that failure', async () => {
    const run = controlled();
    const items = Array.from({ length: 20 }, (_, index) => index);
    await expect(inParallel({ items, limit: 4, task: run.task })).rejects.toThrow('item 5 failed');
    expect(run.running.size).toBe(0);
    expect(run.started.length).toBeLessThan(items.length);
    expect(run.started.length).toBe(run.finished.length + 1);
  });

  it('does nothing for no items', async () => {
    const run = controlled();
    await inParallel({ items: [], limit: 4, task: run.task });
    expect(run.started).toEqual([]);
  });
});
